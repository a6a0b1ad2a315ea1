using GrantPortal.Web.Infrastructure.Security;
using GrantPortal.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace GrantPortal.Web.Features.Account;

[AllowAnonymous]
public sealed class InvitationController(AcceptInvitation acceptInvitation) : Controller
{
    [HttpGet("/account/accept-invitation")]
    public async Task<IActionResult> Accept(Guid? userId, string? code)
    {
        if (!await acceptInvitation.IsValidAsync(userId, code))
        {
            return View("InvalidLink");
        }

        return View(new AcceptInvitationForm { UserId = userId, Code = code });
    }

    [HttpPost("/account/accept-invitation")]
    [EnableRateLimiting(AccountThrottling.Policy)]
    public async Task<IActionResult> Accept(AcceptInvitationForm form, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return View(form);
        }

        var errors = await acceptInvitation.AcceptAsync(form.UserId, form.Code, form.Password, cancellationToken);
        if (errors.Count > 0)
        {
            ModelState.AddErrors(errors);
            return View(form);
        }

        // A redirect, so that reloading the page does not post the spent link again.
        return RedirectToAction(nameof(Done));
    }

    [HttpGet("/account/accept-invitation/done")]
    public IActionResult Done() => View();
}
