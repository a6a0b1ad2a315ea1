using GrantPortal.Workflows.Persistence;
using GrantPortal.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace GrantPortal.Workflows.Tests.Runtime;

public sealed class WorkflowRuntimeTests : IAsyncLifetime
{
    private static readonly WorkflowActor Applicant = Actor("applicant-1", "Applicant");
    private static readonly WorkflowActor Officer = Actor("officer-1", "Officer");

    private EngineHost _engine = null!;

    public async Task InitializeAsync() => _engine = await EngineHost.StartAsync([TestFlow.File()]);

    public async Task DisposeAsync() => await _engine.DisposeAsync();

    [Fact]
    public async Task Start_GivesOneInstancePerSubject_EvenWhenStartedManyTimesAtOnce()
    {
        var instances = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            _engine.RunAsync((runtime, _) => runtime.StartAsync(TestFlow.Id, "application-1", Applicant))));

        Assert.Single(instances.Select(i => i.Id).Distinct());
        Assert.Equal(1, await _engine.RunAsync((_, db) => db.Set<WorkflowInstance>().CountAsync()));
        Assert.Equal("Draft", instances[0].State);
    }

    [Fact]
    public async Task Fire_MovesTheState_JournalsIt_RunsTheEffects_AndMovesTheTasks()
    {
        var instance = await StartAsync();

        var result = await FireAsync(instance.Id, "submit", Applicant, comment: "Готово");

        Assert.Equal(FireOutcome.Applied, result.Outcome);
        Assert.Equal("Submitted", result.State);
        var journal = await JournalAsync(instance.Id);
        Assert.Equal([(null, "Draft", "start"), ("Draft", "Submitted", "submit")], journal.Select(j => (j.FromState, j.ToState, j.Trigger)));
        Assert.Equal("Готово", journal[^1].Comment);
        Assert.Equal("applicant-1", journal[^1].ActorId);
        Assert.Equal(["notifyOfficers:submit"], _engine.Handlers.EffectsRun);
        var tasks = await TasksAsync(instance.Id);
        Assert.Equal(("Submitted", "Officer"), Assert.Single(tasks.Select(t => (t.State, t.Role))));
    }

    [Fact]
    public async Task Fire_IsRefused_ForARoleTheTransitionDoesNotName()
    {
        var instance = await StartAsync();

        var result = await FireAsync(instance.Id, "submit", Officer);

        Assert.Equal(FireOutcome.NotAllowed, result.Outcome);
        Assert.Equal("Draft", result.State);
        Assert.Single(await JournalAsync(instance.Id));
    }

    [Fact]
    public async Task Fire_IsRefused_WhenAGuardDoesNotHold_WithItsReason()
    {
        var instance = await StartAsync();
        _engine.Handlers.GuardFailures["callIsOpen"] = "The call is closed.";

        var result = await FireAsync(instance.Id, "submit", Applicant);

        Assert.Equal(FireOutcome.GuardFailed, result.Outcome);
        Assert.Equal(["The call is closed."], result.Reasons);
        Assert.Equal("Draft", result.State);
        Assert.Empty(_engine.Handlers.EffectsRun);
    }

    [Fact]
    public async Task GetActions_OffersExactlyWhatTheActorMayDoNow()
    {
        var instance = await StartAsync();
        _engine.Handlers.GuardFailures["callIsOpen"] = "The call is closed.";

        var applicantActions = await _engine.RunAsync((runtime, _) => runtime.GetActionsAsync(instance.Id, Applicant));
        var officerActions = await _engine.RunAsync((runtime, _) => runtime.GetActionsAsync(instance.Id, Officer));

        Assert.Equal([("submit", false), ("withdraw", true)], applicantActions.Select(a => (a.Trigger, a.IsAllowed)));
        Assert.Equal(["The call is closed."], applicantActions[0].Reasons);
        Assert.Equal(["callIsOpen"], applicantActions[0].FailedGuards);
        Assert.Empty(applicantActions[1].FailedGuards);
        Assert.Empty(officerActions);
    }

    [Fact]
    public async Task Fire_WithTheSameIdempotencyKeyTwice_ActsOnce()
    {
        var instance = await StartAsync();

        var first = await FireAsync(instance.Id, "submit", Applicant, key: "click-1");
        var second = await FireAsync(instance.Id, "submit", Applicant, key: "click-1");

        Assert.Equal(FireOutcome.Applied, first.Outcome);
        Assert.Equal(FireOutcome.AlreadyApplied, second.Outcome);
        Assert.Equal(2, (await JournalAsync(instance.Id)).Count);
        Assert.Single(_engine.Handlers.EffectsRun);
    }

    [Fact]
    public async Task Fire_FromAStalePage_IsAConflict()
    {
        var instance = await StartAsync();
        await FireAsync(instance.Id, "submit", Applicant);

        var stale = await FireAsync(instance.Id, "withdraw", Applicant, expectedSequence: 1);

        Assert.Equal(FireOutcome.Conflict, stale.Outcome);
        Assert.Equal("Submitted", stale.State);
    }

    [Fact]
    public async Task FiftyConflictingSignalsAtOnce_ExactlyOneWins_AndTheJournalStaysConsistent()
    {
        var instance = await StartAsync();
        await FireAsync(instance.Id, "submit", Applicant);
        _engine.Handlers.EffectsRun.Clear();

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            i % 2 == 0
                ? FireAsync(instance.Id, "accept", Officer, key: $"accept-{i}")
                : FireAsync(instance.Id, "returnForRevision", Officer, key: $"return-{i}", comment: "Нужны правки")));

        var winner = Assert.Single(results, r => r.Outcome == FireOutcome.Applied);
        Assert.All(results.Where(r => r != winner), r => Assert.Equal(FireOutcome.NotAllowed, r.Outcome));
        var journal = await JournalAsync(instance.Id);
        Assert.Equal([1, 2, 3], journal.Select(j => j.Sequence));
        Assert.Equal(winner.State, journal[^1].ToState);
        Assert.Equal(winner.State, (await InstanceAsync(instance.Id)).State);
    }

    [Fact]
    public async Task TheSameSignalManyTimesAtOnce_IsAppliedOnce_AndTheRestAreAlreadyApplied()
    {
        var instance = await StartAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => FireAsync(instance.Id, "submit", Applicant, key: "double-click")));

        // Each waited for the lock and then found the winner's journal entry, rather than a state it could not leave.
        Assert.Single(results, r => r.Outcome == FireOutcome.Applied);
        Assert.All(results.Where(r => r.Outcome != FireOutcome.Applied), r => Assert.Equal(FireOutcome.AlreadyApplied, r.Outcome));
        Assert.Equal(2, (await JournalAsync(instance.Id)).Count);
    }

    [Fact]
    public async Task Fire_InAScopeThatReadTheInstanceEarlier_ActsOnWhatItReadsUnderTheLock()
    {
        var instance = await StartAsync();

        var result = await _engine.RunAsync(async (runtime, db) =>
        {
            await db.Set<WorkflowInstance>().SingleAsync(i => i.Id == instance.Id); // tracked as Draft, sequence 1
            await FireAsync(instance.Id, "submit", Applicant); // meanwhile another request moves it on, with a reminder
            Assert.Single(await db.Set<WorkflowTimer>().ToListAsync()); // which this scope tracks too
            return await runtime.FireAsync(instance.Id, new WorkflowSignal("withdraw", "withdraw-1"), Applicant);
        });

        Assert.Equal((FireOutcome.Applied, "Withdrawn", 3), (result.Outcome, result.State, result.Sequence));
        Assert.Equal([1, 2, 3], (await JournalAsync(instance.Id)).Select(j => j.Sequence));
        Assert.Empty(await TimersAsync(instance.Id));
    }

    [Fact]
    public async Task Fire_WhenAnEffectFails_ChangesNothing()
    {
        _engine.Handlers.Dates["callClosesAt"] = _engine.Clock.GetUtcNow().AddDays(10);
        var instance = await StartAsync();
        _engine.Handlers.FailingEffect = "notifyOfficers";

        await Assert.ThrowsAsync<InvalidOperationException>(() => FireAsync(instance.Id, "submit", Applicant));

        Assert.Equal("Draft", (await InstanceAsync(instance.Id)).State);
        Assert.Single(await JournalAsync(instance.Id));
        Assert.Single(await TimersAsync(instance.Id)); // the Draft timer is still there
    }

    [Fact]
    public async Task Fire_SavesWhatTheEffectsWriteThroughTheContext_WithTheTransition()
    {
        var instance = await StartAsync();
        _engine.Handlers.EffectWork = (context, _) =>
        {
            context.Services.GetRequiredService<DbContext>().Add(ExpertTask(context));
            return Task.CompletedTask;
        };

        await FireAsync(instance.Id, "submit", Applicant);

        Assert.Equal([("Submitted", "Expert"), ("Submitted", "Officer")], (await TasksAsync(instance.Id)).Select(t => (t.State, t.Role)).Order());
    }

    [Fact]
    public async Task Fire_WhenTheInstanceMovesOnUnderItsLock_IsAConcurrencyFailure_AndChangesNothing()
    {
        var instance = await StartAsync();
        _engine.Handlers.EffectWork = async (context, cancellationToken) =>
        {
            var db = context.Services.GetRequiredService<DbContext>();
            db.Add(ExpertTask(context));
            // Only a bug could do this to a locked instance; the engine's writes must not commit over it.
            await db.Database.ExecuteSqlAsync(
                $"""UPDATE "WorkflowInstances" SET "Sequence" = "Sequence" + 1 WHERE "Id" = {context.InstanceId}""", cancellationToken);
        };

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => FireAsync(instance.Id, "submit", Applicant));

        var unchanged = await InstanceAsync(instance.Id);
        Assert.Equal(("Draft", 1), (unchanged.State, unchanged.Sequence));
        Assert.Single(await JournalAsync(instance.Id));
        Assert.Equal([("Draft", "Applicant")], (await TasksAsync(instance.Id)).Select(t => (t.State, t.Role)));
    }

    [Fact]
    public async Task Fire_InTheCallersTransaction_IsUndoneWhenTheCallerRollsBack()
    {
        var instance = await StartAsync();

        var result = await _engine.RunAsync(async (runtime, db) =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var fired = await runtime.FireAsync(instance.Id, new WorkflowSignal("submit", "submit-1"), Applicant);
            await transaction.RollbackAsync();
            return fired;
        });

        Assert.Equal(FireOutcome.Applied, result.Outcome);
        Assert.Equal("Draft", (await InstanceAsync(instance.Id)).State);
        Assert.Single(await JournalAsync(instance.Id));
    }

    [Fact]
    public async Task Timer_FiresOnceWhenDue_AsTheSystem()
    {
        var instance = await StartAsync();
        await FireAsync(instance.Id, "submit", Applicant);
        _engine.Handlers.EffectsRun.Clear();

        Assert.Equal(0, await FireDueTimersAsync());
        _engine.Clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(1, await FireDueTimersAsync());
        Assert.Equal(0, await FireDueTimersAsync());

        Assert.Equal(["notifyOfficers:remind"], _engine.Handlers.EffectsRun);
        var remind = (await JournalAsync(instance.Id))[^1];
        Assert.Equal(("remind", "system", "Submitted"), (remind.Trigger, remind.ActorId, remind.ToState));
    }

    [Fact]
    public async Task ADueTimer_WhoseInstanceIsBusy_IsLeftForLater_NotWaitedFor()
    {
        var instance = await StartAsync();
        await FireAsync(instance.Id, "submit", Applicant);
        _engine.Clock.Advance(TimeSpan.FromDays(2));
        await using var busy = new NpgsqlConnection(_engine.ConnectionString);
        await busy.OpenAsync();
        await using var transaction = await busy.BeginTransactionAsync();
        await using (var lockInstance = new NpgsqlCommand($"SELECT 1 FROM \"WorkflowInstances\" WHERE \"Id\" = '{instance.Id}' FOR UPDATE", busy, transaction))
        {
            await lockInstance.ExecuteNonQueryAsync();
        }

        var fired = await FireDueTimersAsync().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(0, fired);
        await transaction.RollbackAsync();
        Assert.Equal(1, await FireDueTimersAsync());
    }

    [Fact]
    public async Task Observers_AreToldOfEveryStateEntered_ByPeopleAndByTimers_ButNotOfInternalTransitions()
    {
        _engine.Handlers.Dates["callClosesAt"] = _engine.Clock.GetUtcNow().AddDays(1);
        var submitted = await StartAsync("application-a");
        await FireAsync(submitted.Id, "submit", Applicant);
        await StartAsync("application-b");
        _engine.Clock.Advance(TimeSpan.FromDays(2));

        Assert.Equal(2, await FireDueTimersAsync()); // b's call closes on day 1, a's reminder (internal) comes on day 2

        Assert.Equal(
            ["application-a:start:Draft", "application-a:submit:Submitted", "application-b:start:Draft", "application-b:callClosed:Withdrawn"],
            _engine.Handlers.StatesEntered);
    }

    [Fact]
    public async Task Fire_WhenAnObserverFails_ChangesNothing()
    {
        var instance = await StartAsync();
        _engine.Handlers.ObserverFails = true;

        await Assert.ThrowsAsync<InvalidOperationException>(() => FireAsync(instance.Id, "submit", Applicant));

        Assert.Equal("Draft", (await InstanceAsync(instance.Id)).State);
        Assert.Single(await JournalAsync(instance.Id));
    }

    [Fact]
    public async Task Timer_AtADateSource_IsCancelledWhenTheStateIsLeft()
    {
        _engine.Handlers.Dates["callClosesAt"] = _engine.Clock.GetUtcNow().AddDays(10);
        var instance = await StartAsync();
        Assert.Equal(_engine.Clock.GetUtcNow().AddDays(10).UtcDateTime, Assert.Single(await TimersAsync(instance.Id)).DueAt);

        await FireAsync(instance.Id, "submit", Applicant);
        await FireAsync(instance.Id, "accept", Officer);
        _engine.Clock.Advance(TimeSpan.FromDays(30));

        Assert.Equal(0, await FireDueTimersAsync());
        Assert.Empty(await TimersAsync(instance.Id));
        Assert.Equal("Done", (await InstanceAsync(instance.Id)).State);
    }

    [Fact]
    public async Task Timer_ThatFails_IsPutOff_AndDoesNotHoldUpTheOthers()
    {
        var failing = await StartAsync("application-a");
        var healthy = await StartAsync("application-b");
        await FireAsync(failing.Id, "submit", Applicant);
        await FireAsync(healthy.Id, "withdraw", Applicant);
        _engine.Handlers.Dates["callClosesAt"] = _engine.Clock.GetUtcNow().AddHours(1);
        var third = await StartAsync("application-c");
        _engine.Handlers.FailingEffect = "notifyOfficers"; // the reminder of application-a fails
        _engine.Clock.Advance(TimeSpan.FromDays(2));

        var fired = await FireDueTimersAsync();

        Assert.Equal(1, fired); // application-c's call-closed timer
        Assert.Equal("Withdrawn", (await InstanceAsync(third.Id)).State);
        var postponed = Assert.Single(await TimersAsync(failing.Id));
        Assert.Equal(_engine.Clock.GetUtcNow().UtcDateTime + WorkflowRuntime.TimerRetryDelay, postponed.DueAt);
    }

    [Fact]
    public async Task AnInstanceStartedOnOneVersion_FinishesOnIt_AfterTheFileChanges()
    {
        var old = await StartAsync("application-old");
        var v1 = old.Version;
        await using var edited = await EngineHost.StartAsync(
            [TestFlow.File("""
                { "trigger": "fastTrack", "name": { "ru": "Ускорить", "en": "Fast-track" }, "from": ["Draft"], "to": "Done",
                  "roles": ["Applicant"], "guards": [], "effects": [] },
                """)],
            _engine.ConnectionString);

        var oldActions = await edited.RunAsync((runtime, _) => runtime.GetActionsAsync(old.Id, Applicant));
        var fresh = await edited.RunAsync((runtime, _) => runtime.StartAsync(TestFlow.Id, "application-new", Applicant));
        var freshActions = await edited.RunAsync((runtime, _) => runtime.GetActionsAsync(fresh.Id, Applicant));

        Assert.DoesNotContain(oldActions, a => a.Trigger == "fastTrack");
        Assert.NotEqual(v1, fresh.Version);
        Assert.Contains(freshActions, a => a.Trigger == "fastTrack");
        var oldFinished = await edited.RunAsync((runtime, _) => runtime.FireAsync(old.Id, new WorkflowSignal("withdraw", "w"), Applicant));
        Assert.Equal("Withdrawn", oldFinished.State);
        Assert.Equal(2, await _engine.RunAsync((_, db) => db.Set<WorkflowDefinitionRecord>().CountAsync()));
    }

    [Fact]
    public async Task TwoEngineHostsOnOneDatabase_FireEachDueTimerExactlyOnce()
    {
        await using var second = await EngineHost.StartAsync([TestFlow.File()], _engine.ConnectionString);
        var instances = new List<WorkflowInstance>();
        for (var i = 0; i < 20; i++)
        {
            var instance = await StartAsync($"application-{i}");
            await FireAsync(instance.Id, "submit", Applicant);
            instances.Add(instance);
        }

        _engine.Clock.Advance(TimeSpan.FromDays(3));
        second.Clock.Advance(TimeSpan.FromDays(3));
        var fired = await Task.WhenAll(
            Enumerable.Range(0, 4).Select(i => (i % 2 == 0 ? _engine : second).RunAsync((runtime, _) => runtime.FireDueTimersAsync())));

        Assert.Equal(20, fired.Sum());
        var reminders = await _engine.RunAsync((_, db) => db.Set<WorkflowJournalEntry>().CountAsync(j => j.Trigger == "remind"));
        Assert.Equal(20, reminders);
    }

    private static WorkflowActor Actor(string id, string role) => new(id, $"Test {role}", new HashSet<string> { role });

    private Task<WorkflowInstance> StartAsync(string subject = "application-1") =>
        _engine.RunAsync((runtime, _) => runtime.StartAsync(TestFlow.Id, subject, Applicant));

    private Task<FireResult> FireAsync(
        Guid instanceId, string trigger, WorkflowActor actor, string? key = null, int? expectedSequence = null, string? comment = null) =>
        _engine.RunAsync((runtime, _) => runtime.FireAsync(instanceId,
            new WorkflowSignal(trigger, key ?? Guid.NewGuid().ToString(), expectedSequence, comment), actor));

    private Task<int> FireDueTimersAsync() => _engine.RunAsync((runtime, _) => runtime.FireDueTimersAsync());

    private Task<WorkflowInstance> InstanceAsync(Guid id) =>
        _engine.RunAsync((_, db) => db.Set<WorkflowInstance>().AsNoTracking().SingleAsync(i => i.Id == id));

    private Task<List<WorkflowJournalEntry>> JournalAsync(Guid id) =>
        _engine.RunAsync((_, db) => db.Set<WorkflowJournalEntry>().Where(j => j.InstanceId == id).OrderBy(j => j.Sequence).ToListAsync());

    private Task<List<WorkflowBookmark>> TasksAsync(Guid id) =>
        _engine.RunAsync((_, db) => db.Set<WorkflowBookmark>().Where(b => b.InstanceId == id).ToListAsync());

    private static WorkflowBookmark ExpertTask(WorkflowContext context) =>
        new() { Id = Guid.CreateVersion7(), InstanceId = context.InstanceId, State = context.ToState, Role = "Expert", CreatedAt = DateTime.UtcNow };

    private Task<List<WorkflowTimer>> TimersAsync(Guid id) =>
        _engine.RunAsync((_, db) => db.Set<WorkflowTimer>().Where(t => t.InstanceId == id).ToListAsync());
}
