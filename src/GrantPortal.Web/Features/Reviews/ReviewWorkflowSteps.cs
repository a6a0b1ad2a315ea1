using GrantPortal.Web.Data;
using GrantPortal.Web.Domain;
using GrantPortal.Web.Features.Applications;
using GrantPortal.Web.Features.Notifications;
using GrantPortal.Web.Infrastructure.Localization;
using GrantPortal.Workflows.Persistence;
using GrantPortal.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace GrantPortal.Web.Features.Reviews;

/// <summary>The grant workflow's steps of expert review (workflows/component-substitution-grant.json).</summary>
internal static class ReviewWorkflowSteps
{
    /// <summary>The payload entry that carries the chosen experts' ids, separated by commas.</summary>
    public const string ExpertsPayload = "experts";

    /// <summary>The payload entry that names the review an officer reopens.</summary>
    public const string ReviewPayload = "review";

    public static IReadOnlyList<Guid> ChosenExperts(this WorkflowContext context) =>
        context.Payload.TryGetValue(ExpertsPayload, out var list)
            ? list.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => Guid.TryParse(s, out var id) ? id : Guid.Empty).Distinct().ToList()
            : [];

    public static Task<int> LatestVersionAsync(this PortalDbContext db, Guid applicationId, CancellationToken cancellationToken) =>
        db.ApplicationVersions.Where(v => v.ApplicationId == applicationId).MaxAsync(v => v.Number, cancellationToken);

    public static Task<List<decimal>> SubmittedTotalsAsync(this PortalDbContext db, Guid applicationId, CancellationToken cancellationToken) =>
        db.Reviews.Where(r => r.ApplicationId == applicationId && r.Status == ReviewStatus.Submitted).Select(r => r.Total ?? 0).ToListAsync(cancellationToken);

    public static DateTime ReviewDueAt(GrantCall call, DateTime now) => now.AddDays(call.ReviewPeriodDays);

    /// <summary>The applications whose latest submitted version passed its latest formal check: ready for experts.</summary>
    public static IQueryable<Guid> FormallyCheckedIds(this PortalDbContext db) =>
        db.FormalChecks
            .Where(c => c.Passed
                && c.VersionNumber == db.ApplicationVersions.Where(v => v.ApplicationId == c.ApplicationId).Max(v => v.Number)
                && !db.FormalChecks.Any(later => later.ApplicationId == c.ApplicationId && later.VersionNumber == c.VersionNumber && later.CheckedAt > c.CheckedAt))
            .Select(c => c.ApplicationId);
}

internal sealed class FormalCheckPassed : IWorkflowGuard
{
    public string Name => "formalCheckPassed";

    public async Task<GuardResult> CheckAsync(WorkflowContext context, CancellationToken cancellationToken)
    {
        var id = Guid.Parse(context.SubjectId);
        return await context.Db().FormallyCheckedIds().ContainsAsync(id, cancellationToken) ? GuardResult.Pass : GuardResult.Fail("Record the formal check first, with every item of the checklist confirmed.");
    }
}

/// <summary>
/// The experts chosen in the signal are real, free of conflict with the applicant, below their load limit, not asked
/// before about this application, and together with the reviews already running make the number the call needs.
/// </summary>
internal sealed class ExpertsAssigned : IWorkflowGuard
{
    public string Name => "expertsAssigned";

    public async Task<GuardResult> CheckAsync(WorkflowContext context, CancellationToken cancellationToken)
    {
        var chosen = context.ChosenExperts();
        if (chosen.Count == 0)
        {
            return GuardResult.Fail("Choose the experts on the assignment page.");
        }

        var application = await context.Db().Applications.Include(a => a.Call).Include(a => a.Company)
            .SingleAsync(a => a.Id == Guid.Parse(context.SubjectId), cancellationToken);
        var candidates = await context.Services.GetRequiredService<ExpertPool>().CandidatesAsync(application, cancellationToken);
        if (chosen.Any(id => candidates.FirstOrDefault(c => c.Id == id) is not { Available: true }))
        {
            return GuardResult.Fail("One of the chosen experts cannot take this application: a conflict of interest, a full load, or asked before.");
        }

        var db = context.Db();
        var active = await db.Reviews.CountAsync(
            r => r.ApplicationId == application.Id && (r.Status == ReviewStatus.Offered || r.Status == ReviewStatus.Accepted || r.Status == ReviewStatus.Submitted),
            cancellationToken);
        var required = ReviewScoring.RequiredReviews(await db.SubmittedTotalsAsync(application.Id, cancellationToken), application.Call!);
        return active + chosen.Count >= required ? GuardResult.Pass : GuardResult.Fail("Choose as many experts as the call requires.");
    }
}

internal sealed class AllReviewsSubmitted : IWorkflowGuard
{
    public string Name => "allReviewsSubmitted";

