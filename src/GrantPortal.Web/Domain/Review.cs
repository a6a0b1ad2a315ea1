namespace GrantPortal.Web.Domain;

public enum ReviewStatus
{
    /// <summary>Assigned; the expert has not yet accepted or declined.</summary>
    Offered,

    /// <summary>Accepted with a declaration of no conflict of interest; being written.</summary>
    Accepted,

    Declined,

    /// <summary>Submitted and locked; an officer may reopen it.</summary>
    Submitted,

    /// <summary>Taken from the expert by an officer (overdue, say) and given to another.</summary>
    Replaced,
}

public enum Recommendation
{
    Fund,
    FundWithChanges,
    DoNotFund,
}

/// <summary>An expert's score on one of the call's criteria, with the reason for it.</summary>
public sealed record CriterionScore
{
    public string Code { get; init; } = "";

    public int? Score { get; init; }

    public string Reason { get; init; } = "";
}

/// <summary>
/// One expert's review of one application: the assignment, the expert's answer to it, and the scores. The expert
/// reads exactly the submitted version <see cref="VersionNumber"/>. Other experts' reviews are never shown to them,
/// and applicants never see who reviewed.
/// </summary>
public sealed class Review
{
    public const int MinReasonLength = 30;

    public Guid Id { get; set; }

    public Guid ApplicationId { get; set; }

    public GrantApplication? Application { get; set; }

    public Guid ExpertId { get; set; }

    public int VersionNumber { get; set; }

    public ReviewStatus Status { get; set; }

    public DateTime AssignedAt { get; set; }

    public Guid AssignedById { get; set; }

    public DateTime DueAt { get; set; }

    /// <summary>When the expert accepted, declaring no conflict of interest.</summary>
    public DateTime? AcceptedAt { get; set; }

    public DateTime? DeclinedAt { get; set; }

    public string? DeclineReason { get; set; }

    public List<CriterionScore> Scores { get; set; } = [];

    public Recommendation? Recommendation { get; set; }

    public string Summary { get; set; } = "";

    /// <summary>The weighted total on the 0..100 scale, set at submission.</summary>
    public decimal? Total { get; set; }

    public DateTime? SubmittedAt { get; set; }

    /// <summary>When the expert submitted or declined, kept by PostgreSQL (a generated column): an expert's dashboard lists the finished reviews by it, latest first, from an index.</summary>
    public DateTime? FinishedAt { get; private set; }

    /// <summary>The reminders already e-mailed for the current due date ("soon", "due"), so none goes out twice.</summary>
    public List<string> RemindersSent { get; set; } = [];

    /// <summary>PostgreSQL's row version: an expert's two tabs, or an officer reopening while the expert submits, conflict.</summary>
    public uint RowVersion { get; set; }

    /// <summary>Counts towards the application's reviews and the expert's load.</summary>
    public bool IsActive => Status is ReviewStatus.Offered or ReviewStatus.Accepted or ReviewStatus.Submitted;

    public bool IsOpen => Status is ReviewStatus.Offered or ReviewStatus.Accepted;

    public bool IsOverdue(DateTime now) => IsOpen && DueAt < now;
}

/// <summary>The application's result from its submitted reviews, written when the reviews are complete.</summary>
public sealed class ApplicationScore
{
    public Guid ApplicationId { get; set; }

    /// <summary>The mean of the experts' weighted totals, 0..100.</summary>
    public decimal Score { get; set; }

    /// <summary>Per criterion, the mean of the experts' scores, on the criterion's own scale.</summary>
    public List<CriterionMean> CriterionMeans { get; set; } = [];

    /// <summary>The mean on the call's first criterion: the ranking's tie-break, kept apart from <see cref="CriterionMeans"/> so the ranking sorts on a column.</summary>
    public decimal FirstCriterionMean { get; set; }

    public bool BelowThreshold { get; set; }

    public bool Divergent { get; set; }

    public int ReviewCount { get; set; }

    public DateTime ComputedAt { get; set; }
}

public sealed record CriterionMean
{
    public string Code { get; init; } = "";

    public decimal Mean { get; init; }

    public bool BelowThreshold { get; init; }
}
