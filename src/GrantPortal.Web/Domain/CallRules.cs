namespace GrantPortal.Web.Domain;

/// <summary>The kinds of work a grant pays for (DOMAIN.md): a project is planned as stages of these kinds.</summary>
public enum StageKind
{
    Prototype,
    Tests,
    ProductionLaunch,
}

/// <summary>The sectors the programme covers.</summary>
public enum Sector
{
    Industry,
    Transport,
    Energy,
    Infrastructure,
}

/// <summary>A document every application to the call must attach, e.g. a business plan.</summary>
public sealed record RequiredDocumentType
{
    /// <summary>A short Latin code that attachments will refer to; unique within the call.</summary>
    public string Code { get; init; } = "";

    public string NameRu { get; init; } = "";

    public string NameEn { get; init; } = "";

    public string Name(string culture) => culture == "en" ? NameEn : NameRu;
}

/// <summary>
/// What experts score. An expert gives 0..<see cref="MaxScore"/>; the criterion counts towards the weighted total
/// by <see cref="Weight"/>, a percentage (the weights of a call add up to exactly 100). A score below
/// <see cref="Threshold"/> flags the application.
/// </summary>
public sealed record ScoringCriterion
{
    public string Code { get; init; } = "";

    public string NameRu { get; init; } = "";

    public string NameEn { get; init; } = "";

    /// <summary>Percent of the weighted total, e.g. 25 for 25 %.</summary>
    public decimal Weight { get; init; }

    public int MaxScore { get; init; }

    /// <summary>The lowest acceptable score, on this criterion's own 0..<see cref="MaxScore"/> scale.</summary>
    public decimal Threshold { get; init; }

    public string Name(string culture) => culture == "en" ? NameEn : NameRu;
}

/// <summary>A rule of a call that its values break; the form turns each into a message in the user's language.</summary>
public enum CallRule
{
    MaxGrantNotPositive,
    MaxGrantAboveCeiling,
    TotalBudgetBelowMaxGrant,
    TotalBudgetTooLarge,
    AmountNotInKopecks,
    CoFinancingShareOutOfRange,
    ClosesBeforeOpens,
    NoStageKind,
    NoSector,
    NoCriterion,
    CriterionCodesRepeat,
    CriterionWeightNotPositive,
    CriterionWeightsNotHundred,
    CriterionMaxScoreOutOfRange,
    CriterionThresholdOutOfRange,
    DocumentCodesRepeat,
    ExpertsPerApplicationOutOfRange,
    ReviewPeriodOutOfRange,
    DivergenceLimitOutOfRange,
}

/// <param name="Row">The criterion's position (from 0) for rules about one criterion; otherwise null.</param>
public sealed record CallRuleViolation(CallRule Rule, int? Row = null);
