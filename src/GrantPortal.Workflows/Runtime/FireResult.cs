namespace GrantPortal.Workflows.Runtime;

public enum FireOutcome
{
    /// <summary>The transition was taken.</summary>
    Applied,

    /// <summary>A signal with the same idempotency key was applied before; nothing was done again.</summary>
    AlreadyApplied,

    /// <summary>The instance moved on since the caller looked (its sequence differs): reload and decide again.</summary>
    Conflict,

    /// <summary>The trigger does not apply in the current state, or not to this actor's roles.</summary>
    NotAllowed,

    /// <summary>A guard does not hold; <see cref="FireResult.Reasons"/> says why.</summary>
    GuardFailed,
}

/// <summary>What became of a signal, and the instance's state and sequence afterwards.</summary>
public sealed record FireResult(FireOutcome Outcome, string State, int Sequence, IReadOnlyList<string> Reasons)
{
    public bool Succeeded => Outcome is FireOutcome.Applied or FireOutcome.AlreadyApplied;
}

/// <summary>A trigger an actor may fire now, as the UI offers it.</summary>
/// <param name="Reasons">Why it cannot be fired now, as the failed guards (or the engine) say it; empty when it can.</param>
/// <param name="FailedGuards">The names of the guards that do not hold now, for a UI that offers what a guard needs (a comment).</param>
public sealed record AvailableAction(string Trigger, Definitions.LocalizedText Name, IReadOnlyList<string> Reasons, IReadOnlyList<string> FailedGuards)
{
    public bool IsAllowed => Reasons.Count == 0;
}
