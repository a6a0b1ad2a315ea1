using GrantPortal.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace GrantPortal.Web.Features.Home;

public sealed class HomeController(PortalDbContext db, TimeProvider clock) : Controller
{
    /// <summary>The public front page: the calls open now, with their rules and deadlines.</summary>
    [HttpGet("/")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var calls = await db.Calls.AsNoTracking()
            .Where(c => c.OpensAt <= now && now < c.ClosesAt)
            .OrderBy(c => c.ClosesAt)
            .ToListAsync(cancellationToken);
        return View(calls);
    }
}
