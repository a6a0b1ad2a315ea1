using Microsoft.AspNetCore.Mvc;

namespace GrantPortal.Web.Features.Calls;

/// <summary>The public pages of calls: anyone may read which calls there are and their rules.</summary>
public sealed class CallsController : Controller
{
    [HttpGet("/calls")]
    public async Task<IActionResult> Index([FromServices] CallList list, CancellationToken cancellationToken) =>
        View(await list.LoadAsync(cancellationToken));

    [HttpGet("/calls/{id:guid}")]
    public async Task<IActionResult> Details(Guid id, [FromServices] CallList list, CancellationToken cancellationToken) =>
        await list.LoadOneAsync(id, cancellationToken) is { } page ? View(page with { CreatedBy = null }) : NotFound();
}
