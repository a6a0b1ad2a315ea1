using GrantPortal.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace GrantPortal.Web.Features.Notifications;

/// <summary>Everyone's own notifications (the bell's list) and their choice of e-mails. Nobody sees anyone else's.</summary>
[Authorize]
public sealed class NotificationsController(NotificationList list, IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet("/notifications")]
    public async Task<IActionResult> Index(int page, CancellationToken cancellationToken) =>
        View(await list.LoadAsync(User, page, cancellationToken));

    /// <summary>Marks it read and opens the page it is about.</summary>
    [HttpPost("/notifications/{id:guid}/open")]
    public async Task<IActionResult> Open(Guid id, CancellationToken cancellationToken) =>
        await list.MarkReadAsync(User, id, cancellationToken) switch
        {
            (false, _) => NotFound(),
            (true, { } link) when Url.IsLocalUrl(link) => LocalRedirect(link),
            _ => RedirectToAction(nameof(Index)),
        };

    [HttpPost("/notifications/{id:guid}/read")]
    public async Task<IActionResult> Read(Guid id, int page, CancellationToken cancellationToken) =>
        (await list.MarkReadAsync(User, id, cancellationToken)).Found ? RedirectToAction(nameof(Index), new { page = page > 1 ? page : (int?)null }) : NotFound();

    [HttpPost("/notifications/read-all")]
    public async Task<IActionResult> ReadAll(CancellationToken cancellationToken)
    {
        await list.MarkAllReadAsync(User, cancellationToken);
        TempData["Message"] = l["All notifications are marked as read."].Value;
        return RedirectToAction(nameof(Index));
    }

    [HttpGet("/notifications/settings")]
    public async Task<IActionResult> Settings([FromServices] NotificationSettings settings, CancellationToken cancellationToken) =>
        View(await settings.LoadAsync(User, cancellationToken));

    [HttpPost("/notifications/settings")]
    public async Task<IActionResult> Settings([FromServices] NotificationSettings settings, [FromForm] Dictionary<string, string>? choices, CancellationToken cancellationToken)
    {
        var errors = await settings.SaveAsync(User, choices ?? [], cancellationToken);
        if (errors.Count > 0)
        {
            ModelState.AddErrors(errors);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(await settings.LoadAsync(User, cancellationToken));
        }

        TempData["Message"] = l["Your notification settings are saved."].Value;
        return RedirectToAction(nameof(Settings));
    }
}
