namespace GrantPortal.Workflows.Definitions;

/// <summary>A definition file is malformed or inconsistent. The message names the file, the place and the fault.</summary>
public sealed class WorkflowDefinitionException(string file, string place, string fault)
    : Exception($"{file}: {place}: {fault}")
{
    public string File { get; } = file;

    public string Place { get; } = place;

    public string Fault { get; } = fault;
}
