using System.Collections.Concurrent;
using GrantPortal.Workflows.Definitions;

namespace GrantPortal.Workflows.Runtime;

/// <summary>
/// The definitions the engine knows: the newest version of each (from the files, for new instances) and any older
/// version a running instance was started on (from the database, parsed once and kept).
/// </summary>
public sealed class WorkflowCatalog
{
    private readonly Dictionary<string, (WorkflowDefinition Definition, string Content)> _latest;
    private readonly ConcurrentDictionary<(string Id, string Version), WorkflowDefinition> _versions = new();
    private readonly WorkflowVocabulary _vocabulary;

    /// <param name="files">The definition files' names and contents, e.g. read from <c>workflows/</c>.</param>
    /// <exception cref="WorkflowDefinitionException">A file is malformed or inconsistent.</exception>
    public WorkflowCatalog(IEnumerable<(string FileName, string Content)> files, WorkflowVocabulary vocabulary)
    {
        _vocabulary = vocabulary;
        _latest = [];
        foreach (var (fileName, content) in files)
        {
            var definition = WorkflowDefinitionLoader.Load(fileName, content, vocabulary);
            if (!_latest.TryAdd(definition.Id, (definition, content)))
            {
                throw new WorkflowDefinitionException(fileName, "id", $"another file already defines the workflow '{definition.Id}'.");
            }

            _versions[(definition.Id, definition.Version)] = definition;
        }
    }

    public IEnumerable<WorkflowDefinition> Latest => _latest.Values.Select(v => v.Definition);

    public WorkflowDefinition LatestOf(string id) =>
        _latest.TryGetValue(id, out var entry) ? entry.Definition : throw new KeyNotFoundException($"No workflow '{id}' is loaded.");

    internal string ContentOf(WorkflowDefinition latest) => _latest[latest.Id].Content;

    /// <summary>The definition an instance runs on; <paramref name="loadContent"/> reads an old version's stored content.</summary>
    internal async Task<WorkflowDefinition> GetAsync(string id, string version, Func<Task<string>> loadContent)
    {
        if (_versions.TryGetValue((id, version), out var known))
        {
            return known;
        }

        var definition = WorkflowDefinitionLoader.Load($"{id}@{version[..12]} (stored)", await loadContent(), _vocabulary);
        return _versions.GetOrAdd((id, version), definition);
    }
}
