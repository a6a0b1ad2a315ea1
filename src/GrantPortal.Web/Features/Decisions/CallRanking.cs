using GrantPortal.Web.Data;
using GrantPortal.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace GrantPortal.Web.Features.Decisions;

/// <param name="Counted">What the row adds to the running total: the approved amount, the requested grant while undecided, nothing when rejected.</param>
/// <param name="WithinBudget">The running total up to and including this row is within the call's budget.</param>
public sealed record RankedApplication(
    int Rank, Guid Id, string Number, string Title, string Company, string? RegionCode, string State, decimal Score, decimal FirstCriterionMean,
    DateTime SubmittedAt, decimal Requested, decimal? Approved, decimal Counted, decimal RunningTotal, bool WithinBudget, bool BelowThreshold,
    bool Divergent);

/// <param name="Rows">
/// The ranked applications the screen needs, in rank order: those of the page shown, the first
/// <see cref="RankingChart.MaxBars"/> (the chart) and the first beyond the budget. Every one for the CSV.
/// </param>
/// <param name="Count">How many applications are ranked.</param>
/// <param name="Approved">What the ranked applications have been approved, in all.</param>
/// <param name="Page">The page the screen shows, from 1.</param>
public sealed record CallRankingModel(GrantCall Call, IReadOnlyList<RankedApplication> Rows, int Count, decimal Approved, int Page = 1)
{
    /// <summary>Rows on a screen: a call's ranking runs to thousands, too many to render and read at once.</summary>
    public const int PageSize = 100;

    /// <summary>The first row the budget no longer covers; null when it covers them all. The running total only grows, so every row after it is beyond too.</summary>
    public RankedApplication? FirstBeyondBudget => Rows.FirstOrDefault(r => !r.WithinBudget);

    public int PageCount => PageOf(Count);

    /// <summary>The page the budget line is on; null when the budget covers every row.</summary>
    public int? BudgetLinePage => FirstBeyondBudget is { } row ? PageOf(row.Rank) : null;

    public IEnumerable<RankedApplication> PageRows => Rows.Where(r => PageOf(r.Rank) == Page);

    /// <summary>The page a rank is on (at least 1).</summary>
    public static int PageOf(int rank) => Math.Max(1, (rank + PageSize - 1) / PageSize);
}

/// <summary>
/// A call's reviewed applications ranked by score, with the running total against the call's budget. Ties are broken
/// by the mean score on the call's first criterion, then by the earlier submission. Each row counts towards the
/// budget what it takes or would take: its approved amount, its requested grant while undecided, nothing if rejected.
/// </summary>
/// <remarks>
/// A large call ranks thousands of applications, and the running total and the budget line depend on all of them.
/// PostgreSQL ranks and totals them (window functions over the narrow columns that order and count), about 30 ms for
/// 5,000; the order is then kept in memory for the call's <see cref="CallRankingVersion"/>, which triggers raise at the
/// commit of every change that could move it, so any app process sees a change at its next view. Titles, companies
/// and states are read fresh for the rows the screen shows: a company renamed does not move the ranking.
/// </remarks>
public sealed class CallRanking(PortalDbContext db, IMemoryCache cache)
{
    private static readonly string[] RankedStates = ["ReviewsComplete", "Decision", "Approved", "Rejected", "DecisionIssued"];

    // Long enough for a decision meeting to page through its ranking, short enough that a call nobody looks at lets go.
    private static readonly TimeSpan KeptUnused = TimeSpan.FromMinutes(20);

