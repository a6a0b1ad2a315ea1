using System.Collections.Concurrent;
using System.Net;
using Xunit.Abstractions;

namespace GrantPortal.FaultTests;

[Collection(FaultCollection.Name)]
public sealed class DatabaseRestartTests(FaultCluster cluster, ITestOutputHelper output)
{
    private const int Workers = 4;
    private const int Movers = 2;

    private readonly int[] _clicks = new int[Workers];
    private readonly ConcurrentQueue<string> _refused = new();
    private int _clickedAgain;

    /// <summary>
    /// Four people keep opening application pages while PostgreSQL is stopped twice ("fast": sessions closed; then
    /// "immediate": a crash, with recovery at start) and started again. While it is down they see the friendly error
    /// page, never a stack trace; after it is back their pages work again without the app being restarted; and a
    /// workflow timer that fell due during each outage fires afterwards, once. Two of them also act on their application
    /// throughout, clicking again after an error page: each click is in the journal once.
    /// </summary>
    [Fact]
    public async Task PostgresRestartedUnderLoad_TheAppShowsAFriendlyErrorMeanwhile_ThenRecoversByItself_AndFiresTheMissedTimerOnce()
    {
        var db = await cluster.NewDatabaseAsync();
        var ids = await Clones.CopyAsync(db, cluster.TemplateApplicationId, 2 + Workers);
        await using var app = AppProcess.Start(cluster, "restart", db);
        await app.WaitReadyAsync();
        var answers = new ConcurrentQueue<(DateTime At, int Worker, HttpStatusCode Status, string Body)>();
        using var stop = new CancellationTokenSource();
        using var probe = Http.Client(app.BaseAddress); // a load balancer's readiness check
        var load = Enumerable.Range(0, Workers).Select(w => Task.Run(() => LoadAsync(app, ids[2 + w], w, answers, stop.Token))).ToList();

        foreach (var (mode, timerOf) in new[] { ("fast", ids[0]), ("immediate", ids[1]) })
        {
            await WaitAsync(() => Enumerable.Range(0, Workers).All(w => answers.Any(a => a.Worker == w && a.Status == HttpStatusCode.OK && a.At > DateTime.UtcNow.AddSeconds(-5))), "every person's pages before the outage");
            // Due two seconds from now, while the server is down.
            await Db.RowsAsync(db, $"""
                UPDATE "WorkflowTimers" SET "DueAt" = now() + interval '2 seconds'
                WHERE "Trigger" = 'callClosed' AND "InstanceId" = (SELECT "Id" FROM "WorkflowInstances" WHERE "SubjectId" = '{timerOf}') RETURNING 1
                """);
            var down = DateTime.UtcNow;
            cluster.StopServer(mode);
            await WaitAsync(() => answers.Count(a => a.At > down && a.Status != HttpStatusCode.OK) >= 2 * Workers, "failed pages during the outage");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await probe.GetAsync("/health/ready")).StatusCode);
            await Task.Delay(TimeSpan.FromSeconds(2.5) - (DateTime.UtcNow - down) is { Ticks: > 0 } rest ? rest : TimeSpan.Zero);
            cluster.StartServer();
            var up = DateTime.UtcNow;
            output.WriteLine($"{mode}: down for {(up - down).TotalSeconds:F1} s");
            await WaitAsync(() => Enumerable.Range(0, Workers).All(w => answers.Any(a => a.Worker == w && a.At > up && a.Status == HttpStatusCode.OK)), "every person's pages working again");
            output.WriteLine($"{mode}: every person's pages worked again {(DateTime.UtcNow - up).TotalSeconds:F1} s after the start");
            Assert.Equal(HttpStatusCode.OK, (await probe.GetAsync("/health/ready")).StatusCode);

