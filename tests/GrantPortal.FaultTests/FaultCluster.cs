using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using GrantPortal.Testing;
using GrantPortal.Web.Infrastructure.Database;
using Npgsql;

namespace GrantPortal.FaultTests;

/// <summary>
/// A PostgreSQL cluster of this test project's own (the fault tests stop and start it, which must not disturb the
/// other test projects running at the same time), a TLS certificate for the app processes, and a seeded database
/// that each test clones: the demo accounts and call, and one application submitted through the app's pages.
/// </summary>
public sealed class FaultCluster : IAsyncLifetime
{
    private const string SeedDatabase = "fault_seed";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "grantportal-fault", $"{Environment.ProcessId}-{Guid.NewGuid():N}");
    private LocalPostgres? _server;
    private int _databases;

    public string Root => _root;

    public string CertificatePath => Path.Combine(_root, "app.pfx");

    public string CertificatePassword { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(12));

    /// <summary>The submitted application every test copies (see <see cref="Clones"/>).</summary>
    public Guid TemplateApplicationId { get; private set; }

    private LocalPostgres Server => _server ?? throw new InvalidOperationException("The cluster is not started.");

    private string DataDirectory => Path.Combine(_root, "pg", "data");

    public async Task InitializeAsync()
    {
        _server = LocalPostgres.Start(Path.Combine(_root, "pg"));
        WriteCertificate();
        var seed = Server.ConnectionString(SeedDatabase);
        // --seed-demo is refused outside Development: one short run there fills the demo data, then the app runs as in production.
        await using (var seeding = AppProcess.Start(this, "seed", seed, environment: "Development", arguments: ["--seed-demo"]))
        {
            await seeding.WaitReadyAsync();
        }

        await using (var app = AppProcess.Start(this, "template", seed))
        {
            await app.WaitReadyAsync();
            TemplateApplicationId = await Clones.SubmitTemplateAsync(app);
        }

        NpgsqlConnection.ClearAllPools();
    }

    public async Task DisposeAsync()
    {
        await Task.Yield();
        _server?.Stop();
        if (Environment.GetEnvironmentVariable("FAULT_KEEP") == "1")
        {
            return; // the logs and the cluster, to read after a run
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: /tmp is cleaned by the machine anyway.
        }
    }

    /// <summary>A new database, a copy of the seeded one; its connection string.</summary>
    public async Task<string> NewDatabaseAsync()
    {
        var name = $"fault_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid():N}"[..30];
        await TestSql.ExecuteAsync(Server.ConnectionString("postgres"), $"CREATE DATABASE \"{name}\" TEMPLATE {SeedDatabase}");
        return Server.ConnectionString(name);
    }

    /// <summary>Stops the server: "fast" rolls back open transactions and disconnects; "immediate" is a crash (recovery on start).</summary>
    public void StopServer(string mode) => PgCtl("stop", "-D", DataDirectory, "-m", mode, "-w", "-t", "60");

    /// <summary>Starts it again on the same port, as an administrator would after maintenance.</summary>
    public void StartServer() =>
        PgCtl("start", "-D", DataDirectory, "-w", "-t", "60", "-l", Path.Combine(_root, "pg", "server.log"),
            "-o", $"-p {Server.Port} -h 127.0.0.1 -k {DataDirectory} -N 300");

    private void PgCtl(params string[] arguments)
    {
        var pgCtl = Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin", "pg_ctl")).Where(File.Exists).Order().Last();
        var asRoot = Environment.UserName == "root";
        var start = new ProcessStartInfo(asRoot ? "runuser" : pgCtl) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (asRoot ? ["-u", "postgres", "--", pgCtl] : Array.Empty<string>()).Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(90)) || process.ExitCode != 0)
        {
            throw new InvalidOperationException($"pg_ctl {string.Join(' ', arguments)} failed: {output.Result}{error.Result}");
        }
    }

    private void WriteCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        File.WriteAllBytes(CertificatePath, certificate.Export(X509ContentType.Pfx, CertificatePassword));
    }
}

[CollectionDefinition(Name)]
public sealed class FaultCollection : ICollectionFixture<FaultCluster>
{
    public const string Name = "fault";
}
