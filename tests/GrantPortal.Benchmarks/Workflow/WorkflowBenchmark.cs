using System.Diagnostics;
using System.Globalization;
using GrantPortal.Web.Infrastructure.Database;
using GrantPortal.Workflows.Runtime;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace GrantPortal.Benchmarks.Workflow;

/// <param name="NpgsqlSettings">Added to the engine's connection string after the app's own settings, to try others (e.g. Max Auto Prepare=0).</param>
public sealed record WorkflowBenchmarkOptions(
    int Transitions = 20_000, int Clients = 8, int Finished = 100_000, bool ShowSql = false, string NpgsqlSettings = "");

/// <summary>
/// Workflow transitions per second against pgbench's tpcb-like TPS on the same throw-away server with the same number
/// of clients, in a database without finished instances ("empty") and in one with many ("finished").
/// </summary>
public static class WorkflowBenchmark
{
    private const int MinimumPgbenchSeconds = 20;
    private static readonly TimeSpan WarmUpPause = TimeSpan.FromSeconds(10);

    public static async Task RunAsync(WorkflowBenchmarkOptions options, CancellationToken cancellationToken)
    {
        var binDirectory = FindBinDirectory();
        var root = Path.Combine(Path.GetTempPath(), "grantportal-bench", $"{Environment.ProcessId}-{Guid.NewGuid():N}");
        Progress($"starting a PostgreSQL cluster in {root}");
        LocalPostgres? server = null;
        try
        {
            server = LocalPostgres.Start(root, binDirectory);
            // Two databases, so that the phases can take turns: on a machine shared with other work, running one phase
            // after the other measured mostly the order (whichever came second looked faster, even with 1 instance seeded).
            var emptyDatabase = server.ConnectionString("bench_empty");
            var finishedDatabase = server.ConnectionString("bench_finished");
            foreach (var database in new[] { emptyDatabase, finishedDatabase })
            {
                await new SchemaMigrator(database, NullLogger<SchemaMigrator>.Instance).MigrateAsync(cancellationToken: cancellationToken);
            }

            var version = await ServerVersionAsync(emptyDatabase, cancellationToken);

            // LocalPostgres keeps its cluster in <root>/data.
            var dataDirectory = Path.Combine(root, "data");
            CpuSample Cpu() => CpuTime.Sample(dataDirectory);

            string EngineConnection(string database) => $"{DatabaseExtensions.WithPortalSettings(database)};{options.NpgsqlSettings}";
            await using var emptyEngine = BenchmarkEngine.Create(EngineConnection(emptyDatabase));
            await using var finishedEngine = BenchmarkEngine.Create(EngineConnection(finishedDatabase));
            await FinishedInstances.SeedAsync(finishedDatabase, finishedEngine.LatestVersion(RingFlow.Id), options.Finished, Progress, cancellationToken);

            // Long enough for tiered compilation to reach its final code.
            var warmUp = Math.Max(5_000, options.Transitions / 4);
            Progress($"warm-up: {warmUp:N0} transitions");
            await TransitionPhase.RunAsync(emptyEngine, "warm-up", warmUp, options.Clients, Cpu, _ => { }, cancellationToken);
            // The JIT recompiles hot code in the background; on a saturated machine it finishes only when given idle
            // time, which a later phase would get (during pgbench) and an earlier one would not.
            await Task.Delay(WarmUpPause, cancellationToken);
            foreach (var engine in new[] { emptyEngine, finishedEngine })
            {
                await TransitionPhase.RunAsync(engine, "warm-up", warmUp / 5, options.Clients, Cpu, _ => { }, cancellationToken);
            }

            var sql = await SqlOfOneTransitionAsync(emptyEngine, cancellationToken);
            if (options.ShowSql)
            {
                Console.WriteLine(string.Join("\n\n", sql));
            }

            // Rounds in the order empty, finished, pgbench, finished, empty: a drift in the machine's load or the
            // server's state weighs on both phases alike.
            var firstHalf = options.Transitions / 2;
            var secondHalf = options.Transitions - firstHalf;
            async Task<PhaseResult> RoundAsync(BenchmarkEngine engine, string name, int transitions)
            {
                var round = await TransitionPhase.RunAsync(engine, name, transitions, options.Clients, Cpu, Progress, cancellationToken);
                Progress($"{name}: {round.PerSecond:N0} transitions/s");
                return round;
            }

            await AnalyzeAsync([emptyDatabase, finishedDatabase], cancellationToken);
            var empty1 = await RoundAsync(emptyEngine, "empty 1/2", firstHalf);
            var finished1 = await RoundAsync(finishedEngine, "finished 1/2", firstHalf);

            var seconds = Math.Max(MinimumPgbenchSeconds, (int)Math.Ceiling(empty1.Elapsed.TotalSeconds * options.Transitions / firstHalf));
            var pgbench = await Pgbench.RunAsync(binDirectory, server.Port, server.Password, server.ConnectionString("postgres"),
                scale: Math.Max(10, options.Clients), options.Clients, seconds, Cpu, Progress, cancellationToken);
            Progress($"pgbench: {pgbench.Tps:N0} TPS");

            await AnalyzeAsync([emptyDatabase, finishedDatabase], cancellationToken);
            var finished2 = await RoundAsync(finishedEngine, "finished 2/2", secondHalf);
            var empty2 = await RoundAsync(emptyEngine, "empty 2/2", secondHalf);

            var empty = PhaseResult.Combine("empty", [empty1, empty2]);
            var finished = PhaseResult.Combine("finished", [finished1, finished2]);
            Report(options, version, sql, empty, finished, pgbench);
        }
        finally
        {
            Progress("stopping the cluster and deleting its folder");
            NpgsqlConnection.ClearAllPools();
            server?.Stop();
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

    private static void Report(
        WorkflowBenchmarkOptions options, string serverVersion, List<string> sql, PhaseResult empty, PhaseResult finished, PgbenchResult pgbench)
    {
        var c = CultureInfo.InvariantCulture;
        var tps = pgbench.Tps;
        Console.WriteLine();
        Console.WriteLine($"Workflow transitions against pgbench tpcb-like: {options.Clients} clients, PostgreSQL {serverVersion}, {Environment.ProcessorCount} CPUs");
        var commit = sql[^1].TrimEnd().EndsWith("COMMIT", StringComparison.Ordinal) ? "the last one with the commit" : "and the commit";
        Console.WriteLine($"SQL commands per transition: {sql.Count} (a batch of statements counts once), {commit}");
        if (options.NpgsqlSettings.Length > 0)
        {
            Console.WriteLine($"Npgsql settings added: {options.NpgsqlSettings}");
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(c,
            $"{"run",-30} {"count",9} {"seconds",7} {"per s",6} {"p50 ms",7} {"p95 ms",7} {"p99 ms",7} {"client CPU ms",13} {"server CPU ms",13} {"load",5}"));
        foreach (var (label, phase) in new[] { ("transitions, empty tables", empty), ($"transitions, {options.Finished:N0} finished", finished) })
        {
            var (client, server) = phase.CpuPerTransition;
            Console.WriteLine(string.Create(c,
                $"{label,-30} {phase.Transitions,9:N0} {phase.Elapsed.TotalSeconds,7:F1} {phase.PerSecond,6:F0} {phase.PercentileMs(50),7:F2} {phase.PercentileMs(95),7:F2} {phase.PercentileMs(99),7:F2} {client,13:F3} {server,13:F3} {phase.LoadAverage,5:F1}"));
        }

        var (pgClient, pgServer) = pgbench.CpuPerTransaction;
        Console.WriteLine(string.Create(c,
            $"{"pgbench tpcb-like",-30} {pgbench.Transactions,9:N0} {pgbench.Transactions / tps,7:F1} {tps,6:F0} {"avg " + pgbench.LatencyAverageMs.ToString("F2", c),23} {pgClient,13:F3} {pgServer,13:F3} {pgbench.CpuAfter.LoadAverage,5:F1}"));
        Console.WriteLine("(CPU ms are per transition; load is the machine's one-minute load average at the end: other work on the machine skews the figures)");
        Console.WriteLine();
        Console.WriteLine(string.Create(c, $"transitions/s ÷ pgbench TPS, empty:    {empty.PerSecond / tps:F2}   (aim: at least 0.5)"));
        Console.WriteLine(string.Create(c, $"transitions/s ÷ pgbench TPS, finished: {finished.PerSecond / tps:F2}"));
        Console.WriteLine(string.Create(c, $"transitions/s finished ÷ empty:        {finished.PerSecond / empty.PerSecond:F2}   (aim: about 1)"));
        Console.WriteLine();

        var figures = new List<(string Name, double Value)>
        {
            ("clients", options.Clients),
            ("transitions", options.Transitions),
            ("finished_instances", options.Finished),
            ("sql_commands_per_transition", sql.Count),
        };
        foreach (var (suffix, phase) in new[] { ("empty", empty), ("finished", finished) })
        {
            figures.Add(($"transitions_per_s_{suffix}", phase.PerSecond));
            figures.Add(($"latency_p50_ms_{suffix}", phase.PercentileMs(50)));
            figures.Add(($"latency_p95_ms_{suffix}", phase.PercentileMs(95)));
            figures.Add(($"latency_p99_ms_{suffix}", phase.PercentileMs(99)));
            figures.Add(($"client_cpu_ms_per_transition_{suffix}", phase.CpuPerTransition.ClientMs));
            figures.Add(($"server_cpu_ms_per_transition_{suffix}", phase.CpuPerTransition.ServerMs));
        }

        figures.Add(("pgbench_tps", tps));
        figures.Add(("pgbench_latency_avg_ms", pgbench.LatencyAverageMs));
        figures.Add(("pgbench_client_cpu_ms_per_transaction", pgClient));
        figures.Add(("pgbench_server_cpu_ms_per_transaction", pgServer));
        figures.Add(("ratio_empty_to_pgbench", empty.PerSecond / tps));
        figures.Add(("ratio_finished_to_pgbench", finished.PerSecond / tps));
        figures.Add(("ratio_finished_to_empty", finished.PerSecond / empty.PerSecond));
        foreach (var (name, value) in figures)
        {
            Console.WriteLine(string.Create(c, $"{name}={Math.Round(value, 3)}"));
        }
    }

    /// <summary>
    /// The SQL one transition sends, on an instance of its own: one entry per command or batch, as Npgsql traces them
    /// (a commit sent on its own is not traced). Other work is idle meanwhile, so everything traced is the transition's.
    /// </summary>
    private static async Task<List<string>> SqlOfOneTransitionAsync(BenchmarkEngine engine, CancellationToken cancellationToken)
    {
        var instance = await engine.RunAsync(r => r.StartAsync(RingFlow.Id, $"sql-{Guid.NewGuid():N}", RingFlow.Clerk, cancellationToken));
        var sent = new List<string>();
        using (var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => sent.Add(activity.GetTagItem("db.query.text") as string ?? activity.DisplayName),
        })
        {
            ActivitySource.AddActivityListener(listener);
            var result = await engine.RunAsync(r => r.FireAsync(
                instance.Id, new WorkflowSignal(RingFlow.NextTrigger(instance.State), "sql-1", instance.Sequence), RingFlow.Clerk, cancellationToken));
            if (result.Outcome != FireOutcome.Applied)
            {
                throw new InvalidOperationException($"The traced transition was {result.Outcome}.");
            }
        }

        return sent;
    }

    private static async Task AnalyzeAsync(string[] databases, CancellationToken cancellationToken)
    {
        foreach (var database in databases)
        {
            await FinishedInstances.AnalyzeAsync(database, cancellationToken);
        }
    }

    private static async Task<string> ServerVersionAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection.PostgreSqlVersion.ToString();
    }

    // The newest server binaries: the cluster and pgbench must come from the same folder.
    private static string FindBinDirectory() =>
        (Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql") : [])
            .Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "pg_ctl")) && File.Exists(Path.Combine(d, "pgbench")))
            .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
            .FirstOrDefault()
            ?? throw new InvalidOperationException("pg_ctl and pgbench were not found in /usr/lib/postgresql/*/bin: apt-get install postgresql.");

    private static void Progress(string message) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");
}
