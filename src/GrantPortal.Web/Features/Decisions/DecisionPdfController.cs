using GrantPortal.Web.Data;
using GrantPortal.Web.Domain;
using GrantPortal.Web.Features.Applications;
using GrantPortal.Web.Features.Audit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace GrantPortal.Web.Features.Decisions;

/// <summary>The issued decision letter, for those who may see the application (the applicant downloads it here).</summary>
[Authorize(Roles = $"{Roles.Applicant},{Roles.Officer},{Roles.Admin}")]
public sealed class DecisionPdfController(PortalDbContext db, ApplicationAccess access, AuditLog audit) : Controller
{
    [HttpGet("/applications/{id:guid}/decision.pdf")]
    public async Task<IActionResult> Download(Guid id, CancellationToken cancellationToken)
    {
        var visible = await access.VisibleToAsync(User);
        var decision = await db.Decisions.AsNoTracking()
            .Where(d => d.ApplicationId == id && d.Status == DecisionStatus.Final && d.PdfSha256 != null && visible.Any(a => a.Id == id))
            .SingleOrDefaultAsync(cancellationToken);
        if (decision is null)
        {
            return NotFound();
        }

        await audit.DecisionPdfDownloadedAsync(User, decision, cancellationToken);
        var content = await db.Set<DecisionPdfFile>().Where(f => f.DecisionId == decision.Id).Select(f => f.Content).SingleAsync(cancellationToken);
        Response.Headers.CacheControl = "private, no-store";
        return File(content, "application/pdf", $"{decision.Number}.pdf");
    }
}
