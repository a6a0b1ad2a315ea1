using GrantPortal.Workflows.Definitions;

namespace GrantPortal.Workflows.Runtime;

/// <summary>Who fires a signal: a person with their roles, or the system (timers).</summary>
public sealed record WorkflowActor(string Id, string DisplayName, IReadOnlySet<string> Roles)
{
    public static WorkflowActor System { get; } = new("system", "System", new HashSet<string> { WorkflowVocabulary.SystemRole });
}

/// <summary>What a guard, effect or date source sees of the transition under way.</summary>
public sealed record WorkflowContext(
    Guid InstanceId,
    string SubjectId,
    WorkflowDefinition Definition,
    string FromState,
    string ToState,
    string Trigger,
    WorkflowActor Actor,
    IReadOnlyDictionary<string, string> Payload,
    string? Comment,
    IServiceProvider Services);

/// <summary>A guard's answer; when it does not hold, the reason is shown to the person as a message key.</summary>
public sealed record GuardResult(bool Holds, string? Reason = null)
{
    public static GuardResult Pass { get; } = new(true);

    public static GuardResult Fail(string reason) => new(false, reason);
}

/// <summary>A condition a transition needs, named in definitions (e.g. <c>allReviewsSubmitted</c>).</summary>
public interface IWorkflowGuard
{
    string Name { get; }

    Task<GuardResult> CheckAsync(WorkflowContext context, CancellationToken cancellationToken);
}

/// <summary>
/// Work done with a transition, named in definitions (e.g. <c>notifyApplicant</c>). It runs inside the transition's
/// transaction and writes through the same database context, so its writes commit or roll back with the state change.
/// </summary>
public interface IWorkflowEffect
{
    string Name { get; }

    Task RunAsync(WorkflowContext context, CancellationToken cancellationToken);
}

/// <summary>A moment a timer can be set at (e.g. <c>reviewDueAt</c>); null means "no such date: no timer".</summary>
public interface IWorkflowDateSource
{
    string Name { get; }

    Task<DateTimeOffset?> GetAsync(WorkflowContext context, CancellationToken cancellationToken);
}

/// <summary>
/// Told whenever an instance enters a state: when it starts, and at every transition that changes its state, whether a
/// person fired it or a timer did (internal transitions, which stay in the state, are not told). It runs after the
/// transition's effects, inside the same transaction and through the same database context, so the app can keep a
/// copy of the state beside its own record (to filter lists by it with the app's indexes) that can never disagree
/// with the instance: an observer that throws rolls the transition back.
/// </summary>
/// <remarks>
/// <see cref="WorkflowContext.ToState"/> is the state entered; at the start <see cref="WorkflowContext.FromState"/>
/// is that same state and the trigger is <c>start</c>. Observers are resolved from the runtime's scope.
/// </remarks>
public interface IWorkflowObserver
{
    Task StateEnteredAsync(WorkflowContext context, CancellationToken cancellationToken);
}
