using System.Security.Claims;
using GrantPortal.Web.Data;
using GrantPortal.Web.Infrastructure.Localization;
using GrantPortal.Workflows.Persistence;
using GrantPortal.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace GrantPortal.Web.Features.Applications;

/// <param name="State">The state's name in the reader's language.</param>
public sealed record WaitingTask(Guid ApplicationId, string? Number, string Title, string State, string Role, DateTime Since, DateTime? DueAt);

/// <summary>
/// What waits for this person: the workflow's tasks (bookmarks) for their roles, on applications they may see,
/// oldest first, so nothing waits unnoticed.
/// </summary>
public sealed class TaskList(PortalDbContext db, ApplicationAccess access, WorkflowCatalog catalog)
{
    public const int Limit = 200;

    public async Task<IReadOnlyList<WaitingTask>> LoadAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var roles = ApplicationAccess.Actor(user).Roles.ToList();
        var applications = await access.VisibleToAsync(user);
        var rows = await (
                from bookmark in db.Set<WorkflowBookmark>()
                where roles.Contains(bookmark.Role)
                join instance in db.Set<WorkflowInstance>() on bookmark.InstanceId equals instance.Id
                join application in applications on instance.SubjectId equals application.Id.ToString()
                orderby bookmark.CreatedAt
                select new WaitingTask(application.Id, application.Number, application.Title, instance.State, bookmark.Role, bookmark.CreatedAt, bookmark.DueAt))
            .Take(Limit)
            .ToListAsync(cancellationToken);
        var language = LocalizationExtensions.CurrentLanguage;
        return rows.Select(r => r with { State = catalog.StateName(r.State, language) }).ToList();
    }
}
