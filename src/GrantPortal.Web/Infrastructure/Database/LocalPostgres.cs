using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;

namespace GrantPortal.Web.Infrastructure.Database;

/// <summary>
/// A private PostgreSQL cluster started from the machine's own server binaries, so that the app and the tests
/// need no database set-up. Its data, port and password live in one folder that is reused on the next start.
/// </summary>
public sealed class LocalPostgres
{
    private const string SuperUser = "grantportal";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    private readonly string _root;
    private readonly string _binDirectory;
    private readonly bool _runAsPostgresUser;

    private LocalPostgres(string root, string binDirectory)
    {
        _root = root;
        _binDirectory = binDirectory;
        // initdb and postgres refuse to run as root; the machine's "postgres" account runs them instead.
        _runAsPostgresUser = Environment.UserName == "root";
    }

    private string DataDirectory => Path.Combine(_root, "data");

    private string SettingsFile => Path.Combine(_root, "cluster.json");

    /// <summary>True when this process started the server (and so should stop it on shut-down).</summary>
    public bool StartedHere { get; private set; }

    public int Port { get; private set; }

    public string Password { get; private set; } = "";

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Database={database};Username={SuperUser};Password={Password}";

    /// <summary>Creates the cluster on first use, starts it if it is not running, and returns it.</summary>
    /// <exception cref="LocalPostgresException">With a message a person can act on.</exception>
    public static LocalPostgres Start(string root, string? binDirectory = null)
    {
        binDirectory = string.IsNullOrEmpty(binDirectory) ? FindBinDirectory() : binDirectory;
        if (!File.Exists(Path.Combine(binDirectory, "pg_ctl")) || !File.Exists(Path.Combine(binDirectory, "initdb")))
        {
            throw new LocalPostgresException(
                $"PostgreSQL server binaries (initdb, pg_ctl) were not found in {binDirectory}. {InstallHint}");
        }

        var postgres = new LocalPostgres(Path.GetFullPath(root), binDirectory);
        postgres.EnsureStarted();
        return postgres;
    }

    public void Stop()
    {
        if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            Run("pg_ctl", ["stop", "-D", DataDirectory, "-m", "fast", "-w"], allowFailure: true);
        }
    }

    private static string FindBinDirectory()
    {
        var versions = Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql") : [];
        return versions
            .Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "pg_ctl")) && File.Exists(Path.Combine(d, "initdb")))
            .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
            .FirstOrDefault()
            ?? throw new LocalPostgresException(
                $"PostgreSQL server binaries were not found (looked for /usr/lib/postgresql/*/bin/pg_ctl). {InstallHint}");
    }

    private const string InstallHint =
        "Install them with 'apt-get install postgresql', or set ConnectionStrings:GrantPortal to use an existing server.";

    private void EnsureStarted()
    {
        Directory.CreateDirectory(_root);
        if (!File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
        {
            Initialise();
        }

        var settings = JsonSerializer.Deserialize<ClusterSettings>(File.ReadAllText(SettingsFile))
            ?? throw new LocalPostgresException($"{SettingsFile} is unreadable; delete {_root} to start afresh.");
        Password = settings.Password;

        if (RunningPort() is { } port)
        {
            Port = port;
            return;
        }

        Port = FreePort();
        var log = Path.Combine(_root, "server.log");
        GrantToServer(_root);
        var result = Run("pg_ctl",
            ["start", "-D", DataDirectory, "-w", "-t", "60", "-l", log,
             // 300 connections rather than 100: the test suite runs many apps (each with its pool and jobs) on one cluster.
             "-o", $"-p {Port} -h 127.0.0.1 -k {DataDirectory} -N 300"],
            allowFailure: true);
        if (result.ExitCode != 0)
        {
            var tail = File.Exists(log) ? string.Join('\n', File.ReadLines(log).TakeLast(5)) : result.Output;
            throw new LocalPostgresException($"The local PostgreSQL server in {DataDirectory} did not start:\n{tail}");
        }

        StartedHere = true;
    }

    private void Initialise()
    {
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true); // a half-made cluster from an interrupted initdb
        }

        var settings = new ClusterSettings(Convert.ToHexString(RandomNumberGenerator.GetBytes(24)));
        var passwordFile = Path.Combine(_root, "initdb.pw");
        File.WriteAllText(passwordFile, settings.Password);
        try
        {
            GrantToServer(_root);
            Run("initdb",
                ["-D", DataDirectory, "-U", SuperUser, "--pwfile", passwordFile, "--auth", "scram-sha-256",
                 "-E", "UTF8", "--locale", "C.UTF-8", "--no-instructions"]);
        }
        finally
        {
            File.Delete(passwordFile);
        }

        File.WriteAllText(SettingsFile, JsonSerializer.Serialize(settings));
    }

    /// <summary>The port of a server already running on this data folder (left by an earlier run), if any.</summary>
    private int? RunningPort()
    {
        var pidFile = Path.Combine(DataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile) || Run("pg_ctl", ["status", "-D", DataDirectory], allowFailure: true).ExitCode != 0)
        {
            return null;
        }

        // postmaster.pid: line 4 is the port (PostgreSQL documents the layout in pidfile.h).
        var lines = File.ReadAllLines(pidFile);
        return lines.Length > 3 && int.TryParse(lines[3], out var port) ? port : null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void GrantToServer(string path)
    {
        if (_runAsPostgresUser)
        {
            Run("/bin/chown", ["-R", "postgres:postgres", path], binary: false);
        }
    }

    private (int ExitCode, string Output) Run(string tool, string[] arguments, bool allowFailure = false, bool binary = true)
    {
        var executable = binary ? Path.Combine(_binDirectory, tool) : tool;
        var start = new ProcessStartInfo
        {
            FileName = _runAsPostgresUser && binary ? "runuser" : executable,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _root,
        };
        if (_runAsPostgresUser && binary)
        {
            foreach (var argument in new[] { "-u", "postgres", "--", executable })
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)
            ?? throw new LocalPostgresException($"Could not run {executable}.");
        // Read both streams concurrently; a full pipe would otherwise block the child.
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(CommandTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new LocalPostgresException($"{tool} did not finish within {CommandTimeout.TotalSeconds} s.");
        }

        var output = (stdout.Result + stderr.Result).Trim();
        if (process.ExitCode != 0 && !allowFailure)
        {
            var hint = _runAsPostgresUser && output.Contains("Permission denied", StringComparison.Ordinal)
                ? $" The 'postgres' account must be able to reach {_root}; choose a folder outside a private home directory."
                : "";
            throw new LocalPostgresException($"{tool} failed ({process.ExitCode}): {output}{hint}");
        }

        return (process.ExitCode, output);
    }

    private sealed record ClusterSettings(string Password);
}

/// <summary>The local database could not be provided; the message says what to do.</summary>
public sealed class LocalPostgresException(string message) : Exception(message);
