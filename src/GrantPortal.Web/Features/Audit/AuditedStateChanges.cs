using GrantPortal.Workflows.Runtime;

namespace GrantPortal.Web.Features.Audit;

/// <summary>
/// Writes a StateChanged entry whenever a workflow instance enters a state: at its start and at every transition
/// that changes its state, by a person or by a timer, inside the transition's transaction. Internal transitions
/// (which stay in their state) are not told to observers, so they leave no entry here; the engine's journal has them.
/// </summary>
internal sealed class AuditedStateChanges(AuditLog audit) : IWorkflowObserver
{
    public Task StateEnteredAsync(WorkflowContext context, CancellationToken cancellationToken) =>
        audit.StateChangedAsync(context, cancellationToken);
}
