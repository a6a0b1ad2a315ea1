using GrantPortal.Workflows.Persistence;
using GrantPortal.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace GrantPortal.Workflows.Tests.Runtime;

/// <summary>
/// Every trigger of the agency's workflow from every state it leaves, fired by every role: the runtime lets exactly
/// the roles the definition names through (guards all pass here, so only roles decide).
/// </summary>
public sealed class GrantWorkflowPermissionTests : IAsyncLifetime
{
    private static readonly string[] AllRoles = [.. TestHandlers.Roles, "System"];

    private EngineHost _engine = null!;

    public async Task InitializeAsync()
    {
        var file = Path.Combine(AppContext.BaseDirectory, "workflows", "component-substitution-grant.json");
        _engine = await EngineHost.StartAsync([(Path.GetFileName(file), await File.ReadAllTextAsync(file))]);
    }

    public async Task DisposeAsync() => await _engine.DisposeAsync();

    [Fact]
    public async Task EachTriggerFromEachState_IsAllowedToExactlyTheRolesTheDefinitionNames()
    {
        var probe = await _engine.RunAsync((runtime, _) => runtime.StartAsync("component-substitution-grant", "probe", WorkflowActor.System));
        var definition = await _engine.RunAsync((runtime, _) => runtime.DefinitionAsync(probe));
        var cases = definition.Transitions.SelectMany(t => t.From.SelectMany(from => AllRoles.Select(role => (Transition: t, From: from, Role: role))));
        var mismatches = new List<string>();
        var count = 0;
        foreach (var (transition, from, role) in cases)
        {
            var subject = $"matrix-{count++}";
            var instance = await _engine.RunAsync((runtime, _) => runtime.StartAsync(definition.Id, subject, WorkflowActor.System));
            // Arrange: put the instance straight into the state under test.
            await _engine.RunAsync((_, db) => db.Set<WorkflowInstance>().Where(i => i.Id == instance.Id)
                .ExecuteUpdateAsync(u => u.SetProperty(i => i.State, from)));

            var actor = new WorkflowActor($"{role}-1", role, new HashSet<string> { role });
            var result = await _engine.RunAsync((runtime, _) => runtime.FireAsync(instance.Id, new WorkflowSignal(transition.Trigger, "k"), actor));

            var expected = transition.Roles.Contains(role) ? FireOutcome.Applied : FireOutcome.NotAllowed;
            if (result.Outcome != expected)
            {
                mismatches.Add($"{transition.Trigger} from {from} as {role}: {result.Outcome}, expected {expected}");
            }
        }

        Assert.Empty(mismatches);
        Assert.True(count > 100, $"only {count} cases");
    }
}