    /// <param name="page">The page the screen shows (out of range: the nearest there is). Null: every row, for the CSV.</param>
    public async Task<CallRankingModel?> LoadAsync(Guid callId, int? page, CancellationToken cancellationToken)
    {
        var call = await db.Calls.AsNoTracking().SingleOrDefaultAsync(c => c.Id == callId, cancellationToken);
        if (call is null)
        {
            return null;
        }

        var order = await OrderAsync(call.Id, cancellationToken);
        var shown = Math.Clamp(page ?? 1, 1, CallRankingModel.PageOf(order.Count));
        var firstBeyond = order.FirstOrDefault(r => r.RunningTotal > call.TotalBudget)?.Rank;
        var wanted = page is null
            ? order
            : order.Where(r => CallRankingModel.PageOf(r.Rank) == shown || r.Rank <= RankingChart.MaxBars || r.Rank == firstBeyond).ToList();
        var ids = wanted.Select(r => r.Id).ToList();
        var shownApplications = await db.Applications.AsNoTracking()
            .Where(a => ids.Contains(a.Id))
            .Join(db.Companies, a => a.CompanyId, c => c.Id, (a, c) => new { a.Id, a.Number, a.Title, a.RegionCode, a.State, Company = c.LegalName })
            .ToDictionaryAsync(a => a.Id, cancellationToken);

        var ranked = wanted.Select(r =>
            {
                var application = shownApplications[r.Id];
                return new RankedApplication(
                    r.Rank, r.Id, application.Number ?? "", application.Title, application.Company, application.RegionCode, application.State,
                    r.Score, r.FirstCriterionMean, r.SubmittedAt, r.RequestedGrant, r.Approved, r.Counted, r.RunningTotal,
                    r.RunningTotal <= call.TotalBudget, r.BelowThreshold, r.Divergent);
            })
            .ToList();
        return new CallRankingModel(call, ranked, order.Count, order.Sum(r => r.Approved ?? 0), shown);
    }

    /// <summary>
    /// The call's ranked applications in rank order, from memory while the call's ranking version is the one they
    /// were ranked at. The version is read first: rows ranked after it can only be newer than it says, which at worst
    /// ranks them once more.
    /// </summary>
    private async Task<IReadOnlyList<RankingRow>> OrderAsync(Guid callId, CancellationToken cancellationToken)
    {
        var version = await db.CallRankingVersions.Where(v => v.CallId == callId).Select(v => v.Version).SingleOrDefaultAsync(cancellationToken);
        var key = (typeof(CallRanking), callId);
        if (cache.TryGetValue(key, out (long Version, IReadOnlyList<RankingRow> Rows) kept) && kept.Version == version)
        {
            return kept.Rows;
        }

        var rows = await RankAsync(callId, cancellationToken);
        cache.Set(key, (version, rows), new MemoryCacheEntryOptions { SlidingExpiration = KeptUnused });
        return rows;
    }

    /// <summary>
    /// The ranked states are all past submission: saying so lets the (call, state) index of submitted applications
    /// find them. A decision's call is its application's: saying so reads the call's decisions alone, by the (call,
    /// status) index, instead of every final decision of the programme. An application has one final decision at most
    /// (a unique index).
    /// </summary>
    private async Task<IReadOnlyList<RankingRow>> RankAsync(Guid callId, CancellationToken cancellationToken) =>
        await db.Database.SqlQuery<RankingRow>($"""
            SELECT a."Id", a."SubmittedAt", a."RequestedGrant", s."Score", s."FirstCriterionMean", s."BelowThreshold", s."Divergent",
                CASE d."Kind" WHEN 'Approve' THEN d."Amount" END AS "Approved",
                CASE d."Kind" WHEN 'Approve' THEN d."Amount" WHEN 'Reject' THEN 0 ELSE a."RequestedGrant" END AS "Counted",
                (row_number() OVER ranking)::int AS "Rank",
                sum(CASE d."Kind" WHEN 'Approve' THEN d."Amount" WHEN 'Reject' THEN 0 ELSE a."RequestedGrant" END) OVER ranking AS "RunningTotal"
            FROM "Applications" AS a
            JOIN "ApplicationScores" AS s ON s."ApplicationId" = a."Id"
            LEFT JOIN "Decisions" AS d ON d."ApplicationId" = a."Id" AND d."CallId" = {callId} AND d."Status" = 'Final'
            WHERE a."CallId" = {callId} AND a."SubmittedAt" IS NOT NULL AND a."State" = ANY({RankedStates})
            WINDOW ranking AS (ORDER BY s."Score" DESC, s."FirstCriterionMean" DESC, a."SubmittedAt", a."Id" ROWS UNBOUNDED PRECEDING)
            ORDER BY "Rank"
            """).ToListAsync(cancellationToken);

    /// <summary>An application's place in the ranking: what orders and counts it, not what names it.</summary>
    private sealed class RankingRow
    {
        public Guid Id { get; init; }
        public DateTime SubmittedAt { get; init; }
        public decimal RequestedGrant { get; init; }
        public decimal Score { get; init; }
        public decimal FirstCriterionMean { get; init; }
        public bool BelowThreshold { get; init; }
        public bool Divergent { get; init; }
        public decimal? Approved { get; init; }
        public decimal Counted { get; init; }
        public int Rank { get; init; }
        public decimal RunningTotal { get; init; }
    }
}
