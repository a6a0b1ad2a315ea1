using GrantPortal.Web.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace GrantPortal.Web.Features.Applications;

/// <summary>The agency's view of a call's applications: officers work through it, admins may look.</summary>
[Authorize(Roles = $"{Roles.Officer},{Roles.Admin}")]
public sealed class OfficerApplicationsController : Controller
{
    [HttpGet("/officer/calls/{callId:guid}/applications")]
    public async Task<IActionResult> Index(Guid callId, [FromQuery] CallApplicationFilter filter, [FromServices] CallApplicationList list, CancellationToken cancellationToken) =>
        await list.LoadAsync(callId, filter, cancellationToken) is { } page ? View(page) : NotFound();
}
