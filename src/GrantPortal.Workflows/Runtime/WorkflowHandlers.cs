using GrantPortal.Workflows.Definitions;

namespace GrantPortal.Workflows.Runtime;

/// <summary>
/// The guards, effects and date sources the app registered, by the names definitions use, and the names it declares
/// as pending: known, so a definition naming them loads, but not built yet. A transition that needs a pending
/// guard or effect is never offered or taken, and a timer at a pending date source is not set, so a workflow can be
/// written whole before every step of it exists.
/// </summary>
public sealed class WorkflowHandlers
{
    private readonly Dictionary<string, IWorkflowGuard> _guards;
    private readonly Dictionary<string, IWorkflowEffect> _effects;
    private readonly Dictionary<string, IWorkflowDateSource> _dateSources;
    private readonly HashSet<string> _pending;

    /// <exception cref="InvalidOperationException">Two handlers share a name, or a name is both registered and pending.</exception>
    public WorkflowHandlers(
        IEnumerable<IWorkflowGuard> guards,
        IEnumerable<IWorkflowEffect> effects,
        IEnumerable<IWorkflowDateSource> dateSources,
        IEnumerable<string>? pending = null)
    {
        _guards = ByName(guards, g => g.Name, "guard");
        _effects = ByName(effects, e => e.Name, "effect");
        _dateSources = ByName(dateSources, d => d.Name, "date source");
        _pending = (pending ?? []).ToHashSet(StringComparer.Ordinal);
        var both = _pending.Where(n => _guards.ContainsKey(n) || _effects.ContainsKey(n) || _dateSources.ContainsKey(n)).ToList();
        if (both.Count > 0)
        {
            throw new InvalidOperationException($"Workflow handlers both registered and declared pending: {string.Join(", ", both)}.");
        }
    }

    public IReadOnlySet<string> Pending => _pending;

    public WorkflowVocabulary Vocabulary(IEnumerable<string> roles) =>
        new(roles.ToHashSet(),
            _guards.Keys.Concat(_pending).ToHashSet(),
            _effects.Keys.Concat(_pending).ToHashSet(),
            _dateSources.Keys.Concat(_pending).ToHashSet());

    internal bool NeedsPending(TransitionDefinition transition) =>
        transition.Guards.Concat(transition.Effects).Any(_pending.Contains);

    internal bool IsPending(string name) => _pending.Contains(name);

    internal IWorkflowGuard Guard(string name) => _guards[name];

    internal IWorkflowEffect Effect(string name) => _effects[name];

    internal IWorkflowDateSource DateSource(string name) => _dateSources[name];

    private static Dictionary<string, T> ByName<T>(IEnumerable<T> handlers, Func<T, string> name, string kind)
    {
        var byName = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var handler in handlers)
        {
            if (!byName.TryAdd(name(handler), handler))
            {
                throw new InvalidOperationException($"Two workflow {kind}s are registered as '{name(handler)}'.");
            }
        }

        return byName;
    }
}
