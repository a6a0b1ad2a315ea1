using GrantPortal.Web.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace GrantPortal.Web.Features.Admin;

/// <summary>The background jobs: when they run next, where they ran last and how their recent runs went.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class JobsController : Controller
{
    [HttpGet("/admin/jobs")]
    public async Task<IActionResult> Index([FromServices] JobsOverview overview, CancellationToken cancellationToken) =>
        View(await overview.LoadAsync(cancellationToken));
}
