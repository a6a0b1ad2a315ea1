using GrantPortal.Workflows.Definitions;

namespace GrantPortal.Workflows.Runtime;

/// <summary>The guards, effects and date sources the app registered, by the names definitions use.</summary>
public sealed class WorkflowHandlers
{
    private readonly Dictionary<string, IWorkflowGuard> _guards;
    private readonly Dictionary<string, IWorkflowEffect> _effects;
    private readonly Dictionary<string, IWorkflowDateSource> _dateSources;

    /// <exception cref="InvalidOperationException">Two handlers share a name.</exception>
    public WorkflowHandlers(IEnumerable<IWorkflowGuard> guards, IEnumerable<IWorkflowEffect> effects, IEnumerable<IWorkflowDateSource> dateSources)
    {
        _guards = ByName(guards, g => g.Name, "guard");
        _effects = ByName(effects, e => e.Name, "effect");
        _dateSources = ByName(dateSources, d => d.Name, "date source");
    }

    public WorkflowVocabulary Vocabulary(IEnumerable<string> roles) =>
        new(roles.ToHashSet(), _guards.Keys.ToHashSet(), _effects.Keys.ToHashSet(), _dateSources.Keys.ToHashSet());

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
