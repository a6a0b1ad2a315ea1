using GrantPortal.Testing;
using GrantPortal.Web.Infrastructure.Database;

namespace GrantPortal.Web.Tests.Infrastructure.Database;

public sealed class LocalPostgresTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "grantportal-local-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Start_ReusesTheRunningServer_AndKeepsTheDataAcrossAStop()
    {
        var first = LocalPostgres.Start(_root);
        await TestSql.ExecuteAsync(first.ConnectionString("postgres"), "CREATE TABLE kept (value text); INSERT INTO kept VALUES ('still here')");

        var second = LocalPostgres.Start(_root); // e.g. the app was killed and started again
        Assert.Equal(first.Port, second.Port);
        Assert.False(second.StartedHere);

        first.Stop(); // Ctrl+C
        var third = LocalPostgres.Start(_root);
        Assert.True(third.StartedHere);
        Assert.Equal("still here", await TestSql.ScalarAsync<string>(third.ConnectionString("postgres"), "SELECT value FROM kept"));
        third.Stop();
    }

    [Fact]
    public void Start_WithoutServerBinaries_SaysWhatToInstall()
    {
        var error = Assert.Throws<LocalPostgresException>(() => LocalPostgres.Start(_root, binDirectory: "/nonexistent/bin"));

        Assert.Contains("apt-get install postgresql", error.Message);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
