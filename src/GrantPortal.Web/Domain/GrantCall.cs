namespace GrantPortal.Web.Domain;

/// <summary>
/// A call for applications under the component-substitution programme, with the rules its applications are held to:
/// the stage kinds and sectors it funds, its money limits, the documents to attach, and how experts score.
/// </summary>
/// <remarks>
/// Scales: criterion weights are percentages that add up to exactly 100, so an application's weighted total,
/// the sum over criteria of (score / MaxScore) × Weight, lies on a 0..100 scale. <see cref="DivergenceLimit"/>
/// is in points of that same 0..100 scale.
/// </remarks>
public sealed class GrantCall
{
    /// <summary>The programme's ceiling for one application, in roubles.</summary>
    public const decimal GrantCeiling = 100_000_000.00m;

    /// <summary>The largest amount the database column holds (numeric(15,2)).</summary>
    public const decimal LargestAmount = 9_999_999_999_999.99m;

    public const int MinExpertsPerApplication = 1;
    public const int MaxExpertsPerApplication = 5;
    public const int MaxReviewPeriodDays = 365;
    public const int MaxCriterionScore = 100;

    public Guid Id { get; set; }

    public string TitleRu { get; set; } = "";

    public string TitleEn { get; set; } = "";

    public string DescriptionRu { get; set; } = "";

    public string DescriptionEn { get; set; } = "";

    public List<StageKind> AllowedStageKinds { get; set; } = [];

    public List<Sector> Sectors { get; set; } = [];

    public decimal MaxGrant { get; set; } = GrantCeiling;

    public decimal TotalBudget { get; set; }

    /// <summary>The company's minimum share of the project budget, 0..1 (0.2 is 20 %).</summary>
    public decimal MinCoFinancingShare { get; set; }

    public DateTime OpensAt { get; set; }

    public DateTime ClosesAt { get; set; }

    public List<RequiredDocumentType> RequiredDocumentTypes { get; set; } = [];

    public List<ScoringCriterion> Criteria { get; set; } = [];

    public int ExpertsPerApplication { get; set; } = 2;

    public int ReviewPeriodDays { get; set; } = 14;

    /// <summary>
    /// The largest allowed difference between two experts' weighted totals, in points of the 0..100 scale;
    /// a larger one brings in a further expert.
    /// </summary>
    public decimal DivergenceLimit { get; set; } = 20m;

    public DateTime CreatedAt { get; set; }

    /// <summary>The officer who created the call; null for calls that came with the system (migrations, the demo).</summary>
    public Guid? CreatedById { get; set; }

    public bool IsOpenAt(DateTime utcNow) => OpensAt <= utcNow && utcNow < ClosesAt;

    public bool IsUpcomingAt(DateTime utcNow) => utcNow < OpensAt;

    public bool IsClosedAt(DateTime utcNow) => ClosesAt <= utcNow;

    /// <summary>
    /// Whether the rules can no longer change. A call must not change the rules for applications already submitted.
    /// Applications do not exist yet, so the rules freeze when the call opens, the first moment one could be
    /// submitted: from then on only the titles and descriptions may be edited and the closing time extended (never
    /// brought forward, which would cut short applicants who planned by it). When applications exist this can
    /// become "once the first application is submitted", which this method is the single place to change.
    /// </summary>
    public bool RulesAreFrozen(DateTime utcNow) => OpensAt <= utcNow;

    public string Title(string culture) => culture == "en" ? TitleEn : TitleRu;

    public string Description(string culture) => culture == "en" ? DescriptionEn : DescriptionRu;

    /// <summary>An application's weighted total on the 0..100 scale, from one expert's score per criterion code.</summary>
    public decimal WeightedTotal(IReadOnlyDictionary<string, decimal> scores) =>
        Criteria.Sum(c => scores.TryGetValue(c.Code, out var score) ? score / c.MaxScore * c.Weight : 0m);

