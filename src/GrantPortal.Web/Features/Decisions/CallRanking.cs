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
/// A large call ranks thousands of applications, and the running total and the budget line depend on all of them:
/// PostgreSQL ranks and totals them (window functions over the narrow columns that order and count), and only the
/// rows the screen shows come back, with their titles and companies.
/// </remarks>
public sealed class CallRanking(PortalDbContext db)
{
    private static readonly string[] RankedStates = ["ReviewsComplete", "Decision", "Approved", "Rejected", "DecisionIssued"];

    /// <param name="page">The page the screen shows (out of range: the nearest there is). Null: every row, for the CSV.</param>
    public async Task<CallRankingModel?> LoadAsync(Guid callId, int? page, CancellationToken cancellationToken)
    {
        var call = await db.Calls.AsNoTracking().SingleOrDefaultAsync(c => c.Id == callId, cancellationToken);
        if (call is null)
        {
            return null;
        }

        var shown = Math.Max(1, page ?? 1);
        var rows = await RowsAsync(call, shown, all: page is null, cancellationToken);
        var count = rows.FirstOrDefault()?.Count ?? 0;
        if (shown > CallRankingModel.PageOf(count))
        {
            shown = CallRankingModel.PageOf(count);
            rows = await RowsAsync(call, shown, all: false, cancellationToken);
        }

        var ranked = rows.Select(r => new RankedApplication(
                (int)r.Rank, r.Id, r.Number ?? "", r.Title, r.Company, r.RegionCode, r.State, r.Score, r.FirstCriterionMean,
                r.SubmittedAt, r.RequestedGrant, r.Approved, r.Counted, r.RunningTotal, r.RunningTotal <= call.TotalBudget, r.BelowThreshold, r.Divergent))
            .ToList();
        return new CallRankingModel(call, ranked, count, rows.FirstOrDefault()?.ApprovedTotal ?? 0, shown);
    }

    /// <summary>
    /// The rows of the page, of the chart and the first beyond the budget (or all of them), each with the ranking's
    /// totals. The ranked states are all past submission: saying so lets the (call, state) index of submitted
    /// applications find them. A decision's call is its application's: saying so reads the call's decisions alone, by
    /// the (call, status) index, instead of every final decision of the programme. An application has one final
    /// decision at most (a unique index).
    /// </summary>
    private Task<List<RankingRow>> RowsAsync(GrantCall call, int page, bool all, CancellationToken cancellationToken) =>
        db.Database.SqlQuery<RankingRow>($"""
            WITH ranked AS (
                SELECT a."Id", a."State", a."SubmittedAt", a."RequestedGrant", s."Score", s."FirstCriterionMean", s."BelowThreshold", s."Divergent",
                    CASE d."Kind" WHEN 'Approve' THEN d."Amount" END AS "Approved",
                    CASE d."Kind" WHEN 'Approve' THEN d."Amount" WHEN 'Reject' THEN 0 ELSE a."RequestedGrant" END AS "Counted",
                    row_number() OVER ranking AS "Rank",
                    sum(CASE d."Kind" WHEN 'Approve' THEN d."Amount" WHEN 'Reject' THEN 0 ELSE a."RequestedGrant" END) OVER ranking AS "RunningTotal"
                FROM "Applications" AS a
                JOIN "ApplicationScores" AS s ON s."ApplicationId" = a."Id"
                LEFT JOIN "Decisions" AS d ON d."ApplicationId" = a."Id" AND d."CallId" = {call.Id} AND d."Status" = 'Final'
                WHERE a."CallId" = {call.Id} AND a."SubmittedAt" IS NOT NULL AND a."State" = ANY({RankedStates})
                WINDOW ranking AS (ORDER BY s."Score" DESC, s."FirstCriterionMean" DESC, a."SubmittedAt", a."Id" ROWS UNBOUNDED PRECEDING)),
            totals AS (
                SELECT count(*)::int AS "Count", coalesce(sum("Approved"), 0) AS "ApprovedTotal",
                    min("Rank") FILTER (WHERE "RunningTotal" > {call.TotalBudget}) AS "FirstBeyond"
                FROM ranked)
            SELECT r.*, a."Number", a."Title", a."RegionCode", c."LegalName" AS "Company", t."Count", t."ApprovedTotal"
            FROM ranked AS r
            CROSS JOIN totals AS t
            JOIN "Applications" AS a ON a."Id" = r."Id"
            JOIN "Companies" AS c ON c."Id" = a."CompanyId"
            WHERE {all} OR r."Rank" BETWEEN {(page - 1) * CallRankingModel.PageSize + 1} AND {page * CallRankingModel.PageSize}
                OR r."Rank" <= {RankingChart.MaxBars} OR r."Rank" = t."FirstBeyond"
            ORDER BY r."Rank"
            """).ToListAsync(cancellationToken);

    private sealed class RankingRow
    {
        public Guid Id { get; init; }
        public string? Number { get; init; }
        public string Title { get; init; } = "";
        public string Company { get; init; } = "";
        public string? RegionCode { get; init; }
        public string State { get; init; } = "";
        public DateTime SubmittedAt { get; init; }
        public decimal RequestedGrant { get; init; }
        public decimal Score { get; init; }
        public decimal FirstCriterionMean { get; init; }
        public bool BelowThreshold { get; init; }
        public bool Divergent { get; init; }
        public decimal? Approved { get; init; }
        public decimal Counted { get; init; }
        public long Rank { get; init; }
        public decimal RunningTotal { get; init; }
        public int Count { get; init; }
        public decimal ApprovedTotal { get; init; }
    }
}
