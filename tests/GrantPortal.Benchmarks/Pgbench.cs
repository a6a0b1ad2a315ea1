using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Npgsql;

namespace GrantPortal.Benchmarks;

/// <summary>pgbench's built-in tpcb-like script against a database of its own on the benchmark's server.</summary>
public static partial class Pgbench
{
    [GeneratedRegex(@"tps = ([0-9.]+) \(without initial connection time\)")]
    private static partial Regex Tps();

    [GeneratedRegex(@"latency average = ([0-9.]+) ms")]
    private static partial Regex LatencyAverage();

    [GeneratedRegex(@"number of transactions actually processed: ([0-9]+)")]
    private static partial Regex Processed();

    /// <summary>Initialises a scale-<paramref name="scale"/> database, runs the script for <paramref name="seconds"/> and drops it.</summary>
    public static async Task<PgbenchResult> RunAsync(
        string binDirectory, int port, string password, string adminConnectionString,
        int scale, int clients, int seconds, Func<CpuSample> cpu, Action<string> progress, CancellationToken cancellationToken)
    {
        const string database = "pgbench";
        await ExecuteAsync(adminConnectionString, $"CREATE DATABASE {database}", cancellationToken);
        try
        {
            string[] connection = ["-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "-U", "grantportal"];
            progress($"pgbench: initialising scale {scale}");
            await RunToolAsync(binDirectory, password, [.. connection, "-i", "-q", "-s", $"{scale}", database], _ => { }, cancellationToken);

            progress($"pgbench: tpcb-like, {clients} clients, {seconds} s");
            var cpuBefore = cpu();
            var output = await RunToolAsync(binDirectory, password,
                [.. connection, "-c", $"{clients}", "-j", $"{Math.Min(2, clients)}", "-T", $"{seconds}", "-M", "prepared", "-P", "5", database],
                line => progress($"pgbench: {line}"), cancellationToken);
            var cpuAfter = cpu();
            double Figure(Regex pattern) => pattern.Match(output) is { Success: true } match
                ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
                : throw new InvalidOperationException($"pgbench's output has no '{pattern}':\n{output}");
            return new PgbenchResult(Figure(Tps()), Figure(LatencyAverage()), (long)Figure(Processed()), cpuBefore, cpuAfter);
        }
        finally
        {
            // Its tables would otherwise be vacuumed in the background while the next phase is measured.
            await ExecuteAsync(adminConnectionString, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)", CancellationToken.None);
        }
    }

    // pgbench is a client: unlike initdb and postgres it runs as root too, so it needs no runuser.
    private static async Task<string> RunToolAsync(
        string binDirectory, string password, string[] arguments, Action<string> onProgressLine, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Path.Combine(binDirectory, "pgbench"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PGPASSWORD"] = password;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not run pgbench.");
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = Task.Run(async () =>
        {
            // Progress (-P) and errors come on stderr.
            while (await process.StandardError.ReadLineAsync(cancellationToken) is { } line)
            {
                lock (output)
                {
                    output.AppendLine(line);
                }

                if (line.StartsWith("progress:", StringComparison.Ordinal))
                {
                    onProgressLine(line);
                }
            }
        }, cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        await stderr;
        var text = $"{await stdout}\n{output}";
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"pgbench {string.Join(' ', arguments)} failed ({process.ExitCode}):\n{text}");
        }

        return text;
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

public sealed record PgbenchResult(double Tps, double LatencyAverageMs, long Transactions, CpuSample CpuBefore, CpuSample CpuAfter)
{
    public (double ClientMs, double ServerMs) CpuPerTransaction => CpuAfter.PerUnit(CpuBefore, Transactions);
}
