using System.Security.Claims;
using GrantPortal.Web.Data;
using GrantPortal.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace GrantPortal.Web.Features.Notifications;

public sealed record NotificationListPage(IReadOnlyList<Notification> Items, int Page, bool HasNextPage, int Unread);

/// <summary>A person's own notifications: the bell's count, the list newest first, and marking them read.</summary>
public sealed class NotificationList(PortalDbContext db, TimeProvider clock)
{
    public const int PageSize = 20;

    // The count of this request: the notifications page shows it, and so does the bell in its layout.
    private int? _unread;

    /// <summary>Runs on every page a signed-in person opens: one count over the (UserId, ReadAt) index, once a request.</summary>
    public async Task<int> UnreadCountAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = IdOf(user);
        return _unread ??= await db.Notifications.CountAsync(n => n.UserId == userId && n.ReadAt == null, cancellationToken);
    }

    public async Task<NotificationListPage> LoadAsync(ClaimsPrincipal user, int page, CancellationToken cancellationToken)
    {
        var userId = IdOf(user);
        page = Math.Clamp(page, 1, int.MaxValue / PageSize); // a typed-in huge page is empty, not an overflow
        // One row more than a page tells whether there is a next page without counting them all.
        var found = await db.Notifications.AsNoTracking()
            .Where(n => n.UserId == userId)
            .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
            .Skip((page - 1) * PageSize).Take(PageSize + 1)
            .ToListAsync(cancellationToken);
        return new NotificationListPage([.. found.Take(PageSize)], page, found.Count > PageSize, await UnreadCountAsync(user, cancellationToken));
    }

    /// <returns>Whether it is this person's (anyone else's is "not found"), and the page it is about.</returns>
    public async Task<(bool Found, string? Link)> MarkReadAsync(ClaimsPrincipal user, Guid id, CancellationToken cancellationToken)
    {
        var userId = IdOf(user);
        var link = await db.Notifications.Where(n => n.Id == id && n.UserId == userId).Select(n => new { n.Link }).SingleOrDefaultAsync(cancellationToken);
        if (link is null)
        {
            return (false, null);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        _unread = null;
        await db.Notifications.Where(n => n.Id == id && n.ReadAt == null).ExecuteUpdateAsync(u => u.SetProperty(n => n.ReadAt, now), cancellationToken);
        return (true, link.Link);
    }

    public Task<int> MarkAllReadAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = IdOf(user);
        var now = clock.GetUtcNow().UtcDateTime;
        _unread = null;
        return db.Notifications.Where(n => n.UserId == userId && n.ReadAt == null).ExecuteUpdateAsync(u => u.SetProperty(n => n.ReadAt, now), cancellationToken);
    }

    private static Guid IdOf(ClaimsPrincipal user) => Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!);
}
