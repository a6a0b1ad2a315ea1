using System.Diagnostics;
using GrantPortal.Testing;

namespace GrantPortal.Web.Tests.Infrastructure.Workflows;

public sealed class WorkflowStartupTests : IDisposable
{
    private readonly string _workflows = Directory.CreateDirectory(
        Path.Combine(Path.GetTempPath(), "grantportal-workflows", Guid.NewGuid().ToString("N"))).FullName;

    [Fact]
    public async Task AFaultyDefinition_StopsStartUp_WithOneMessageNamingTheFileThePlaceAndTheFault()
    {
        var broken = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "workflows", "component-substitution-grant.json"))
            .Replace("\"fourEyes\"", "\"fourEye\"", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(_workflows, "component-substitution-grant.json"), broken);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(typeof(Program).Assembly.Location);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__GrantPortal"] = await TestDatabaseServer.CreateDatabaseAsync();
        start.Environment["Workflows__Directory"] = _workflows;

        using var process = Process.Start(start)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(1, process.ExitCode);
        var message = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("component-substitution-grant.json: transitions[", message);
        Assert.Contains("unknown guard 'fourEye'", message);
    }

    public void Dispose() => Directory.Delete(_workflows, recursive: true);
}
