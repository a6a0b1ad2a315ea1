using System.Security.Claims;
using GrantPortal.Web.Data;
using GrantPortal.Web.Domain;
using GrantPortal.Web.Features.Applications;
using GrantPortal.Web.Features.Notifications;
using GrantPortal.Web.Infrastructure.Localization;
using GrantPortal.Web.Infrastructure.Web;
using GrantPortal.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace GrantPortal.Web.Features.Reviews;

/// <summary>
/// An expert's open reviews, soonest due first; one page of the finished ones (submitted or declined), latest first;
/// and the moment "due soon" and "overdue" are judged at.
/// </summary>
/// <param name="DoneCount">All the finished reviews, on every page.</param>
public sealed record ReviewDashboard(IReadOnlyList<DashboardReview> Open, IReadOnlyList<DashboardReview> Done, int DoneCount, int DonePage, DateTime Now)
{
    /// <summary>Finished reviews a page: an expert who has reviewed for years has hundreds.</summary>
    public const int DonePageSize = 50;

    public int DonePageCount => Math.Max(1, (DoneCount + DonePageSize - 1) / DonePageSize);
}

/// <summary>A review as the dashboard lists it: the assignment's dates and what the application and its call are called.</summary>
public sealed record DashboardReview(
    Guid Id, ReviewStatus Status, DateTime DueAt, DateTime? SubmittedAt, DateTime? DeclinedAt, string? Number, string Title, string CallTitleRu, string CallTitleEn)
{
    public string CallTitle(string culture) => culture == "en" ? CallTitleEn : CallTitleRu;
}

/// <summary>A review as its expert's page shows it: the assignment, the submitted version to read, and the form.</summary>
public sealed record ReviewPageModel(Review Review, GrantApplication Application, ApplicationVersion Version, IReadOnlyList<ApplicationField> Fields, ReviewForm Form);

