namespace GrantPortal.Workflows.Persistence;

/// <summary>A definition version as first seen, with its full content, so instances started on it can finish on it.</summary>
public sealed class WorkflowDefinitionRecord
{
    public string DefinitionId { get; set; } = "";

    public string Version { get; set; } = "";

    public string Content { get; set; } = "";

    public DateTime FirstSeenAt { get; set; }
}

/// <summary>One run of a workflow for one subject (e.g. an application), pinned to the version it started on.</summary>
public sealed class WorkflowInstance
{
    public Guid Id { get; set; }

    public string DefinitionId { get; set; } = "";

    public string Version { get; set; } = "";

    /// <summary>What the workflow is about, e.g. the application's id. At most one unfinished instance per subject.</summary>
    public string SubjectId { get; set; } = "";

    public string State { get; set; } = "";

    /// <summary>Counts transitions; the page shows it and a signal may name it, so a stale page is told it is stale.</summary>
    public int Sequence { get; set; }

    public bool IsFinished { get; set; }

    public DateTime StartedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}

/// <summary>One transition taken: who, when, from, to, why. Append-only.</summary>
public sealed class WorkflowJournalEntry
{
    public long Id { get; set; }

    public Guid InstanceId { get; set; }

    /// <summary>The instance's sequence after this transition; unique per instance, so no transition is applied twice.</summary>
    public int Sequence { get; set; }

    public DateTime At { get; set; }

    public string ActorId { get; set; } = "";

    public string ActorName { get; set; } = "";

    public string? FromState { get; set; }

    public string ToState { get; set; } = "";

    public string Trigger { get; set; } = "";

    public string? Comment { get; set; }

    /// <summary>The signal's idempotency key: a retried or double-clicked signal finds it and is not applied again.</summary>
    public string IdempotencyKey { get; set; } = "";
}

/// <summary>A waiting human task: someone in <see cref="Role"/> (or <see cref="AssigneeId"/>) is expected to act.</summary>
public sealed class WorkflowBookmark
{
    public Guid Id { get; set; }

    public Guid InstanceId { get; set; }

    public string State { get; set; } = "";

    public string Role { get; set; } = "";

    public string? AssigneeId { get; set; }

    public DateTime? DueAt { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>A timer waiting to fire its trigger as the system; deleted when the instance leaves the state.</summary>
public sealed class WorkflowTimer
{
    public Guid Id { get; set; }

    public Guid InstanceId { get; set; }

    public string State { get; set; } = "";

    public string Trigger { get; set; } = "";

    public DateTime DueAt { get; set; }

    public DateTime CreatedAt { get; set; }
}
