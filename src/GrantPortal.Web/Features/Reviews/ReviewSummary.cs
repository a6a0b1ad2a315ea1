using GrantPortal.Web.Data;
using GrantPortal.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace GrantPortal.Web.Features.Reviews;

/// <summary>One submitted review with its expert left out: "Expert 1", "Expert 2", in the order they submitted.</summary>
public sealed record AnonymousReview(int Number, decimal? Total, Recommendation? Recommendation, string Summary);

/// <summary>
/// The result of an application's review without the experts' names: the score, the criteria means and each review's
/// conclusion. Applicants see it once a decision is made (DOMAIN.md: they never learn who the experts were).
/// </summary>
public sealed record ReviewSummary(ApplicationScore Score, IReadOnlyList<AnonymousReview> Reviews)
{
    public static readonly IReadOnlySet<string> DecidedStates = new HashSet<string> { "Approved", "Rejected", "DecisionIssued" };

    public static async Task<ReviewSummary?> LoadAsync(PortalDbContext db, Guid applicationId, CancellationToken cancellationToken)
    {
        var score = await db.ApplicationScores.AsNoTracking().SingleOrDefaultAsync(s => s.ApplicationId == applicationId, cancellationToken);
        if (score is null)
        {
            return null;
        }

        var reviews = await db.Reviews.AsNoTracking()
            .Where(r => r.ApplicationId == applicationId && r.Status == ReviewStatus.Submitted)
            .OrderBy(r => r.SubmittedAt)
            .Select(r => new { r.Total, r.Recommendation, r.Summary })
            .ToListAsync(cancellationToken);
        return new ReviewSummary(score, reviews.Select((r, i) => new AnonymousReview(i + 1, r.Total, r.Recommendation, r.Summary)).ToList());
    }
}
