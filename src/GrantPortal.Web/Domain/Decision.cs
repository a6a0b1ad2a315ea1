namespace GrantPortal.Web.Domain;

public enum DecisionKind
{
    Approve,
    Reject,
}

public enum DecisionStatus
{
    /// <summary>An approval above the four-eyes amount, waiting for a second officer to confirm it.</summary>
    Proposed,

    /// <summary>Made: the application is approved or rejected by it.</summary>
    Final,

    /// <summary>A proposal taken back before it was confirmed.</summary>
    Withdrawn,
}

/// <summary>
/// The agency's decision on an application: approve with an amount (at most the requested grant) and conditions, or
/// reject with reasons. Large approvals are proposed by one officer and confirmed by another. A final decision gets
/// a number and a verification code; its PDF is made by a background job and never changes once issued.
/// </summary>
public sealed class Decision
{
    public Guid Id { get; set; }

    public Guid ApplicationId { get; set; }

    public GrantApplication? Application { get; set; }

    public Guid CallId { get; set; }

    public DecisionKind Kind { get; set; }

    /// <summary>The approved grant; null for a rejection.</summary>
    public decimal? Amount { get; set; }

    /// <summary>The conditions of an approval or the reasons for a rejection.</summary>
    public string Text { get; set; } = "";

    public DecisionStatus Status { get; set; }

    public Guid ProposedById { get; set; }

    public DateTime ProposedAt { get; set; }

    /// <summary>The second officer of a four-eyes approval.</summary>
    public Guid? ConfirmedById { get; set; }

    public DateTime? DecidedAt { get; set; }

    /// <summary>E.g. "РЕШ-2026-000042"; given when final.</summary>
    public string? Number { get; set; }

    /// <summary>What the public verification page is opened with; printed on the PDF and in its QR code.</summary>
    public string? VerificationCode { get; set; }

    /// <summary>When the PDF was asked for (the decision became final); the job makes it from then on.</summary>
    public DateTime? PdfRequestedAt { get; set; }

    public DateTime? PdfIssuedAt { get; set; }

    /// <summary>SHA-256 of the issued PDF, lower-case hex.</summary>
    public string? PdfSha256 { get; set; }

    public uint RowVersion { get; set; }
}

/// <summary>An issued decision PDF's bytes, apart from the decision so lists never read them.</summary>
public sealed class DecisionPdfFile
{
    public Guid DecisionId { get; set; }

    public byte[] Content { get; set; } = [];
}

/// <summary>
/// How often what ranks a call's applications has changed: a score, a final decision, the state of a scored
/// application. Triggers (0019) raise it at the commit of each such change, so a ranking worked out at one version
/// holds until the next. A call with no row has never changed: version 0.
/// </summary>
public sealed class CallRankingVersion
{
    public Guid CallId { get; set; }

    public long Version { get; set; }
}
