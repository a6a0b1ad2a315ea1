using System.Globalization;
using GrantPortal.Web.Domain;
using GrantPortal.Web.Infrastructure.Localization;
using GrantPortal.Web.Infrastructure.Web;
using Microsoft.Extensions.Localization;

namespace GrantPortal.Web.Features.Reviews;

/// <summary>The review form as posted: a score and a reason per criterion of the call, a recommendation, a summary.</summary>
public sealed class ReviewForm
{
    public const int MaxReasonLength = 4000;

    public uint RowVersion { get; set; }

    public List<ScoreRow> Scores { get; set; } = [];

    public Recommendation? Recommendation { get; set; }

    public string? Summary { get; set; }

    public static ReviewForm From(Review review, GrantCall call) => new()
    {
        RowVersion = review.RowVersion,
        Scores = [.. call.Criteria.Select(c => review.Scores.FirstOrDefault(s => s.Code == c.Code) is { } given
            ? new ScoreRow { Code = c.Code, Score = given.Score?.ToString(CultureInfo.InvariantCulture), Reason = given.Reason }
            : new ScoreRow { Code = c.Code })],
        Recommendation = review.Recommendation,
        Summary = review.Summary,
    };

    /// <summary>The scores as the review keeps them; a score that is not a whole number in range is an error, even in a draft.</summary>
    public List<CriterionScore> ToScores(IReadOnlyList<ScoringCriterion> criteria, List<FormError> errors, IStringLocalizer l)
    {
        var scores = new List<CriterionScore>();
        for (var i = 0; i < criteria.Count; i++)
        {
            var criterion = criteria[i];
            var row = Scores.FirstOrDefault(s => s.Code == criterion.Code) ?? new ScoreRow { Code = criterion.Code };
            int? score = null;
            if (!string.IsNullOrWhiteSpace(row.Score))
            {
                if (int.TryParse(row.Score.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value <= criterion.MaxScore)
                {
                    score = value;
                }
                else
                {
                    errors.Add(new FormError($"Scores[{i}].Score", l["Score \"{0}\" from 0 to {1}.", criterion.Name(LocalizationExtensions.CurrentLanguage), criterion.MaxScore]));
                }
            }

            var reason = row.Reason?.Trim() ?? "";
            if (reason.Length > MaxReasonLength)
            {
                errors.Add(new FormError($"Scores[{i}].Reason", l["The reason may be at most {0} characters.", MaxReasonLength]));
            }

            scores.Add(new CriterionScore { Code = criterion.Code, Score = score, Reason = reason });
        }

        return scores;
    }
}

public sealed class ScoreRow
{
    public string Code { get; set; } = "";

    public string? Score { get; set; }

    public string? Reason { get; set; }
}
