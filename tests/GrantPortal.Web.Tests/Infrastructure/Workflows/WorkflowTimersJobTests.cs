using GrantPortal.Testing;
using GrantPortal.Workflows.Persistence;
using GrantPortal.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GrantPortal.Web.Tests.Infrastructure.Workflows;

/// <summary>Workflow timers through the real Quartz scheduler, clustered over the app's database.</summary>
public sealed class WorkflowTimersJobTests : IDisposable
{
    private const string Definition = """
        {
          "id": "timer-check",
          "name": { "ru": "Проверка таймера", "en": "Timer check" },
          "initialState": "Waiting",
          "states": [
            { "id": "Waiting", "name": { "ru": "Ожидание", "en": "Waiting" }, "timers": [ { "trigger": "tick", "after": "PT2S" } ] },
            { "id": "Done", "name": { "ru": "Готово", "en": "Done" }, "final": true }
          ],
          "transitions": [
            { "trigger": "tick", "name": { "ru": "Срок", "en": "Tick" }, "from": ["Waiting"], "to": "Done", "roles": ["System"] }
          ]
        }
        """;

    private readonly string _workflows = Directory.CreateDirectory(
        Path.Combine(Path.GetTempPath(), "grantportal-workflows", Guid.NewGuid().ToString("N"))).FullName;

    public WorkflowTimersJobTests() => File.WriteAllText(Path.Combine(_workflows, "timer-check.json"), Definition);

    [Fact]
    public async Task TwoAppInstancesOnOneDatabase_FireEachTimerExactlyOnce()
    {
        var database = await TestDatabaseServer.CreateDatabaseAsync();
        await using var first = App(database);
        await using var second = App(database);
        _ = second.Services; // both nodes of the cluster are running

        await StartInstancesAsync(first, 10);

        await WaitUntilAllDoneAsync(first, 10);
        Assert.Equal(10, await CountAsync(first, j => j.Trigger == "tick"));
    }

    [Fact]
    public async Task ATimerDueWhileTheAppIsDown_FiresOnceAfterTheRestart()
    {
        var database = await TestDatabaseServer.CreateDatabaseAsync();
        await using (var before = App(database))
        {
            await StartInstancesAsync(before, 3);
        }

        await Task.Delay(TimeSpan.FromSeconds(2.5)); // the timers come due while no app runs
        await using var after = App(database);

        await WaitUntilAllDoneAsync(after, 3);
        Assert.Equal(3, await CountAsync(after, j => j.Trigger == "tick"));
    }

    public void Dispose() => Directory.Delete(_workflows, recursive: true);

    private PortalAppFactory App(string database) => new(database, settings: new Dictionary<string, string>
    {
        ["Workflows:Directory"] = _workflows,
        ["Workflows:TimerPollInterval"] = "00:00:00.300",
    });

    private static async Task StartInstancesAsync(PortalAppFactory app, int count)
    {
        for (var i = 0; i < count; i++)
        {
            using var scope = app.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<WorkflowRuntime>().StartAsync("timer-check", $"subject-{i}", WorkflowActor.System);
        }
    }

    private static async Task WaitUntilAllDoneAsync(PortalAppFactory app, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline
               && await app.WithDbAsync(db => db.Set<WorkflowInstance>().CountAsync(i => i.State == "Done")) < count)
        {
            await Task.Delay(200);
        }

        Assert.Equal(count, await app.WithDbAsync(db => db.Set<WorkflowInstance>().CountAsync(i => i.State == "Done")));
    }

    private static Task<int> CountAsync(PortalAppFactory app, System.Linq.Expressions.Expression<Func<WorkflowJournalEntry, bool>> where) =>
        app.WithDbAsync(db => db.Set<WorkflowJournalEntry>().CountAsync(where));
}
