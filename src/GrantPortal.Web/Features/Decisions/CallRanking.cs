using GrantPortal.Web.Data;
using GrantPortal.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace GrantPortal.Web.Features.Decisions;

/// <param name="Counted">What the row adds to the running total: the approved amount, the requested grant while undecided, nothing when rejected.</param>
/// <param name="WithinBudget">The running total up to and including this row is within the call's budget.</param>
public sealed record RankedApplication(
    int Rank, Guid Id, string Number, string Title, string Company, string? RegionCode, string State, decimal Score, decimal FirstCriterionMean,
    DateTime SubmittedAt, decimal Requested, decimal? Approved, decimal Counted, decimal RunningTotal, bool WithinBudget, bool BelowThreshold,
    bool Divergent);

public sealed record CallRankingModel(GrantCall Call, IReadOnlyList<RankedApplication> Rows)
{
    public decimal Approved => Rows.Sum(r => r.Approved ?? 0);

    /// <summary>The first row the budget no longer covers; null when it covers them all.</summary>
    public RankedApplication? FirstBeyondBudget => Rows.FirstOrDefault(r => !r.WithinBudget);
}

/// <summary>
/// A call's reviewed applications ranked by score, with the running total against the call's budget. Ties are broken
/// by the mean score on the call's first criterion, then by the earlier submission. Each row counts towards the
/// budget what it takes or would take: its approved amount, its requested grant while undecided, nothing if rejected.
/// </summary>
public sealed class CallRanking(PortalDbContext db)
{
    private static readonly string[] RankedStates = ["ReviewsComplete", "Decision", "Approved", "Rejected", "DecisionIssued"];

    public async Task<CallRankingModel?> LoadAsync(Guid callId, CancellationToken cancellationToken)
    {
        var call = await db.Calls.AsNoTracking().SingleOrDefaultAsync(c => c.Id == callId, cancellationToken);
        if (call is null)
        {
            return null;
        }

        var rows = await (
                from a in db.Applications
                where a.CallId == callId && RankedStates.Contains(a.State)
                join s in db.ApplicationScores on a.Id equals s.ApplicationId
                select new
                {
                    a.Id, a.Number, a.Title, Company = a.Company!.LegalName, a.RegionCode, a.State, a.SubmittedAt, a.RequestedGrant, Score = s,
                    Approved = db.Decisions.Where(d => d.ApplicationId == a.Id && d.Status == DecisionStatus.Final && d.Kind == DecisionKind.Approve)
                        .Select(d => d.Amount).FirstOrDefault(),
                    Rejected = db.Decisions.Any(d => d.ApplicationId == a.Id && d.Status == DecisionStatus.Final && d.Kind == DecisionKind.Reject),
                })
            .AsNoTracking()
            .ToListAsync(cancellationToken);

        var firstCriterion = call.Criteria.FirstOrDefault()?.Code;
        var ranked = rows
            .Select(r => (Row: r, FirstMean: r.Score.CriterionMeans.FirstOrDefault(m => m.Code == firstCriterion)?.Mean ?? 0))
            .OrderByDescending(x => x.Row.Score.Score)
            .ThenByDescending(x => x.FirstMean)
            .ThenBy(x => x.Row.SubmittedAt)
            .ToList();
        var running = 0m;
        var result = new List<RankedApplication>();
        foreach (var ((r, firstMean), index) in ranked.Select((x, i) => (x, i)))
        {
            var counted = r.Approved ?? (r.Rejected ? 0 : r.RequestedGrant);
            running += counted;
            result.Add(new RankedApplication(
                index + 1, r.Id, r.Number ?? "", r.Title, r.Company, r.RegionCode, r.State, r.Score.Score, firstMean, r.SubmittedAt ?? DateTime.MinValue,
                r.RequestedGrant, r.Approved, counted, running, running <= call.TotalBudget, r.Score.BelowThreshold, r.Score.Divergent));
        }

        return new CallRankingModel(call, result);
    }
}
