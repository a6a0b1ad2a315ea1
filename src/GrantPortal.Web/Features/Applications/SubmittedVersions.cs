using System.Security.Claims;
using GrantPortal.Web.Data;
using GrantPortal.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace GrantPortal.Web.Features.Applications;

/// <summary>An application with every version submitted so far, oldest first.</summary>
public sealed record VersionHistory(GrantApplication Application, IReadOnlyList<ApplicationVersion> Versions)
{
    public ApplicationVersion? Find(int number) => Versions.FirstOrDefault(v => v.Number == number);
}

/// <summary>One frozen version as its page shows it.</summary>
public sealed record VersionPageModel(VersionHistory History, ApplicationVersion Version, IReadOnlyList<ApplicationField> Fields);

/// <summary>
/// Reads the versions an application was submitted in. They are shown to whoever may see the application itself
/// (<see cref="ApplicationAccess"/>): the company's applicants read what they sent, the agency's staff what they check.
/// </summary>
public sealed class SubmittedVersions(PortalDbContext db, ApplicationAccess access, IStringLocalizer<SharedResource> l)
{
    /// <returns>Null when the application does not exist or this person may not see it.</returns>
    public async Task<VersionHistory?> LoadAsync(ClaimsPrincipal user, Guid id, CancellationToken cancellationToken)
    {
        var application = await (await access.VisibleToAsync(user)).AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        return application is null
            ? null
            : new VersionHistory(
                application,
                await Of(db, id).ToListAsync(cancellationToken));
    }

    /// <summary>The application's versions, oldest first, not tracked: they never change.</summary>
    public static IQueryable<ApplicationVersion> Of(PortalDbContext db, Guid applicationId) =>
        db.ApplicationVersions.AsNoTracking().Where(v => v.ApplicationId == applicationId).OrderBy(v => v.Number);

    /// <returns>Null when the application or the version does not exist, or this person may not see them.</returns>
    public async Task<VersionPageModel?> ReadAsync(ClaimsPrincipal user, Guid id, int number, CancellationToken cancellationToken) =>
        await LoadAsync(user, id, cancellationToken) is { } history && history.Find(number) is { } version
            ? new VersionPageModel(history, version, ApplicationFields.Of(version.Content, l))
            : null;
}
