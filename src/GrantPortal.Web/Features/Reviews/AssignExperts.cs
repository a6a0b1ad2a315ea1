using System.Security.Claims;
using GrantPortal.Web.Data;
using GrantPortal.Web.Domain;
using GrantPortal.Web.Features.Applications;
using GrantPortal.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace GrantPortal.Web.Features.Reviews;

/// <param name="Trigger">The workflow step that assigning fires now: assignExperts after the formal check, requestAdditionalExpert during review; null when neither is possible.</param>
public sealed record AssignmentPage(
    GrantApplication Application, string State, int Sequence, string? Trigger, int Required, IReadOnlyList<ReviewLine> Reviews,
    IReadOnlyList<ExpertCandidate> Candidates, FormalCheckModel? FormalCheck, DateTime Now);

/// <summary>A review as officers see it on the application: who, where it stands, and the result once submitted.</summary>
public sealed record ReviewLine(Review Review, string ExpertName)
{
    public bool Overdue(DateTime now) => Review.IsOverdue(now);
}

/// <summary>
/// The officer's side of review for one application: the formal check, the experts suggested, and assigning them,
/// which fires the workflow with the chosen experts in the signal; the workflow's guard checks them again under its
/// lock, so two officers assigning at once cannot both succeed.
/// </summary>
public sealed class AssignExperts(
    PortalDbContext db, ApplicationAccess access, ExpertPool pool, FormalChecklist checklist, WorkflowRuntime workflows, TimeProvider clock,
    IStringLocalizer<SharedResource> l)
{
    public Task<GrantApplication?> FindAsync(ClaimsPrincipal user, Guid id, CancellationToken cancellationToken) =>
        access.FindForStaffAsync(user, id, cancellationToken);

    public async Task<AssignmentPage> LoadAsync(GrantApplication application, CancellationToken cancellationToken)
    {
        var instance = await db.WorkflowOf(application.Id).AsNoTracking().FirstAsync(cancellationToken);
        var trigger = instance.State switch
        {
            "FormalCheck" => "assignExperts",
            "ExpertReview" => "requestAdditionalExpert",
            _ => null,
        };
        var totals = await db.SubmittedTotalsAsync(application.Id, cancellationToken);
        var hasVersion = await db.ApplicationVersions.AnyAsync(v => v.ApplicationId == application.Id, cancellationToken);
        return new AssignmentPage(
            application, instance.State, instance.Sequence, trigger, ReviewScoring.RequiredReviews(totals, application.Call!),
            await ReviewsOfAsync(application.Id, cancellationToken),
            await pool.CandidatesAsync(application, cancellationToken),
            hasVersion ? await checklist.LoadAsync(application, cancellationToken) : null,
            clock.GetUtcNow().UtcDateTime);
    }

    public async Task<IReadOnlyList<ReviewLine>> ReviewsOfAsync(Guid applicationId, CancellationToken cancellationToken) =>
        await db.Reviews.AsNoTracking().Where(r => r.ApplicationId == applicationId).OrderBy(r => r.AssignedAt)
            .Join(db.Users, r => r.ExpertId, u => u.Id, (r, u) => new ReviewLine(r, u.FullName))
            .ToListAsync(cancellationToken);

    /// <returns>What to tell the officer: null when assigned.</returns>
    public async Task<string?> AssignAsync(
        ClaimsPrincipal user, GrantApplication application, IReadOnlyCollection<Guid> experts, int sequence, string idempotencyKey, CancellationToken cancellationToken)
    {
        var page = await LoadAsync(application, cancellationToken);
        if (page.Trigger is null)
        {
            return l["Experts can be assigned only during the formal check or the review."];
        }

        var result = await workflows.FireAsync(
            await db.WorkflowOf(application.Id).Select(i => i.Id).FirstAsync(cancellationToken),
            new WorkflowSignal(page.Trigger, $"{user.FindFirstValue(ClaimTypes.NameIdentifier)}:{idempotencyKey}", sequence,
                Payload: new Dictionary<string, string> { [ReviewWorkflowSteps.ExpertsPayload] = string.Join(',', experts) }),
            ApplicationAccess.Actor(user),
            cancellationToken);
        return result.Succeeded ? null : string.Join(" ", result.Reasons.Select(r => l[r].Value));
    }

    /// <summary>Takes an open review from its expert (overdue, say) so that another can be assigned in their place.</summary>
    public async Task<bool> ReplaceAsync(Guid applicationId, Guid reviewId, CancellationToken cancellationToken)
    {
        var review = await db.Reviews.SingleOrDefaultAsync(r => r.Id == reviewId && r.ApplicationId == applicationId, cancellationToken);
        if (review is not { IsOpen: true })
        {
            return false;
        }

        review.Status = ReviewStatus.Replaced;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            // The expert submitted at that very moment: the review stands.
            return false;
        }
    }

    public async Task<string?> ReopenAsync(
        ClaimsPrincipal user, GrantApplication application, Guid reviewId, string? reason, int sequence, string idempotencyKey, CancellationToken cancellationToken)
    {
        var result = await workflows.FireAsync(
            await db.WorkflowOf(application.Id).Select(i => i.Id).FirstAsync(cancellationToken),
            new WorkflowSignal("reopenReview", $"{user.FindFirstValue(ClaimTypes.NameIdentifier)}:{idempotencyKey}", sequence,
                string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
                new Dictionary<string, string> { [ReviewWorkflowSteps.ReviewPayload] = reviewId.ToString() }),
            ApplicationAccess.Actor(user),
            cancellationToken);
        return result.Succeeded ? null : string.Join(" ", result.Reasons.Select(r => l[r].Value));
    }
}
