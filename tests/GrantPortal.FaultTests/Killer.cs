namespace GrantPortal.FaultTests;

/// <summary>Kills an app when its work has reached given points, then starts it again at once, as a supervisor would.</summary>
public static class Killer
{
    /// <param name="progress">How much work is done (polled, e.g. committed transitions).</param>
    /// <param name="points">Kill once progress reaches each of these.</param>
    /// <param name="jitter">A random wait, up to this long, between reaching a point and the kill.</param>
    /// <param name="inFlight">What to note at each kill, e.g. how many requests were on their way.</param>
    public static async Task RunAsync(
        AppProcess app, Func<Task<long>> progress, IEnumerable<long> points, Random random, TimeSpan jitter, Action<string> log, Func<string>? inFlight = null)
    {
        foreach (var point in points)
        {
            var deadline = DateTime.UtcNow.AddMinutes(2);
            long done;
            while ((done = await progress()) < point)
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"Progress stayed at {done}, short of {point}; see {app.LogFile}:\n{app.Tail()}");
                }

                await Task.Delay(20);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(random.NextDouble() * jitter.TotalMilliseconds));
            var note = inFlight?.Invoke();
            app.Kill();
            log($"killed at {await progress()} (point {point}){(note is null ? "" : $", {note}")}");
            app.Restart();
        }
    }
}
