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

/// <param name="Rows">Every ranked application: the totals, the chart and the CSV use them all. A row has its company's name
/// when it is on the page shown (or the ranking was loaded for the CSV).</param>
/// <param name="Page">The page of <see cref="Rows"/> the screen shows, from 1.</param>
public sealed record CallRankingModel(GrantCall Call, IReadOnlyList<RankedApplication> Rows, int Page = 1)
{
    /// <summary>Rows on a screen: a call's ranking runs to thousands, too many to render and read at once.</summary>
    public const int PageSize = 100;

    public decimal Approved => Rows.Sum(r => r.Approved ?? 0);

    /// <summary>The first row the budget no longer covers; null when it covers them all.</summary>
    public RankedApplication? FirstBeyondBudget => Rows.FirstOrDefault(r => !r.WithinBudget);

    public int PageCount => Math.Max(1, (Rows.Count + PageSize - 1) / PageSize);

    /// <summary>The page the budget line is on; null when the budget covers every row.</summary>
    public int? BudgetLinePage => FirstBeyondBudget is { } row ? (row.Rank - 1) / PageSize + 1 : null;

    public IEnumerable<RankedApplication> PageRows => Rows.Skip((Page - 1) * PageSize).Take(PageSize);
}

/// <summary>
/// A call's reviewed applications ranked by score, with the running total against the call's budget. Ties are broken
/// by the mean score on the call's first criterion, then by the earlier submission. Each row counts towards the
/// budget what it takes or would take: its approved amount, its requested grant while undecided, nothing if rejected.
/// </summary>
public sealed class CallRanking(PortalDbContext db)
{
    private static readonly string[] RankedStates = ["ReviewsComplete", "Decision", "Approved", "Rejected", "DecisionIssued"];

    /// <param name="page">
    /// The page the screen shows: the company names are read for its rows alone. Null: for every row (the CSV).
    /// </param>
    public async Task<CallRankingModel?> LoadAsync(Guid callId, int? page, CancellationToken cancellationToken)
    {
        var call = await db.Calls.AsNoTracking().SingleOrDefaultAsync(c => c.Id == callId, cancellationToken);
        if (call is null)
        {
            return null;
        }

        // Every ranked application is read, as the running total and the budget line need them all, but only the
        // columns the ranking uses: of the criterion means, the first criterion's. The ranked states are all past
        // submission: saying so lets the (call, state) index of submitted applications find them. An application has
        // one final decision at most (a unique index), so the left join keeps one row each.
        var firstCriterion = call.Criteria.FirstOrDefault()?.Code ?? "";
        var rows = await (
                from a in db.Applications
                where a.CallId == callId && a.SubmittedAt != null && RankedStates.Contains(a.State)
                join s in db.ApplicationScores on a.Id equals s.ApplicationId
                join d in db.Decisions.Where(d => d.Status == DecisionStatus.Final) on a.Id equals d.ApplicationId into finals
                from d in finals.DefaultIfEmpty()
                select new
                {
                    a.Id, a.Number, a.Title, a.CompanyId, a.RegionCode, a.State, a.SubmittedAt, a.RequestedGrant, s.Score, s.BelowThreshold, s.Divergent,
                    FirstMean = s.CriterionMeans.Where(m => m.Code == firstCriterion).Select(m => (decimal?)m.Mean).FirstOrDefault() ?? 0,
                    Decided = (DecisionKind?)d!.Kind, Amount = (decimal?)d.Amount,
                })
            .AsNoTracking()
            .ToListAsync(cancellationToken);

        var ranked = rows
            .OrderByDescending(r => r.Score)
            .ThenByDescending(r => r.FirstMean)
            .ThenBy(r => r.SubmittedAt)
            .ThenBy(r => r.Id)
            .ToList();
        var pageCount = Math.Max(1, (ranked.Count + CallRankingModel.PageSize - 1) / CallRankingModel.PageSize);
        var shownPage = Math.Clamp(page ?? 1, 1, pageCount);
        var named = page is null ? ranked : ranked.Skip((shownPage - 1) * CallRankingModel.PageSize).Take(CallRankingModel.PageSize);
        var companyIds = named.Select(r => r.CompanyId).Distinct().ToList();
        var companies = await db.Companies.Where(c => companyIds.Contains(c.Id)).Select(c => new { c.Id, c.LegalName })
            .ToDictionaryAsync(c => c.Id, c => c.LegalName, cancellationToken);
        var running = 0m;
        var result = new List<RankedApplication>(ranked.Count);
        foreach (var (r, index) in ranked.Select((r, i) => (r, i)))
        {
            var approved = r.Decided == DecisionKind.Approve ? r.Amount : null;
            var counted = approved ?? (r.Decided == DecisionKind.Reject ? 0 : r.RequestedGrant);
            running += counted;
            result.Add(new RankedApplication(
                index + 1, r.Id, r.Number ?? "", r.Title, companies.GetValueOrDefault(r.CompanyId, ""), r.RegionCode, r.State, r.Score, r.FirstMean,
                r.SubmittedAt ?? DateTime.MinValue, r.RequestedGrant, approved, counted, running, running <= call.TotalBudget, r.BelowThreshold, r.Divergent));
        }

        return new CallRankingModel(call, result, shownPage);
    }
}
