using GrantPortal.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.EntityFrameworkCore;

namespace GrantPortal.Web.Features.Email;

/// <summary>
/// Development only: the e-mails the app has queued, so a person can follow a confirmation link without an SMTP
/// server. Anywhere else every route here answers 404.
/// </summary>
[Route("dev/outbox")]
public sealed class OutboxController(PortalDbContext db, IWebHostEnvironment environment) : Controller
{
    public override void OnActionExecuting(ActionExecutingContext context)
    {
        if (!environment.IsDevelopment())
        {
            context.Result = NotFound();
        }
    }

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await db.OutboxEmails.AsNoTracking().OrderByDescending(e => e.CreatedAt).Take(100).ToListAsync(cancellationToken));

    [HttpGet("{id:guid}")]
    public async Task<IActionResult> Show(Guid id, CancellationToken cancellationToken) =>
        await db.OutboxEmails.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken) is { } email
            ? View(email)
            : NotFound();
}
