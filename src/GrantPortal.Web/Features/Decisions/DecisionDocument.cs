using GrantPortal.Web.Domain;

namespace GrantPortal.Web.Features.Decisions;

/// <summary>
/// Everything a decision letter shows, gathered when the decision is issued: <see cref="DecisionPdf"/> makes the PDF
/// from this alone, so the same document always gives the same file.
/// </summary>
public sealed record DecisionDocument
{
    public required string AgencyName { get; init; }

    public required string Number { get; init; }

    /// <summary>When the decision was taken, UTC; the letter shows its date in Moscow.</summary>
    public required DateTime DecidedAtUtc { get; init; }

    public required DecisionApplicant Applicant { get; init; }

    public required string ProjectTitle { get; init; }

    /// <summary>The imported item the project replaces.</summary>
    public required string ImportedItem { get; init; }

    public required string TnVedCode { get; init; }

    public required DecisionKind Kind { get; init; }

    /// <summary>The grant in roubles, for an approval only.</summary>
    public decimal? Amount { get; init; }

    /// <summary>The conditions of an approval or the reasons for a rejection; each line break starts a paragraph.</summary>
    public string ConditionsOrReasons { get; init; } = "";

    public IReadOnlyList<DecisionStage> Stages { get; init; } = [];

    public DecisionScores? Scores { get; init; }

    public IReadOnlyList<DecisionOfficer> Officers { get; init; } = [];

    /// <summary>The public page that confirms the decision; the QR code opens it.</summary>
    public required string VerificationUrl { get; init; }

    public required string VerificationCode { get; init; }
}

public sealed record DecisionApplicant(string Name, string Inn, string Ogrn, string Region);

/// <param name="Grant">Roubles.</param>
/// <param name="CoFinancing">Roubles.</param>
public sealed record DecisionStage(StageKind Kind, DateOnly Start, DateOnly End, decimal Grant, decimal CoFinancing);

/// <summary>The review's result without the experts: applicants never learn who they were.</summary>
/// <param name="Overall">The weighted score, 0..100.</param>
/// <param name="Recommendations">Each expert's, in the order they submitted; the letter numbers them "Expert 1", "Expert 2".</param>
public sealed record DecisionScores(decimal Overall, IReadOnlyList<DecisionCriterion> Criteria, IReadOnlyList<Recommendation> Recommendations);

/// <param name="Name">As the call names it, in the letter's language.</param>
public sealed record DecisionCriterion(string Name, decimal Mean, decimal Max);

/// <param name="Role">What the officer did, as the letter says it, e.g. "Подготовил", "Утвердил".</param>
/// <param name="Name">With the position if wanted, e.g. "Иванов И. И., начальник отдела грантов".</param>
public sealed record DecisionOfficer(string Role, string Name);