            var timerFired = $"""
                SELECT count(*) FROM "WorkflowJournal" j JOIN "WorkflowInstances" i ON i."Id" = j."InstanceId"
                WHERE i."SubjectId" = '{timerOf}' AND j."Trigger" = 'callClosed'
                """;
            Assert.Equal(1, await Db.WaitForCountAsync(db, timerFired, 1, TimeSpan.FromSeconds(60)));
            output.WriteLine($"{mode}: the timer due during the outage fired {(DateTime.UtcNow - up).TotalSeconds:F1} s after the start");
        }

        await stop.CancelAsync();
        await Task.WhenAll(load);
        await Task.Delay(TimeSpan.FromSeconds(2)); // a second firing, were there one, would come within the timers' poll
        Assert.Equal(2, await Db.CountAsync(db, """SELECT count(*) FROM "WorkflowJournal" WHERE "Trigger" = 'callClosed'"""));
        Assert.True(app.IsRunning, "the app stopped");
        Assert.Equal(0, app.Kills);
        var failures = answers.Where(a => a.Status != HttpStatusCode.OK).ToList();
        output.WriteLine($"{answers.Count} pages, {failures.Count} failed: {string.Join(", ", failures.GroupBy(f => f.Status).Select(g => $"{(int)g.Key} ×{g.Count()}"))}");
        Assert.All(failures, f =>
        {
            Assert.Equal(HttpStatusCode.InternalServerError, f.Status);
            Assert.Contains("Что-то пошло не так", f.Body);
            Assert.DoesNotContain("Exception", f.Body);
            Assert.DoesNotContain("Npgsql", f.Body);
            Assert.DoesNotContain(" at GrantPortal", f.Body);
        });
        output.WriteLine($"{_clickedAgain} clicks were made again after an error page or a lost answer");
        // Every click the movers made, answered or made again after an error page, is in the journal exactly once.
        Assert.Empty(_refused);
        for (var w = 0; w < Movers; w++)
        {
            output.WriteLine($"person {w}: {_clicks[w]} transitions");
            Assert.Equal(2 + _clicks[w], await Db.CountAsync(db, $"""
                SELECT count(*) FROM "WorkflowJournal" j JOIN "WorkflowInstances" i ON i."Id" = j."InstanceId" WHERE i."SubjectId" = '{ids[2 + w]}'
                """));
        }

        await Consistency.AssertAsync(db);
    }

    /// <summary>
    /// Opens its application's page again and again; the first <see cref="Movers"/> people also move it on (the officer
    /// starts the check and returns it, the applicant resubmits, round and round), clicking again after an error page.
    /// </summary>
    private async Task LoadAsync(AppProcess app, Guid id, int worker, ConcurrentQueue<(DateTime, int, HttpStatusCode, string)> answers, CancellationToken stop)
    {
        using var officer = await Http.SignedInAsync(app.BaseAddress, Clones.Officer);
        using var applicant = await Http.SignedInAsync(app.BaseAddress, Clones.Applicant);
        var reader = worker % 2 == 0 ? officer : applicant;
        var url = $"/applications/{id}";
        while (!stop.IsCancellationRequested)
        {
            foreach (var page in new[] { url, "/" })
            {
                await GetAsync(reader, page, worker, answers);
            }

            if (worker < Movers && await GetAsync(officer, url, worker, answers) is { } shown)
            {
                var (client, trigger) = shown.Contains($"{url}/actions/startFormalCheck", StringComparison.Ordinal) ? (officer, "startFormalCheck")
                    : shown.Contains($"{url}/actions/returnForRevision", StringComparison.Ordinal) ? (officer, "returnForRevision")
                    : (applicant, "resubmit");
                var form = client == officer ? shown : await GetAsync(applicant, url, worker, answers);
                if (form is null)
                {
                    continue;
                }

                var fields = Http.FormFields(new AngleSharp.Html.Parser.HtmlParser().ParseDocument(form), $"form[action='{url}/actions/{trigger}']",
                    trigger == "returnForRevision" ? [("comment", "Уточните объёмы поставок по годам.")] : []);
                var (response, posts) = await Http.PostUntilAnsweredAsync(client, $"{url}/actions/{trigger}", fields);
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Interlocked.Increment(ref _clicks[worker]);
                Interlocked.Add(ref _clickedAgain, posts > 1 ? 1 : 0);
                if (await GetAsync(client, url, worker, answers) is { } after && after.Contains("alert-danger", StringComparison.Ordinal))
                {
                    _refused.Enqueue($"{trigger} on {id}");
                }
            }

            await Task.Delay(50, CancellationToken.None);
        }
    }

    /// <returns>The page when it came with 200.</returns>
    private static async Task<string?> GetAsync(HttpClient client, string url, int worker, ConcurrentQueue<(DateTime, int, HttpStatusCode, string)> answers)
    {
        try
        {
            var response = await client.GetAsync(url, CancellationToken.None);
            var body = await response.Content.ReadAsStringAsync(CancellationToken.None);
            answers.Enqueue((DateTime.UtcNow, worker, response.StatusCode, body));
            return response.StatusCode == HttpStatusCode.OK ? body : null;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            // No answer at all (a hang or a dropped connection) is a failure too; the checks name it.
            answers.Enqueue((DateTime.UtcNow, worker, 0, e.Message));
            return null;
        }
    }

    private static async Task WaitAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited a minute for {what}.");
            }

            await Task.Delay(50);
        }
    }
}
