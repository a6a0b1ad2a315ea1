using GrantPortal.Web.Data;
using GrantPortal.Web.Domain;
using GrantPortal.Web.Features.Applications;
using GrantPortal.Web.Infrastructure.Localization;
using GrantPortal.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace GrantPortal.Web.Features.Reviews;

/// <summary>The board's query string: both filters narrow the list (not the summary); pages count from 1.</summary>
public sealed record ReviewBoardQuery(bool Overdue = false, bool Divergent = false, int Page = 1);

/// <summary>Where an application stands in review, as the board groups them.</summary>
public enum ReviewStage
{
    /// <summary>Formally checked (passed) and waiting for experts to be assigned.</summary>
    WaitingForExperts,

    /// <summary>In expert review, no review submitted yet.</summary>
    NothingSubmitted,

    /// <summary>In expert review, some reviews submitted.</summary>
    PartlySubmitted,

    /// <summary>Reviews complete, and every state after them.</summary>
    Complete,
}

/// <param name="State">The workflow state's name in the reader's language.</param>
/// <param name="Required">Submitted reviews the application needs: the call's number, one more once they diverge.</param>
/// <param name="Score">The mean of the experts' totals, once the reviews are complete.</param>
public sealed record BoardApplication(
    Guid Id, string? Number, string Title, string State, ReviewStage Stage, IReadOnlyList<ReviewLine> Reviews,
    int Submitted, int Required, bool Divergent, bool Overdue, decimal? Score, bool BelowThreshold)
{
    /// <summary>Submitted of required in the 5 % steps of the stylesheet's progress-N classes.</summary>
    public int ProgressStep => Required <= 0 ? 0 : Math.Min(100, Submitted * 100 / Required) / 5 * 5;
}

/// <param name="OverdueReviews">Open reviews past their due date.</param>
public sealed record ReviewBoardSummary(IReadOnlyDictionary<ReviewStage, int> ByStage, int OverdueReviews)
{
    public int Count(ReviewStage stage) => ByStage.GetValueOrDefault(stage);

    public int InReview => Count(ReviewStage.NothingSubmitted) + Count(ReviewStage.PartlySubmitted);

    public int Total => ByStage.Values.Sum();
}

/// <param name="Matching">Applications that pass the filters, on all pages.</param>
public sealed record ReviewBoardPage(
    GrantCall Call, ReviewBoardQuery Query, ReviewBoardSummary Summary, IReadOnlyList<BoardApplication> Applications, int Matching, bool HasNextPage,
    DateTime Now);

/// <summary>
/// The officer's review board of one call: every application from the passed formal check on, with its experts and
/// progress. A call holds a few thousand applications, so the board reads the call's applications, reviews and scores
/// in one query each (narrow columns) and works progress, flags and the summary out in memory with the workflow's own
/// rules (<see cref="ReviewScoring"/>); only the shown page's expert names are read afterwards.
/// </summary>
public sealed class ReviewBoard(PortalDbContext db, WorkflowCatalog catalog, TimeProvider clock)
{
    public const int PageSize = 50;

    private const string FormalCheckState = "FormalCheck";

    private const string ExpertReviewState = "ExpertReview";

    /// <summary>The states from expert review on. Withdrawn is not among them: a withdrawn application is no longer reviewed.</summary>
    private static readonly string[] ReviewedStates = [ExpertReviewState, "ReviewsComplete", "Decision", "Approved", "Rejected", "DecisionIssued"];

