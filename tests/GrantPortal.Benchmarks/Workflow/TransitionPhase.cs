using System.Diagnostics;
using GrantPortal.Workflows.Runtime;

namespace GrantPortal.Benchmarks.Workflow;

/// <summary>What a phase measured: wall time for all transitions, each transition's latency, and the CPU it took.</summary>
public sealed record PhaseResult(string Name, int Transitions, TimeSpan Elapsed, double[] LatenciesMs, TimeSpan ClientCpu, TimeSpan ServerCpu, double LoadAverage)
{
    public (double ClientMs, double ServerMs) CpuPerTransition => (ClientCpu.TotalMilliseconds / Transitions, ServerCpu.TotalMilliseconds / Transitions);

    public double PerSecond => Transitions / Elapsed.TotalSeconds;

    public double PercentileMs(double p)
    {
        var sorted = LatenciesMs.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    /// <summary>Several rounds of one phase as one: their transitions, times and CPU added up; the highest load.</summary>
    public static PhaseResult Combine(string name, IReadOnlyList<PhaseResult> rounds) => new(
        name,
        rounds.Sum(r => r.Transitions),
        TimeSpan.FromTicks(rounds.Sum(r => r.Elapsed.Ticks)),
        [.. rounds.SelectMany(r => r.LatenciesMs)],
        TimeSpan.FromTicks(rounds.Sum(r => r.ClientCpu.Ticks)),
        TimeSpan.FromTicks(rounds.Sum(r => r.ServerCpu.Ticks)),
        rounds.Max(r => r.LoadAverage));
}

/// <summary>
/// Runs transitions with several concurrent clients, each on instances of its own, so that they measure the engine
/// and the database rather than waiting on each other's row locks. Every transition is a fresh scope, as a request.
/// </summary>
public static class TransitionPhase
{
    private const int InstancesPerClient = 4;

    public static async Task<PhaseResult> RunAsync(
        BenchmarkEngine engine, string name, int transitions, int clients, Func<CpuSample> cpu, Action<string> progress,
        CancellationToken cancellationToken)
    {
        var owned = await StartInstancesAsync(engine, name, clients, cancellationToken);
        var latencies = new double[transitions];
        var taken = -1;
        var done = 0;

        using var reporting = new CancellationTokenSource();
        var cpuBefore = cpu();
        var stopwatch = Stopwatch.StartNew();
        var reporter = ReportAsync();
        try
        {
            await Task.WhenAll(owned.Select(mine => Task.Run(() => ClientAsync(mine), cancellationToken)));
        }
        finally
        {
            await reporting.CancelAsync();
            await reporter;
        }

        stopwatch.Stop();
        var cpuAfter = cpu();
        return new PhaseResult(name, transitions, stopwatch.Elapsed, latencies,
            cpuAfter.Client - cpuBefore.Client, cpuAfter.Server - cpuBefore.Server, cpuAfter.LoadAverage);

        async Task ClientAsync(RunningInstance[] mine)
        {
            for (var turn = 0; Interlocked.Increment(ref taken) is var i && i < transitions; turn++)
            {
                var instance = mine[turn % mine.Length];
                var signal = new WorkflowSignal(RingFlow.NextTrigger(instance.State), $"bench-{i}", instance.Sequence);
                var started = Stopwatch.GetTimestamp();
                var result = await engine.RunAsync(runtime => runtime.FireAsync(instance.Id, signal, RingFlow.Clerk, cancellationToken));
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (result.Outcome != FireOutcome.Applied)
                {
                    throw new InvalidOperationException(
                        $"Transition {signal.Trigger} on {instance.Id} was {result.Outcome}: {string.Join("; ", result.Reasons)}");
                }

                instance.State = result.State;
                instance.Sequence = result.Sequence;
                Interlocked.Increment(ref done);
            }
        }

        async Task ReportAsync()
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
            try
            {
                while (await timer.WaitForNextTickAsync(reporting.Token))
                {
                    var count = Volatile.Read(ref done);
                    progress($"{name}: {count:N0} / {transitions:N0} transitions, {count / stopwatch.Elapsed.TotalSeconds:N0}/s");
                }
            }
            catch (OperationCanceledException)
            {
                // The phase is over.
            }
        }
    }

    private static async Task<RunningInstance[][]> StartInstancesAsync(
        BenchmarkEngine engine, string phase, int clients, CancellationToken cancellationToken) =>
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async client =>
        {
            var mine = new RunningInstance[InstancesPerClient];
            for (var i = 0; i < mine.Length; i++)
            {
                var instance = await engine.RunAsync(runtime =>
                    runtime.StartAsync(RingFlow.Id, $"{phase}-{client}-{i}-{Guid.NewGuid():N}", RingFlow.Clerk, cancellationToken));
                mine[i] = new RunningInstance(instance.Id) { State = instance.State, Sequence = instance.Sequence };
            }

            return mine;
        }));

    private sealed class RunningInstance(Guid id)
    {
        public Guid Id { get; } = id;

        public string State { get; set; } = "";

        public int Sequence { get; set; }
    }
}