    /// <summary>The hard rules of every call. An empty list means the call may be saved.</summary>
    public IReadOnlyList<CallRuleViolation> CheckRules()
    {
        var broken = new List<CallRuleViolation>();
        void Add(CallRule rule, int? row = null) => broken.Add(new CallRuleViolation(rule, row));

        if (MaxGrant <= 0)
        {
            Add(CallRule.MaxGrantNotPositive);
        }
        else if (MaxGrant > GrantCeiling)
        {
            Add(CallRule.MaxGrantAboveCeiling);
        }

        if (TotalBudget > LargestAmount)
        {
            Add(CallRule.TotalBudgetTooLarge);
        }
        else if (TotalBudget < MaxGrant)
        {
            Add(CallRule.TotalBudgetBelowMaxGrant);
        }

        if (!IsWholeKopecks(MaxGrant) || !IsWholeKopecks(TotalBudget))
        {
            Add(CallRule.AmountNotInKopecks);
        }

        if (MinCoFinancingShare < 0 || MinCoFinancingShare >= 1 || decimal.Round(MinCoFinancingShare, 4) != MinCoFinancingShare)
        {
            Add(CallRule.CoFinancingShareOutOfRange);
        }

        if (OpensAt >= ClosesAt)
        {
            Add(CallRule.ClosesBeforeOpens);
        }

        if (AllowedStageKinds.Count == 0)
        {
            Add(CallRule.NoStageKind);
        }

        if (Sectors.Count == 0)
        {
            Add(CallRule.NoSector);
        }

        CheckCriteria(Add);

        if (RequiredDocumentTypes.GroupBy(d => d.Code, StringComparer.OrdinalIgnoreCase).Any(g => g.Count() > 1))
        {
            Add(CallRule.DocumentCodesRepeat);
        }

        if (ExpertsPerApplication is < MinExpertsPerApplication or > MaxExpertsPerApplication)
        {
            Add(CallRule.ExpertsPerApplicationOutOfRange);
        }

        if (ReviewPeriodDays is < 1 or > MaxReviewPeriodDays)
        {
            Add(CallRule.ReviewPeriodOutOfRange);
        }

        if (DivergenceLimit <= 0 || DivergenceLimit > 100 || decimal.Round(DivergenceLimit, 2) != DivergenceLimit)
        {
            Add(CallRule.DivergenceLimitOutOfRange);
        }

        return broken;
    }

    /// <summary>The names of the rules (everything but titles, descriptions and the closing time) that differ from another call's.</summary>
    public IReadOnlyList<string> RuleChangesFrom(GrantCall other)
    {
        var changed = new List<string>();
        void Compare(bool same, string name)
        {
            if (!same)
            {
                changed.Add(name);
            }
        }

        Compare(AllowedStageKinds.Order().SequenceEqual(other.AllowedStageKinds.Order()), nameof(AllowedStageKinds));
        Compare(Sectors.Order().SequenceEqual(other.Sectors.Order()), nameof(Sectors));
        Compare(MaxGrant == other.MaxGrant, nameof(MaxGrant));
        Compare(TotalBudget == other.TotalBudget, nameof(TotalBudget));
        Compare(MinCoFinancingShare == other.MinCoFinancingShare, nameof(MinCoFinancingShare));
        Compare(OpensAt == other.OpensAt, nameof(OpensAt));
        Compare(RequiredDocumentTypes.SequenceEqual(other.RequiredDocumentTypes), nameof(RequiredDocumentTypes));
        Compare(Criteria.SequenceEqual(other.Criteria), nameof(Criteria));
        Compare(ExpertsPerApplication == other.ExpertsPerApplication, nameof(ExpertsPerApplication));
        Compare(ReviewPeriodDays == other.ReviewPeriodDays, nameof(ReviewPeriodDays));
        Compare(DivergenceLimit == other.DivergenceLimit, nameof(DivergenceLimit));
        return changed;
    }

    private void CheckCriteria(Action<CallRule, int?> add)
    {
        if (Criteria.Count == 0)
        {
            add(CallRule.NoCriterion, null);
            return;
        }

        if (Criteria.GroupBy(c => c.Code, StringComparer.OrdinalIgnoreCase).Any(g => g.Count() > 1))
        {
            add(CallRule.CriterionCodesRepeat, null);
        }

        for (var i = 0; i < Criteria.Count; i++)
        {
            var criterion = Criteria[i];
            if (criterion.Weight <= 0)
            {
                add(CallRule.CriterionWeightNotPositive, i);
            }

            if (criterion.MaxScore is < 1 or > MaxCriterionScore)
            {
                add(CallRule.CriterionMaxScoreOutOfRange, i);
            }
            else if (criterion.Threshold < 0 || criterion.Threshold > criterion.MaxScore)
            {
                add(CallRule.CriterionThresholdOutOfRange, i);
            }
        }

        // Exactly 100: weights are entered with at most two decimals, so the sum is exact in decimal.
        if (Criteria.Sum(c => c.Weight) != 100m)
        {
            add(CallRule.CriterionWeightsNotHundred, null);
        }
    }

    private static bool IsWholeKopecks(decimal amount) => decimal.Round(amount, 2) == amount;
}