    public async Task<ReviewBoardPage?> LoadAsync(Guid callId, ReviewBoardQuery query, CancellationToken cancellationToken)
    {
        var call = await db.Calls.AsNoTracking().SingleOrDefaultAsync(c => c.Id == callId, cancellationToken);
        if (call is null)
        {
            return null;
        }

        var checkedIds = db.FormallyCheckedIds();
        var applications = await db.Applications.AsNoTracking()
            .Where(a => a.CallId == callId)
            .Select(a => new
            {
                a.Id,
                a.Number,
                a.Title,
                a.State,
            })
            .Where(a => ReviewedStates.Contains(a.State) || (a.State == FormalCheckState && checkedIds.Contains(a.Id)))
            .OrderBy(a => a.Number).ThenBy(a => a.Id)
            .ToListAsync(cancellationToken);
        var reviews = (await db.Reviews.AsNoTracking()
                .Where(r => r.Application!.CallId == callId)
                .OrderBy(r => r.AssignedAt)
                .Select(r => new Review { Id = r.Id, ApplicationId = r.ApplicationId, ExpertId = r.ExpertId, Status = r.Status, DueAt = r.DueAt, Total = r.Total })
                .ToListAsync(cancellationToken))
            .ToLookup(r => r.ApplicationId);
        var scores = await db.ApplicationScores.AsNoTracking()
            .Where(s => db.Applications.Any(a => a.Id == s.ApplicationId && a.CallId == callId))
            .Select(s => new { s.ApplicationId, s.Score, s.BelowThreshold })
            .ToDictionaryAsync(s => s.ApplicationId, cancellationToken);

        var now = clock.GetUtcNow().UtcDateTime;
        var states = catalog.LatestOf(ApplicationWorkflowSteps.WorkflowId).States.ToDictionary(s => s.Id, s => s.Name);
        var language = LocalizationExtensions.CurrentLanguage;
        var board = applications.Select(a =>
        {
            var its = reviews[a.Id].ToList();
            var totals = its.Where(r => r.Status == ReviewStatus.Submitted).Select(r => r.Total ?? 0).ToList();
            var stage = a.State switch
            {
                FormalCheckState => ReviewStage.WaitingForExperts,
                ExpertReviewState => totals.Count == 0 ? ReviewStage.NothingSubmitted : ReviewStage.PartlySubmitted,
                _ => ReviewStage.Complete,
            };
            var score = scores.GetValueOrDefault(a.Id);
            return new BoardApplication(
                a.Id, a.Number, a.Title, states.TryGetValue(a.State!, out var name) ? name.In(language) : a.State!, stage,
                [.. its.Select(r => new ReviewLine(r, ""))],
                totals.Count, ReviewScoring.RequiredReviews(totals, call), ReviewScoring.Spread(totals) > call.DivergenceLimit,
                its.Any(r => r.IsOverdue(now)), score?.Score, score?.BelowThreshold ?? false);
        }).ToList();

        var summary = new ReviewBoardSummary(
            board.GroupBy(a => a.Stage).ToDictionary(g => g.Key, g => g.Count()),
            board.Sum(a => a.Reviews.Count(r => r.Review.IsOverdue(now))));
        var page = Math.Clamp(query.Page, 1, int.MaxValue / PageSize); // a typed-in huge page is empty, not an overflow
        var matching = board.Where(a => (!query.Overdue || a.Overdue) && (!query.Divergent || a.Divergent)).ToList();
        var shown = matching.Skip((page - 1) * PageSize).Take(PageSize).ToList();
        return new ReviewBoardPage(
            call, query with { Page = page }, summary, await WithExpertNamesAsync(shown, cancellationToken), matching.Count, matching.Count > page * PageSize, now);
    }

    private async Task<IReadOnlyList<BoardApplication>> WithExpertNamesAsync(List<BoardApplication> shown, CancellationToken cancellationToken)
    {
        var experts = shown.SelectMany(a => a.Reviews).Select(r => r.Review.ExpertId).Distinct().ToList();
        var names = await db.Users.Where(u => experts.Contains(u.Id)).Select(u => new { u.Id, u.FullName }).ToDictionaryAsync(u => u.Id, u => u.FullName, cancellationToken);
        return [.. shown.Select(a => a with { Reviews = [.. a.Reviews.Select(r => r with { ExpertName = names.GetValueOrDefault(r.Review.ExpertId, "") })] })];
    }
}
