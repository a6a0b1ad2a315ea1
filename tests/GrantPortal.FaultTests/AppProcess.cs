using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace GrantPortal.FaultTests;

/// <summary>
/// The app as a real OS process (<c>dotnet GrantPortal.Web.dll</c> from the web project's build output), in the
/// Production environment over HTTPS, with fast job polls, so that a test can SIGKILL it and start it again on the
/// same port. Its console output goes to a log file under the cluster's folder, named in every failure.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private static int _started;

    private readonly FaultCluster _cluster;
    private readonly string _name;
    private readonly string _connectionString;
    private readonly string _environment;
    private readonly string[] _arguments;
    private readonly IReadOnlyDictionary<string, string> _settings;
    private Process? _process;

    private AppProcess(FaultCluster cluster, string name, string connectionString, string environment, string[] arguments, IReadOnlyDictionary<string, string> settings)
    {
        _cluster = cluster;
        _name = name;
        _connectionString = connectionString;
        _environment = environment;
        _arguments = arguments;
        _settings = settings;
        Port = FreePort();
        BaseAddress = new Uri($"https://127.0.0.1:{Port}");
    }

    public int Port { get; }

    public Uri BaseAddress { get; }

    /// <summary>How many times this app was killed.</summary>
    public int Kills { get; private set; }

    public string LogFile { get; private set; } = "";

    /// <summary>The process is running (it has not exited by itself or been killed).</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The Web project's build output, of the same configuration as this test assembly.</summary>
    private static string WebAssembly
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            var configuration = directory.Parent!.Name;
            while (!File.Exists(Path.Combine(directory.FullName, "GrantPortal.sln")))
            {
                directory = directory.Parent ?? throw new InvalidOperationException("GrantPortal.sln not found above the test assembly.");
            }

            return Path.Combine(directory.FullName, "src", "GrantPortal.Web", "bin", configuration, "net10.0", "GrantPortal.Web.dll");
        }
    }

    /// <param name="settings">Configuration on top of the fault tests' defaults, e.g. the SMTP sink's port.</param>
    public static AppProcess Start(
        FaultCluster cluster, string name, string connectionString, string environment = "Production", string[]? arguments = null,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        var app = new AppProcess(cluster, name, connectionString, environment, arguments ?? [], settings ?? new Dictionary<string, string>());
        app.Restart();
        return app;
    }

    /// <summary>Starts the process (again), on the same port, with the same settings.</summary>
    public void Restart()
    {
        if (_process is { HasExited: false })
        {
            throw new InvalidOperationException($"{_name} is still running.");
        }

        var web = WebAssembly;
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // The project folder: wwwroot and appsettings as in development; the workflows folder is found beside the assembly.
            WorkingDirectory = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(web)!, "..", "..", "..")),
        };
        start.ArgumentList.Add(web);
        foreach (var argument in _arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = _environment,
            ["ASPNETCORE_URLS"] = BaseAddress.ToString(),
            ["Kestrel__Certificates__Default__Path"] = _cluster.CertificatePath,
            ["Kestrel__Certificates__Default__Password"] = _cluster.CertificatePassword,
            ["ConnectionStrings__GrantPortal"] = _connectionString,
            ["Portal__PublicBaseUrl"] = BaseAddress.ToString(),
            ["Email__PickupDirectory"] = Path.Combine(_cluster.Root, "mail", _name),
            ["Workflows__TimerPollInterval"] = "00:00:00.500",
            ["Decisions__PdfPollInterval"] = "00:00:00.500",
            ["Email__PollInterval"] = "00:00:00.500",
            ["Jobs__ClusterCheckinInterval"] = "00:00:01",
            // Every simulated person signs in from the same loopback address.
            ["Security__LoginAttemptsPerMinute"] = "100000",
            ["Logging__Console__FormatterName"] = "simple",
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning",
            ["Logging__LogLevel__Quartz"] = "Warning",
            ["DOTNET_TieredPGO"] = "0",
        };
        foreach (var (key, value) in _settings)
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        Directory.CreateDirectory(Path.Combine(_cluster.Root, "logs"));
        LogFile = Path.Combine(_cluster.Root, "logs", $"{_name}-{Interlocked.Increment(ref _started)}.log");
        var log = new StreamWriter(LogFile) { AutoFlush = true };
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.Exited += (_, _) => Write(log, $"--- exited with {process.ExitCode}");
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.WriteLine(line);
        }
    }

    /// <summary>Waits until the app answers its readiness check (it then has migrated and reaches the database).</summary>
    public async Task WaitReadyAsync(TimeSpan? timeout = null)
    {
        using var client = Http.Client(BaseAddress);
        client.Timeout = TimeSpan.FromSeconds(5);
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        while (true)
        {
            if (_process is null || _process.HasExited)
            {
                throw new InvalidOperationException($"{_name} exited while starting; see {LogFile}:\n{Tail()}");
            }

            try
            {
                if ((await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{_name} was not ready in time; see {LogFile}:\n{Tail()}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>SIGKILL: no shut-down code runs, open transactions are left to the server to roll back.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            Kills++;
        }
    }

    public string Tail(int lines = 30) =>
        File.Exists(LogFile) ? string.Join('\n', File.ReadLines(LogFile).TakeLast(lines)) : "";

    public ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        _process?.Dispose();
        return ValueTask.CompletedTask;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
