using GrantPortal.Web.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace GrantPortal.Web.Features.Audit;

/// <summary>The audit trail for admins: the list with its filters, and the check of the hash chain.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class AuditController(IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet("/admin/audit")]
    public async Task<IActionResult> Index([FromQuery] AuditFilter filter, [FromServices] AuditTrail trail, CancellationToken cancellationToken) =>
        View(await trail.LoadAsync(filter, cancellationToken));

    [HttpPost("/admin/audit/verify")]
    public async Task<IActionResult> Verify([FromServices] AuditLog audit, CancellationToken cancellationToken)
    {
        var result = await audit.VerifyAsync(cancellationToken);
        var seconds = result.Elapsed.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.CurrentCulture);
        if (result.Intact)
        {
            TempData["Message"] = l["The chain is intact: {0} entries, checked in {1} s. Its latest hash is {2}.", result.Checked, seconds, result.LastHash].Value;
        }
        else
        {
            TempData["Error"] = (result.Problem switch
            {
                AuditProblem.Edited => l["The chain is broken at entry #{0}: its content does not match its hash, so it was changed after it was written.", result.BrokenAt!],
                AuditProblem.BrokenLink => l["The chain is broken at entry #{0}: it does not hold the hash of entry #{1}, so an entry was changed, removed or inserted there.", result.BrokenAt!, result.BrokenAt!.Value - 1],
                _ => l["The chain is broken at entry #{0}: entries #{0} to #{1} are missing.", result.BrokenAt!, result.MissingThrough!],
            }).Value;
        }

        return RedirectToAction(nameof(Index));
    }
}
