namespace GrantPortal.Workflows.Definitions;

/// <summary>
/// The names a definition may use: roles, and the guards, effects and date sources the app has registered.
/// Loading checks every name against it, so a typo stops start-up instead of failing one transition months later.
/// </summary>
public sealed record WorkflowVocabulary(
    IReadOnlySet<string> Roles,
    IReadOnlySet<string> Guards,
    IReadOnlySet<string> Effects,
    IReadOnlySet<string> DateSources)
{
    /// <summary>The role timers act as; definitions list it where a transition is fired by a timer.</summary>
    public const string SystemRole = "System";
}
