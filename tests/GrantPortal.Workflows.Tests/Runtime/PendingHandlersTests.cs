using GrantPortal.Workflows.Persistence;
using GrantPortal.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace GrantPortal.Workflows.Tests.Runtime;

public sealed class PendingHandlersTests
{
    private static readonly WorkflowActor Applicant = new("applicant-1", "Test Applicant", new HashSet<string> { "Applicant" });

    [Fact]
    public async Task ATransitionNeedingAPendingEffect_IsNeitherOfferedNorTaken()
    {
        await using var engine = await EngineHost.StartAsync([TestFlow.File()], pending: ["notifyOfficers"]);
        var instance = await engine.RunAsync((runtime, _) => runtime.StartAsync(TestFlow.Id, "application-1", Applicant));

        var actions = await engine.RunAsync((runtime, _) => runtime.GetActionsAsync(instance.Id, Applicant));
        var result = await engine.RunAsync((runtime, _) => runtime.FireAsync(instance.Id, new WorkflowSignal("submit", "k"), Applicant));

        var submit = Assert.Single(actions, a => a.Trigger == "submit");
        Assert.False(submit.IsAllowed);
        Assert.Equal([WorkflowRuntime.NotAvailableYet], submit.Reasons);
        Assert.True(Assert.Single(actions, a => a.Trigger == "withdraw").IsAllowed);
        Assert.Equal(FireOutcome.NotAllowed, result.Outcome);
        Assert.Equal("Draft", result.State);
    }

    [Fact]
    public async Task ATimerAtAPendingDateSource_IsNotSet()
    {
        await using var engine = await EngineHost.StartAsync([TestFlow.File()], pending: ["callClosesAt"]);

        var instance = await engine.RunAsync((runtime, _) => runtime.StartAsync(TestFlow.Id, "application-1", Applicant));

        Assert.Empty(await engine.RunAsync((_, db) => db.Set<WorkflowTimer>().Where(t => t.InstanceId == instance.Id).ToListAsync()));
    }

    [Fact]
    public void ANameBothRegisteredAndPending_IsRefused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new WorkflowHandlers([], [new NoEffect("x")], [], ["x"]));

        Assert.Contains("x", error.Message);
    }

    private sealed record NoEffect(string Name) : IWorkflowEffect
    {
        public Task RunAsync(WorkflowContext context, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
