namespace GrantPortal.Web.Domain;

/// <summary>A rule a review breaks; <see cref="Message"/> is English and the key of its translation.</summary>
public sealed record ReviewProblem(string Field, string Message, params object[] Arguments);

/// <summary>
/// Scoring (DOMAIN.md): an expert's weighted total is the sum over criteria of score / MaxScore × Weight, on a
/// 0..100 scale; the application's score is the mean of its experts' totals; a criterion whose mean is below its
/// threshold flags the application; two totals further apart than the call's divergence limit bring in one more
/// expert (one only: with that expert's review the mean of all stands, flagged as divergent).
/// </summary>
public static class ReviewScoring
{
    public const int MinSummaryLength = 30;

    public static decimal WeightedTotal(IReadOnlyList<CriterionScore> scores, IReadOnlyList<ScoringCriterion> criteria) =>
        Math.Round(criteria.Sum(c => (decimal)(scores.FirstOrDefault(s => s.Code == c.Code)?.Score ?? 0) / c.MaxScore * c.Weight), 2);

    /// <summary>What keeps a review from being submitted: every criterion scored within its range with a reason, a recommendation, a summary.</summary>
    public static IReadOnlyList<ReviewProblem> Check(IReadOnlyList<CriterionScore> scores, Recommendation? recommendation, string summary, IReadOnlyList<ScoringCriterion> criteria)
    {
        var problems = new List<ReviewProblem>();
        for (var i = 0; i < criteria.Count; i++)
        {
            var criterion = criteria[i];
            var given = scores.FirstOrDefault(s => s.Code == criterion.Code);
            if (given?.Score is not { } score || score < 0 || score > criterion.MaxScore)
            {
                problems.Add(new($"Scores[{i}].Score", "Score \"{0}\" from 0 to {1}.", criterion, criterion.MaxScore));
            }

            if ((given?.Reason.Trim().Length ?? 0) < Review.MinReasonLength)
            {
                problems.Add(new($"Scores[{i}].Reason", "Give the reason for the score on \"{0}\": at least {1} characters.", criterion, Review.MinReasonLength));
            }
        }

        if (recommendation is null)
        {
            problems.Add(new("Recommendation", "Choose a recommendation."));
        }

        if (summary.Trim().Length < MinSummaryLength)
        {
            problems.Add(new("Summary", "Write a summary of at least {0} characters.", MinSummaryLength));
        }

        return problems;
    }

    public static decimal Spread(IReadOnlyCollection<decimal> totals) => totals.Count < 2 ? 0 : totals.Max() - totals.Min();

    /// <summary>True when the totals diverge and the one extra expert has not been brought in yet.</summary>
    public static bool NeedsAnotherExpert(IReadOnlyCollection<decimal> totals, GrantCall call) =>
        Spread(totals) > call.DivergenceLimit && totals.Count < call.ExpertsPerApplication + 1;

    /// <summary>How many submitted reviews the application needs: the call's number, one more once they diverge.</summary>
    public static int RequiredReviews(IReadOnlyCollection<decimal> submittedTotals, GrantCall call) =>
        Spread(submittedTotals) > call.DivergenceLimit ? call.ExpertsPerApplication + 1 : call.ExpertsPerApplication;

    public static ApplicationScore Aggregate(Guid applicationId, IReadOnlyList<Review> submitted, GrantCall call, DateTime now)
    {
        var means = call.Criteria.Select(c =>
        {
            var mean = Math.Round(submitted.Average(r => (decimal)(r.Scores.FirstOrDefault(s => s.Code == c.Code)?.Score ?? 0)), 2);
            return new CriterionMean { Code = c.Code, Mean = mean, BelowThreshold = mean < c.Threshold };
        }).ToList();
        var totals = submitted.Select(r => r.Total ?? 0).ToList();
        return new ApplicationScore
        {
            ApplicationId = applicationId,
            Score = Math.Round(totals.Average(), 2),
            CriterionMeans = means,
            FirstCriterionMean = means.FirstOrDefault()?.Mean ?? 0,
            BelowThreshold = means.Any(m => m.BelowThreshold),
            Divergent = Spread(totals) > call.DivergenceLimit,
            ReviewCount = submitted.Count,
            ComputedAt = now,
        };
    }
}