/// <summary>
/// The expert's side of a review. An expert reaches only their own reviews (anyone else's id is "not found"), reads
/// exactly the submitted version the review was assigned on, accepts only after declaring no conflict of interest,
/// and never sees another expert's review. Submitting locks the review; when it is the last one needed, the workflow
/// moves the application on to "reviews complete" at once.
/// </summary>
public sealed class ExpertReviews(
    PortalDbContext db, WorkflowRuntime workflows, Notifier notifier, TimeProvider clock,
    IStringLocalizer<SharedResource> l, ILogger<ExpertReviews> logger)
{
    public const int MinDeclineReasonLength = 10;

    /// <returns>The review with its application and call, if it is this expert's; else null.</returns>
    public async Task<Review?> FindAsync(ClaimsPrincipal user, Guid reviewId, CancellationToken cancellationToken)
    {
        var expertId = Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!);
        return await db.Reviews.Include(r => r.Application!).ThenInclude(a => a.Call).Include(r => r.Application!).ThenInclude(a => a.Company)
            .SingleOrDefaultAsync(r => r.Id == reviewId && r.ExpertId == expertId, cancellationToken);
    }

    public async Task<ReviewPageModel> LoadAsync(Review review, ReviewForm? form, CancellationToken cancellationToken)
    {
        var version = await db.ApplicationVersions.AsNoTracking()
            .SingleAsync(v => v.ApplicationId == review.ApplicationId && v.Number == review.VersionNumber, cancellationToken);
        return new ReviewPageModel(review, review.Application!, version, ApplicationFields.Of(version.Content, l), form ?? ReviewForm.From(review, review.Application!.Call!));
    }

    /// <summary>Whether the version the review was assigned on was submitted with this document.</summary>
    public async Task<bool> ListsDocumentAsync(Review review, Guid documentId, CancellationToken cancellationToken)
    {
        var documents = await db.ApplicationVersions.AsNoTracking()
            .Where(v => v.ApplicationId == review.ApplicationId && v.Number == review.VersionNumber)
            .Select(v => v.Documents)
            .SingleAsync(cancellationToken);
        return documents.Any(d => d.Id == documentId);
    }

    /// <param name="donePage">The page of finished reviews, from 1; beyond the last, the last.</param>
    public async Task<ReviewDashboard> DashboardAsync(ClaimsPrincipal user, int? donePage, CancellationToken cancellationToken)
    {
        var expertId = Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!);
        var mine = db.Reviews.Where(r => r.ExpertId == expertId);
        var open = await Rows(mine.Where(r => r.Status == ReviewStatus.Offered || r.Status == ReviewStatus.Accepted).OrderBy(r => r.DueAt))
            .ToListAsync(cancellationToken);
        var finished = mine.Where(r => r.Status == ReviewStatus.Submitted || r.Status == ReviewStatus.Declined);
        var doneCount = await finished.CountAsync(cancellationToken);
        var pages = Math.Max(1, (doneCount + ReviewDashboard.DonePageSize - 1) / ReviewDashboard.DonePageSize);
        var page = Math.Clamp(donePage ?? 1, 1, pages);
        var done = doneCount == 0
            ? []
            : await Rows(finished.OrderByDescending(r => r.FinishedAt).ThenBy(r => r.Id)
                    .Skip((page - 1) * ReviewDashboard.DonePageSize).Take(ReviewDashboard.DonePageSize))
                .ToListAsync(cancellationToken);
        return new ReviewDashboard(open, done, doneCount, page, clock.GetUtcNow().UtcDateTime);

        // Only what the list shows, not the applications' content or the calls' rules.
        static IQueryable<DashboardReview> Rows(IQueryable<Review> reviews) => reviews.Select(r => new DashboardReview(
            r.Id, r.Status, r.DueAt, r.SubmittedAt, r.DeclinedAt, r.Application!.Number, r.Application.Title, r.Application.Call!.TitleRu, r.Application.Call.TitleEn));
    }

    /// <returns>Null when accepted; else why not.</returns>
    public async Task<string?> AcceptAsync(Review review, bool declaredNoConflict, CancellationToken cancellationToken)
    {
        if (review.Status != ReviewStatus.Offered)
        {
            return l["This assignment has already been answered."];
        }

        if (!declaredNoConflict)
        {
            return l["Declare that you have no conflict of interest, or decline the assignment."];
        }

        review.Status = ReviewStatus.Accepted;
        review.AcceptedAt = clock.GetUtcNow().UtcDateTime;
        return await SaveAsync(cancellationToken);
    }

    /// <summary>The expert declines; the officers are told so that they assign someone else.</summary>
    public async Task<string?> DeclineAsync(Review review, string? reason, CancellationToken cancellationToken)
    {
        if (review.Status != ReviewStatus.Offered)
        {
            return l["This assignment has already been answered."];
        }

        if ((reason?.Trim().Length ?? 0) < MinDeclineReasonLength)
        {
            return l["Give the reason for declining: at least {0} characters.", MinDeclineReasonLength];
        }

        review.Status = ReviewStatus.Declined;
        review.DeclinedAt = clock.GetUtcNow().UtcDateTime;
        review.DeclineReason = reason!.Trim();
        await TellOfficersAsync(review.Application!, NotificationKind.ExpertDeclined, "An expert declined to review application {0}. Assign another expert.", cancellationToken);
        return await SaveAsync(cancellationToken);
    }

    /// <param name="submit">False saves a draft, which may be incomplete; true checks everything and locks the review.</param>
    /// <returns>The problems, by field; none means saved.</returns>
    public async Task<IReadOnlyList<FormError>> WriteAsync(Review review, ReviewForm form, bool submit, CancellationToken cancellationToken)
    {
        if (review.Status != ReviewStatus.Accepted)
        {
            return [FormError.ForForm(l["This review cannot be changed now."])];
        }

        var call = review.Application!.Call!;
        var errors = new List<FormError>();
        var scores = form.ToScores(call.Criteria, errors, l);
        if (errors.Count > 0)
        {
            return errors;
        }

        db.Entry(review).Property(r => r.RowVersion).OriginalValue = form.RowVersion;
        review.Scores = scores;
        review.Recommendation = form.Recommendation;
        review.Summary = form.Summary?.Trim() ?? "";
        if (submit)
        {
            var problems = ReviewScoring.Check(review.Scores, review.Recommendation, review.Summary, call.Criteria);
            if (problems.Count > 0)
            {
                return problems.Select(p => new FormError(p.Field, l[p.Message, p.Arguments.Select(a => a is ScoringCriterion c ? c.Name(LocalizationExtensions.CurrentLanguage) : a).ToArray()])).ToList();
            }

            review.Status = ReviewStatus.Submitted;
            review.SubmittedAt = clock.GetUtcNow().UtcDateTime;
            review.Total = ReviewScoring.WeightedTotal(review.Scores, call.Criteria);
        }

        if (await SaveAsync(cancellationToken) is { } conflict)
        {
            return [FormError.ForForm(conflict)];
        }

        if (submit)
        {
            await MoveOnAsync(review, cancellationToken);
        }

        return [];
    }

    // The review is saved; now the application moves on when this was the last review needed. Two experts submitting
    // at the same moment both try: the workflow's lock and idempotency key let exactly one transition happen. Should
    // this step be lost (the process dies right here), the officer's "Complete reviews" button does the same.
    private async Task MoveOnAsync(Review review, CancellationToken cancellationToken)
    {
        var call = review.Application!.Call!;
        var totals = await db.SubmittedTotalsAsync(review.ApplicationId, cancellationToken);
        if (ReviewScoring.NeedsAnotherExpert(totals, call)
            && !await db.Reviews.AnyAsync(r => r.ApplicationId == review.ApplicationId && (r.Status == ReviewStatus.Offered || r.Status == ReviewStatus.Accepted), cancellationToken))
        {
            await TellOfficersAsync(review.Application!, NotificationKind.ScoresDiverged, "The experts' scores on application {0} differ by more than the call allows. Assign one more expert.", cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        var instanceId = await db.WorkflowOf(review.ApplicationId).Select(i => i.Id).FirstAsync(cancellationToken);
        var result = await workflows.FireAsync(instanceId, new WorkflowSignal("completeReviews", $"reviews-complete:{review.Id}:{review.SubmittedAt:O}"), WorkflowActor.System, cancellationToken);
        logger.LogInformation("Review {ReviewId} submitted; completing reviews of {ApplicationId}: {Outcome}", review.Id, review.ApplicationId, result.Outcome);
    }

    private Task TellOfficersAsync(GrantApplication application, NotificationKind kind, string message, CancellationToken cancellationToken) =>
        notifier.NotifyOfficersAsync(kind, _ => new NotificationMessage(l[message, application.Number!], "", $"/applications/{application.Id}/experts", l["Open the application"]), cancellationToken);

    private async Task<string?> SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return l["This review changed while you were working on it (in another tab, or an officer took it back). Reload the page."];
        }
    }
}
