using GrantPortal.Web.Domain;
using GrantPortal.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace GrantPortal.Web.Features.Reviews;

/// <summary>The officer's page for an application's formal check and its experts.</summary>
[Authorize(Roles = $"{Roles.Officer},{Roles.Admin}")]
public sealed class ExpertAssignmentsController(AssignExperts assign, IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet("/applications/{id:guid}/experts")]
    public async Task<IActionResult> Index(Guid id, CancellationToken cancellationToken) =>
        await assign.FindAsync(User, id, cancellationToken) is { } application
            ? View(await assign.LoadAsync(application, cancellationToken))
            : NotFound();

    [HttpPost("/applications/{id:guid}/formal-check")]
    public async Task<IActionResult> FormalCheck(Guid id, string[]? confirmed, [FromServices] FormalChecklist checklist, CancellationToken cancellationToken)
    {
        var application = await assign.FindAsync(User, id, cancellationToken);
        if (application is null)
        {
            return NotFound();
        }

        var passed = await checklist.RecordAsync(User, application, confirmed ?? [], cancellationToken);
        return Outcome(
            id,
            passed ? null : l["The formal check is recorded as not passed: not every item is confirmed. Return the application for revision, or confirm the items."].Value,
            l["The formal check is recorded as passed. Assign the experts."]);
    }

    [HttpPost("/applications/{id:guid}/experts")]
    public async Task<IActionResult> Assign(Guid id, Guid[]? experts, int sequence, string idempotencyKey, CancellationToken cancellationToken)
    {
        var application = await assign.FindAsync(User, id, cancellationToken);
        if (application is null)
        {
            return NotFound();
        }

        var error = await assign.AssignAsync(User, application, experts ?? [], sequence, idempotencyKey ?? "", cancellationToken);
        return Outcome(id, error, l["The experts are assigned and told by e-mail."]);
    }

    [HttpPost("/applications/{id:guid}/reviews/{reviewId:guid}/replace")]
    public async Task<IActionResult> Replace(Guid id, Guid reviewId, CancellationToken cancellationToken)
    {
        if (await assign.FindAsync(User, id, cancellationToken) is null)
        {
            return NotFound();
        }

        var replaced = await assign.ReplaceAsync(id, reviewId, cancellationToken);
        return Outcome(id, replaced ? null : l["This review is no longer open: it was submitted or already replaced."].Value, l["The review is taken from the expert. Assign another expert."]);
    }

    [HttpPost("/applications/{id:guid}/reviews/{reviewId:guid}/reopen")]
    public async Task<IActionResult> Reopen(Guid id, Guid reviewId, string? reason, int sequence, string idempotencyKey, CancellationToken cancellationToken)
    {
        var application = await assign.FindAsync(User, id, cancellationToken);
        if (application is null)
        {
            return NotFound();
        }

        var error = await assign.ReopenAsync(User, application, reviewId, reason, sequence, idempotencyKey ?? "", cancellationToken);
        return Outcome(id, error, l["The review is reopened; the expert is told by e-mail."]);
    }

    private RedirectToActionResult Outcome(Guid id, string? error, string done)
    {
        TempData.Tell(error, done);
        return RedirectToAction(nameof(Index), new { id });
    }
}
