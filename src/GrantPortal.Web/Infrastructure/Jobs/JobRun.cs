namespace GrantPortal.Web.Infrastructure.Jobs;

/// <summary>One run of a background job, as the jobs page shows it. Written by <see cref="JobRunRecorder"/>.</summary>
public sealed class JobRun
{
    public long Id { get; set; }

    public string JobGroup { get; set; } = "";

    public string JobName { get; set; } = "";

    /// <summary>The Quartz instance id of the cluster node that ran it.</summary>
    public string Node { get; set; } = "";

    public DateTime StartedAt { get; set; }

    public TimeSpan Duration { get; set; }

    public bool Succeeded { get; set; }

    /// <summary>The exception's message when the run failed.</summary>
    public string? Error { get; set; }
}
