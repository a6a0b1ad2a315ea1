using System.Diagnostics;
using GrantPortal.Testing;
using GrantPortal.Web.Infrastructure.Database;
using Npgsql;

namespace GrantPortal.Benchmarks;

/// <summary>
/// A throw-away PostgreSQL cluster and the real app over databases in it, as the tests run it (routing, sign-in
/// cookie, the use cases' EF queries, the Razor pages), for the benchmarks that time pages. Disposing stops the apps
/// and the cluster and deletes its folder.
/// </summary>
public sealed class PortalBench : IAsyncDisposable
{
    // The app's own log would drown the figures.
    private static readonly Dictionary<string, string> Quiet = new() { ["Logging:LogLevel:Default"] = "Error" };

    private readonly List<PortalAppFactory> _apps = [];

    private PortalBench(string root, LocalPostgres server)
    {
        Root = root;
        Server = server;
    }

    public string Root { get; }

    public LocalPostgres Server { get; }

    public static PortalBench Start()
    {
        // WebApplicationFactory finds the app's content root through MvcTestingAppManifest.json in the working folder.
        Directory.SetCurrentDirectory(AppContext.BaseDirectory);
        var root = Path.Combine(Path.GetTempPath(), "grantportal-bench", $"{Environment.ProcessId}-{Guid.NewGuid():N}");
        Progress($"starting a PostgreSQL cluster in {root}");
        try
        {
            return new PortalBench(root, LocalPostgres.Start(root));
        }
        catch
        {
            DeleteFolder(root);
            throw;
        }
    }

    /// <summary>The app over a new database of this cluster; it migrates the database as it starts (on first use).</summary>
    public PortalAppFactory App(string database, IReadOnlyDictionary<string, string>? settings = null)
    {
        var all = new Dictionary<string, string>(Quiet);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        var app = new PortalAppFactory(Server.ConnectionString(database), settings: all);
        _apps.Add(app);
        return app;
    }

    public async ValueTask DisposeAsync()
    {
        Progress("stopping the app and the cluster, deleting its folder");
        foreach (var app in _apps)
        {
            await app.DisposeAsync();
        }

        NpgsqlConnection.ClearAllPools();
        Server.Stop();
        DeleteFolder(Root);
    }

    /// <summary>GETs a page and reads it whole.</summary>
    /// <returns>Milliseconds from sending to the last byte, and the page.</returns>
    /// <exception cref="InvalidOperationException">The page did not answer 2xx.</exception>
    public static async Task<(double Ms, string Body)> GetAsync(HttpClient client, string url, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        using var response = await client.GetAsync(url, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var ms = watch.Elapsed.TotalMilliseconds;
        return response.IsSuccessStatusCode ? (ms, body) : throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode}");
    }

    public static async Task<T> ScalarAsync<T>(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 1800 };
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Nearest rank.</summary>
    public static double Percentile(IReadOnlyCollection<double> values, double p)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    /// <summary>The machine's load averages over 1, 5 and 15 minutes, as uptime prints them.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    public static void Progress(string message) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");

    private static void DeleteFolder(string root)
    {
        try
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"Could not delete {root}: {e.Message}");
        }
    }
}
