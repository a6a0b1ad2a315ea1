using System.Security.Claims;
using GrantPortal.Web.Data;
using GrantPortal.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace GrantPortal.Web.Features.Applications;

/// <summary>
/// Any button on the application page: fires its trigger as this person. The workflow decides whether their role
/// may and whether its conditions hold; the page sent the sequence it showed and a key, so a stale page or a
/// double click acts at most once.
/// </summary>
public sealed class FireApplicationAction(PortalDbContext db, ApplicationAccess access, WorkflowRuntime workflows, IStringLocalizer<SharedResource> l)
{
    /// <returns>Null when the application is not visible to this person; otherwise what happened, to show them.</returns>
    public async Task<(bool Succeeded, IReadOnlyList<string> Messages)?> FireAsync(
        ClaimsPrincipal user, Guid id, string trigger, int sequence, string idempotencyKey, string? comment, CancellationToken cancellationToken)
    {
        if (!await (await access.VisibleToAsync(user)).AnyAsync(a => a.Id == id, cancellationToken))
        {
            return null;
        }

        var instanceId = await db.WorkflowOf(id).Select(i => i.Id).FirstAsync(cancellationToken);
        var result = await workflows.FireAsync(
            instanceId,
            new WorkflowSignal(trigger, $"{user.FindFirstValue(ClaimTypes.NameIdentifier)}:{idempotencyKey}", sequence, string.IsNullOrWhiteSpace(comment) ? null : comment.Trim()),
            ApplicationAccess.Actor(user),
            cancellationToken);
        return (result.Succeeded, result.Reasons.Select(r => l[r].Value).ToList());
    }
}