    public async Task<GuardResult> CheckAsync(WorkflowContext context, CancellationToken cancellationToken)
    {
        var db = context.Db();
        var application = await context.ApplicationAsync(cancellationToken);
        var open = await db.Reviews.AnyAsync(r => r.ApplicationId == application.Id && (r.Status == ReviewStatus.Offered || r.Status == ReviewStatus.Accepted), cancellationToken);
        var totals = await db.SubmittedTotalsAsync(application.Id, cancellationToken);
        return !open && totals.Count >= ReviewScoring.RequiredReviews(totals, application.Call!)
            ? GuardResult.Pass
            : GuardResult.Fail("Not all reviews are in yet.");
    }
}

internal sealed class ScoresWithinDivergence : IWorkflowGuard
{
    public string Name => "scoresWithinDivergence";

    public async Task<GuardResult> CheckAsync(WorkflowContext context, CancellationToken cancellationToken)
    {
        var application = await context.ApplicationAsync(cancellationToken);
        var totals = await context.Db().SubmittedTotalsAsync(application.Id, cancellationToken);
        return ReviewScoring.NeedsAnotherExpert(totals, application.Call!)
            ? GuardResult.Fail("The experts' scores differ by more than the call allows: bring in one more expert.")
            : GuardResult.Pass;
    }
}

/// <summary>
/// Creates a review for each expert chosen in the signal, due after the call's review period. With no experts
/// chosen (sent back to review) the submitted reviews are reopened instead, with a new due date.
/// </summary>
internal sealed class CreateReviewTasks(TimeProvider clock) : IWorkflowEffect
{
    public string Name => "createReviewTasks";

    public async Task RunAsync(WorkflowContext context, CancellationToken cancellationToken)
    {
        var db = context.Db();
        var application = await context.ApplicationAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var due = ReviewWorkflowSteps.ReviewDueAt(application.Call!, now);
        var chosen = context.ChosenExperts();
        if (chosen.Count == 0)
        {
            foreach (var review in await db.Reviews.Where(r => r.ApplicationId == application.Id && r.Status == ReviewStatus.Submitted).ToListAsync(cancellationToken))
            {
                Reopen(review, due);
            }

            await db.ApplicationScores.Where(s => s.ApplicationId == application.Id).ExecuteDeleteAsync(cancellationToken);
            return;
        }

        var version = await db.LatestVersionAsync(application.Id, cancellationToken);
        foreach (var expert in chosen)
        {
            db.Reviews.Add(new Review
            {
                Id = Guid.CreateVersion7(),
                ApplicationId = application.Id,
                ExpertId = expert,
                VersionNumber = version,
                Status = ReviewStatus.Offered,
                AssignedAt = now,
                AssignedById = Guid.Parse(context.Actor.Id),
                DueAt = due,
            });
        }

        if (context.FromState == context.ToState)
        {
            // An expert joining a review under way: the state's reminder timers were set for the first experts' due
            // date, so the new one gets timers of its own (they end with the state, as the others do).
            foreach (var timer in context.Definition.State(context.ToState).Timers.Where(t => t.At == "reviewDueAt"))
            {
                db.Add(new WorkflowTimer
                {
                    Id = Guid.CreateVersion7(), InstanceId = context.InstanceId, State = context.ToState, Trigger = timer.Trigger,
                    DueAt = due + timer.Offset, CreatedAt = now,
                });
            }
        }
    }

    public static void Reopen(Review review, DateTime due)
    {
        review.Status = ReviewStatus.Accepted;
        review.SubmittedAt = null;
        review.Total = null;
        review.DueAt = due;
        review.RemindersSent = [];
    }
}

/// <summary>An officer reopens one submitted review, giving the reason in the signal's comment (journaled).</summary>
internal sealed class ReopenReview(TimeProvider clock) : IWorkflowEffect
{
    public string Name => "reopenReview";

    public async Task RunAsync(WorkflowContext context, CancellationToken cancellationToken)
    {
        var db = context.Db();
        var application = await context.ApplicationAsync(cancellationToken);
        var reviewId = Guid.TryParse(context.Payload.GetValueOrDefault(ReviewWorkflowSteps.ReviewPayload), out var id) ? id : Guid.Empty;
        var review = await db.Reviews.SingleOrDefaultAsync(r => r.Id == reviewId && r.ApplicationId == application.Id && r.Status == ReviewStatus.Submitted, cancellationToken)
            ?? throw new InvalidOperationException($"No submitted review {reviewId} of application {application.Id}.");
        CreateReviewTasks.Reopen(review, ReviewWorkflowSteps.ReviewDueAt(application.Call!, clock.GetUtcNow().UtcDateTime));
    }
}

internal sealed class SubmittedReviewChosen : IWorkflowGuard
{
    public string Name => "submittedReviewChosen";

    public async Task<GuardResult> CheckAsync(WorkflowContext context, CancellationToken cancellationToken)
    {
        var reviewId = Guid.TryParse(context.Payload.GetValueOrDefault(ReviewWorkflowSteps.ReviewPayload), out var id) ? id : Guid.Empty;
        var subject = Guid.Parse(context.SubjectId);
        return await context.Db().Reviews.AnyAsync(r => r.Id == reviewId && r.ApplicationId == subject && r.Status == ReviewStatus.Submitted, cancellationToken)
            ? GuardResult.Pass
            : GuardResult.Fail("Choose a submitted review to reopen.");
    }
}

