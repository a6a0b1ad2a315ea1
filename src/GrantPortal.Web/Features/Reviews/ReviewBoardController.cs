using GrantPortal.Web.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace GrantPortal.Web.Features.Reviews;

/// <summary>The officer's review board of a call: where every application stands with its experts.</summary>
[Authorize(Roles = $"{Roles.Officer},{Roles.Admin}")]
public sealed class ReviewBoardController : Controller
{
    [HttpGet("/officer/calls/{callId:guid}/reviews")]
    public async Task<IActionResult> Index(
        Guid callId, bool overdue, bool divergent, int page, [FromServices] ReviewBoard board, CancellationToken cancellationToken) =>
        await board.LoadAsync(callId, new ReviewBoardQuery(overdue, divergent, page), cancellationToken) is { } model ? View(model) : NotFound();
}
