namespace GrantPortal.Workflows.Definitions;

/// <summary>
/// A workflow as written in a JSON file of <c>workflows/</c>: states, and the transitions between them that people
/// (by role) or timers fire. Immutable once loaded; <see cref="Version"/> is a hash of the file's content, so an
/// edited file is a new version and running instances keep the one they started on.
/// </summary>
public sealed record WorkflowDefinition(
    string Id,
    LocalizedText Name,
    string InitialState,
    IReadOnlyList<StateDefinition> States,
    IReadOnlyList<TransitionDefinition> Transitions)
{
    /// <summary>SHA-256 of the definition's content, as lower-case hex.</summary>
    public string Version { get; init; } = "";

    public StateDefinition State(string id) =>
        States.FirstOrDefault(s => s.Id == id) ?? throw new KeyNotFoundException($"Workflow {Id} has no state '{id}'.");

    /// <summary>The transition that <paramref name="trigger"/> fires from <paramref name="state"/>, if any.</summary>
    public TransitionDefinition? FindTransition(string state, string trigger) =>
        Transitions.FirstOrDefault(t => t.Trigger == trigger && t.From.Contains(state));

    public IEnumerable<TransitionDefinition> TransitionsFrom(string state) => Transitions.Where(t => t.From.Contains(state));
}

/// <summary>A text in Russian and English.</summary>
public sealed record LocalizedText(string Ru, string En)
{
    public string In(string language) => language == "en" ? En : Ru;
}

/// <summary>A state an instance rests in until a transition moves it on.</summary>
/// <param name="Awaits">Roles expected to act while the instance is here: each becomes a waiting task (bookmark).</param>
/// <param name="Timers">Timers started on entering the state and cancelled on leaving it.</param>
public sealed record StateDefinition(
    string Id,
    LocalizedText Name,
    bool IsFinal,
    IReadOnlyList<string> Awaits,
    IReadOnlyList<TimerDefinition> Timers);

/// <summary>
/// A move from one of <see cref="From"/> to <see cref="To"/> when <see cref="Trigger"/> is fired by someone in one
/// of <see cref="Roles"/> and every guard holds. A transition to the state it starts from is internal: the state is
/// not left, so its timers and tasks stay.
/// </summary>
public sealed record TransitionDefinition(
    string Trigger,
    LocalizedText Name,
    IReadOnlyList<string> From,
    string To,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> Guards,
    IReadOnlyList<string> Effects)
{
    public bool IsInternal(string from) => From.Contains(from) && To == from;
}

/// <summary>
/// Fires <see cref="Trigger"/> as the system at a moment: either <see cref="After"/> entering the state, or at the
/// date a named date source gives (<see cref="At"/>, e.g. the review due date) moved by <see cref="Offset"/>.
/// </summary>
public sealed record TimerDefinition(string Trigger, TimeSpan? After, string? At, TimeSpan Offset);
