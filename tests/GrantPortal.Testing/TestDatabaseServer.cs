using GrantPortal.Web.Infrastructure.Database;
using GrantPortal.Web.Infrastructure.Jobs;
using Microsoft.Extensions.Logging.Abstractions;

namespace GrantPortal.Testing;

/// <summary>
/// One private PostgreSQL cluster per test run, with a database migrated once as a template. Each test class
/// clones the template (CREATE DATABASE ... TEMPLATE), which is much cheaper than migrating again and gives every
/// class its own clean data. The cluster is stopped and deleted when the test process exits.
/// </summary>
public static class TestDatabaseServer
{
    private const string TemplateName = "grantportal_template";

    private static readonly Lazy<Task<LocalPostgres>> Server = new(StartAsync);
    private static readonly SemaphoreSlim CloneLock = new(1, 1);

    /// <summary>Creates a new database with the full schema and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var server = await Server.Value;
        var name = $"test_{Guid.NewGuid():N}";
        // PostgreSQL copies a template only while nobody else is cloning it.
        await CloneLock.WaitAsync();
        try
        {
            await TestSql.ExecuteAsync(server.ConnectionString("postgres"), $"CREATE DATABASE \"{name}\" TEMPLATE {TemplateName}");
        }
        finally
        {
            CloneLock.Release();
        }

        return server.ConnectionString(name);
    }

    /// <summary>A connection string for a database that does not exist yet (for migration tests).</summary>
    public static async Task<string> NewEmptyDatabaseConnectionStringAsync() =>
        (await Server.Value).ConnectionString($"empty_{Guid.NewGuid():N}");

    private static async Task<LocalPostgres> StartAsync()
    {
        var root = Path.Combine(Path.GetTempPath(), "grantportal-tests", $"{Environment.ProcessId}-{Guid.NewGuid():N}");
        var server = LocalPostgres.Start(root);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            server.Stop();
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: /tmp is cleaned by the machine anyway.
            }
        };

        var template = server.ConnectionString(TemplateName) + ";Pooling=false";
        await new SchemaMigrator(template, NullLogger<SchemaMigrator>.Instance, [new QuartzSchema()]).MigrateAsync();
        return server;
    }
}
