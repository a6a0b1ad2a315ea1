using GrantPortal.Web.Features.Calls;
using Microsoft.AspNetCore.Mvc;

namespace GrantPortal.Web.Features.Home;

public sealed class HomeController : Controller
{
    /// <summary>The public front page: the calls open now, with their limits and deadlines.</summary>
    [HttpGet("/")]
    public async Task<IActionResult> Index([FromServices] CallList list, CancellationToken cancellationToken) =>
        View((await list.LoadAsync(cancellationToken)).Open);
}
