using GrantPortal.Web.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace GrantPortal.Web.Features.Decisions;

/// <summary>The officers' decision buttons on an application's page.</summary>
[Authorize(Roles = $"{Roles.Officer},{Roles.Admin}")]
public sealed class DecisionsController(MakeDecision decisions) : Controller
{
    [HttpPost("/applications/{id:guid}/decision/approve")]
    public Task<IActionResult> Approve(Guid id, string? amount, string? conditions, int sequence, string? idempotencyKey, CancellationToken cancellationToken) =>
        DecideAsync(id, application => decisions.ApproveAsync(User, application, amount, conditions, sequence, idempotencyKey ?? "", cancellationToken), cancellationToken);

    [HttpPost("/applications/{id:guid}/decision/confirm")]
    public Task<IActionResult> Confirm(Guid id, Guid proposalId, int sequence, string? idempotencyKey, CancellationToken cancellationToken) =>
        DecideAsync(id, application => decisions.ConfirmAsync(User, application, proposalId, sequence, idempotencyKey ?? "", cancellationToken), cancellationToken);

    [HttpPost("/applications/{id:guid}/decision/withdraw-proposal")]
    public Task<IActionResult> WithdrawProposal(Guid id, Guid proposalId, CancellationToken cancellationToken) =>
        DecideAsync(id, application => decisions.WithdrawProposalAsync(application, proposalId, cancellationToken), cancellationToken);

    [HttpPost("/applications/{id:guid}/decision/reject")]
    public Task<IActionResult> Reject(Guid id, string? reasons, int sequence, string? idempotencyKey, CancellationToken cancellationToken) =>
        DecideAsync(id, application => decisions.RejectAsync(User, application, reasons, sequence, idempotencyKey ?? "", cancellationToken), cancellationToken);

    private async Task<IActionResult> DecideAsync(Guid id, Func<GrantApplication, Task<(bool Done, string Message)>> decide, CancellationToken cancellationToken)
    {
        var application = await decisions.FindAsync(User, id, cancellationToken);
        if (application is null)
        {
            return NotFound();
        }

        var (done, message) = await decide(application);
        TempData[done ? "Message" : "Error"] = message;
        return RedirectToAction("Show", "Applications", new { id });
    }
}
