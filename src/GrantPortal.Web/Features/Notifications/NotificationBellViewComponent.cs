using System.Data.Common;
using Microsoft.AspNetCore.Mvc;

namespace GrantPortal.Web.Features.Notifications;

/// <summary>The bell in the navigation bar with the number of unread notifications, rendered with the page.</summary>
public sealed class NotificationBellViewComponent(NotificationList list, ILogger<NotificationBellViewComponent> logger) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        try
        {
            return View(await list.UnreadCountAsync(UserClaimsPrincipal, HttpContext.RequestAborted));
        }
        // EF Core's execution strategy wraps a failure it deems transient (the server shutting down or starting up) in an
        // InvalidOperationException; seen by the fault tests, where the error page came out empty while PostgreSQL restarted.
        catch (Exception e) when (e is DbException or { InnerException: DbException })
        {
            // The error page too has the bell: without the database it still renders, with a bell that shows no count.
            logger.LogWarning(e, "Could not count unread notifications");
            return View(0);
        }
    }
}
