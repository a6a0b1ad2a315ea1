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
        catch (DbException e)
        {
            // The error page too has the bell: without the database it still renders, with a bell that shows no count.
            logger.LogWarning(e, "Could not count unread notifications");
            return View(0);
        }
    }
}
