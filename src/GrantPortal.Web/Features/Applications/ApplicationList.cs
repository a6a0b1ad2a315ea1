using System.Security.Claims;
using GrantPortal.Web.Data;
using GrantPortal.Web.Domain;
using GrantPortal.Web.Infrastructure.Localization;
using GrantPortal.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace GrantPortal.Web.Features.Applications;

/// <param name="State">The state's name in the reader's language.</param>
public sealed record ApplicationListItem(Guid Id, string? Number, string Title, string CallTitleRu, string CallTitleEn, string State, decimal RequestedGrant, DateTime UpdatedAt);

/// <summary>
/// "My applications" for an applicant (their company's, drafts too); for officers and admins every application ever
/// submitted (drafts are the applicant's own work, as in <see cref="CallApplicationList"/>); last changed first.
/// </summary>
public sealed class ApplicationList(PortalDbContext db, ApplicationAccess access, WorkflowCatalog catalog)
{
    public const int PageSize = 50;

    public async Task<IReadOnlyList<ApplicationListItem>> LoadAsync(ClaimsPrincipal user, int page, CancellationToken cancellationToken)
    {
        var applications = await access.VisibleToAsync(user);
        if (user.IsInRole(Roles.Officer) || user.IsInRole(Roles.Admin))
        {
            applications = applications.Where(a => a.SubmittedAt != null);
        }

        var language = LocalizationExtensions.CurrentLanguage;
        var items = await applications
            .OrderByDescending(a => a.UpdatedAt)
            .Skip(Math.Clamp(page, 0, (int.MaxValue / PageSize) - 1) * PageSize) // a typed-in page past the end is empty, not an overflow
            .Take(PageSize)
            .Select(a => new ApplicationListItem(a.Id, a.Number, a.Title, a.Call!.TitleRu, a.Call.TitleEn, a.State, a.RequestedGrant, a.UpdatedAt))
            .ToListAsync(cancellationToken);
        return items.Select(i => i with { State = catalog.StateName(i.State, language) }).ToList();
    }

    /// <summary>The calls an applicant can apply to now.</summary>
    public Task<List<GrantCall>> OpenCallsAsync(DateTime now, CancellationToken cancellationToken) =>
        db.Calls.AsNoTracking().Where(c => c.OpensAt <= now && now < c.ClosesAt).OrderBy(c => c.ClosesAt).ToListAsync(cancellationToken);
}