internal sealed class ComputeScores(TimeProvider clock) : IWorkflowEffect
{
    public string Name => "computeScores";

    public async Task RunAsync(WorkflowContext context, CancellationToken cancellationToken)
    {
        var db = context.Db();
        var application = await context.ApplicationAsync(cancellationToken);
        var submitted = await db.Reviews.AsNoTracking().Where(r => r.ApplicationId == application.Id && r.Status == ReviewStatus.Submitted).ToListAsync(cancellationToken);
        var score = ReviewScoring.Aggregate(application.Id, submitted, application.Call!, clock.GetUtcNow().UtcDateTime);
        await db.ApplicationScores.Where(s => s.ApplicationId == application.Id).ExecuteDeleteAsync(cancellationToken);
        db.ApplicationScores.Add(score);
    }
}

internal sealed class ReviewDueAt(TimeProvider clock) : IWorkflowDateSource
{
    public string Name => "reviewDueAt";

    /// <summary>
    /// The due date the reviews get on entering review (reviews are created or reopened by this same transition, due
    /// after the call's review period from now).
    /// </summary>
    public async Task<DateTimeOffset?> GetAsync(WorkflowContext context, CancellationToken cancellationToken) =>
        new DateTimeOffset(ReviewWorkflowSteps.ReviewDueAt((await context.ApplicationAsync(cancellationToken)).Call!, clock.GetUtcNow().UtcDateTime), TimeSpan.Zero);
}

/// <summary>
/// Tells experts about their reviews, in their own language, under the bell and by e-mail as each chose. Written in
/// the transition's transaction, so it goes out exactly when the transition happened, once.
/// </summary>
internal abstract class EmailExperts(IStringLocalizer<SharedResource> l) : IWorkflowEffect
{
    public abstract string Name { get; }

    protected IStringLocalizer<SharedResource> L => l;

    protected async Task SendAsync(WorkflowContext context, Review review, NotificationKind kind, Func<GrantApplication, (string Subject, string Text)> message, CancellationToken cancellationToken)
    {
        var application = await context.ApplicationAsync(cancellationToken);
        await context.Services.GetRequiredService<Notifier>().NotifyAsync([review.ExpertId], kind, _ =>
        {
            var (subject, text) = message(application);
            return new NotificationMessage(subject, text, $"/reviews/{review.Id}", l["Open the review"]);
        }, cancellationToken);
    }

    public abstract Task RunAsync(WorkflowContext context, CancellationToken cancellationToken);
}

/// <summary>Tells the experts whose reviews this transition created or reopened.</summary>
internal sealed class NotifyExperts(IStringLocalizer<SharedResource> l) : EmailExperts(l)
{
    public override string Name => "notifyExperts";

    public override async Task RunAsync(WorkflowContext context, CancellationToken cancellationToken)
    {
        var changed = context.Db().ChangeTracker.Entries<Review>()
            .Where(e => e.State is EntityState.Added || (e.State is EntityState.Modified && e.Entity.Status == ReviewStatus.Accepted))
            .Select(e => e.Entity)
            .ToList();
        foreach (var review in changed)
        {
            await SendAsync(context, review, NotificationKind.Assigned, application => review.Status == ReviewStatus.Offered
                ? (L["An application for your review: {0}", application.Number!], L["You are asked to review application {0} ({1}) by {2}. Accept or decline on the portal.", application.Number!, application.Title, Formats.MoscowTime(review.DueAt)])
                : (L["Your review is reopened: {0}", application.Number!], L["The agency reopened your review of application {0} ({1}). The new due date is {2}. Reason: {3}", application.Number!, application.Title, Formats.MoscowTime(review.DueAt), context.Comment ?? "—"]),
                cancellationToken);
        }
    }
}

/// <summary>
/// Reminds each expert with an open review: "due soon" up to a day before the due date, "due now" after. Which reminders
/// went out is kept on the review, so two timers, a retry or a restart never send the same reminder twice.
/// </summary>
internal sealed class RemindReviewers(TimeProvider clock, IStringLocalizer<SharedResource> l) : EmailExperts(l)
{
    public override string Name => "remindReviewers";

    public override async Task RunAsync(WorkflowContext context, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var subject = Guid.Parse(context.SubjectId);
        var open = await context.Db().Reviews
            .Where(r => r.ApplicationId == subject && (r.Status == ReviewStatus.Offered || r.Status == ReviewStatus.Accepted))
            .ToListAsync(cancellationToken);
        foreach (var review in open)
        {
            var kind = now < review.DueAt.AddDays(-1) ? "soon" : "due";
            if (review.RemindersSent.Contains(kind))
            {
                continue;
            }

            review.RemindersSent = [.. review.RemindersSent, kind];
            await SendAsync(context, review, NotificationKind.ReviewReminder, application =>
                (L["Reminder: review of {0} is due {1}", application.Number!, Formats.MoscowTime(review.DueAt)],
                 L["Your review of application {0} ({1}) is due {2}.", application.Number!, application.Title, Formats.MoscowTime(review.DueAt)]),
                cancellationToken);
        }
    }
}
