using GrantPortal.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace GrantPortal.Web.Features.Account;

[Authorize]
public sealed class TwoFactorController(TwoFactorAuthentication twoFactor, IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet("/account/two-factor")]
    public async Task<IActionResult> Index() => View(await twoFactor.GetStatusAsync(User));

    [HttpGet("/account/two-factor/enable")]
    public async Task<IActionResult> Enable() =>
        View(new EnableTwoFactorForm { Key = await twoFactor.GetOrCreateKeyAsync(User) });

    [HttpPost("/account/two-factor/enable")]
    [EnableRateLimiting(AccountThrottling.Policy)]
    public async Task<IActionResult> Enable(EnableTwoFactorForm form)
    {
        var codes = ModelState.IsValid ? await twoFactor.EnableAsync(User, form.Code) : null;
        if (codes is null)
        {
            if (ModelState.IsValid)
            {
                ModelState.AddModelError(nameof(form.Code), l["The code is wrong or has expired. Enter the code the app shows now."]);
            }

            form.Key = await twoFactor.GetOrCreateKeyAsync(User);
            return View(form);
        }

        return View("RecoveryCodes", new RecoveryCodes(codes, JustEnabled: true));
    }

    [HttpPost("/account/two-factor/reset")]
    public async Task<IActionResult> Reset()
    {
        await twoFactor.ResetAsync(User);
        return RedirectToAction(nameof(Enable));
    }

    [HttpPost("/account/two-factor/disable")]
    public async Task<IActionResult> Disable()
    {
        if (!await twoFactor.DisableAsync(User))
        {
            ModelState.AddModelError("", l["Officers and administrators must keep two-factor authentication on."]);
            return View(nameof(Index), await twoFactor.GetStatusAsync(User));
        }

        TempData["Message"] = l["Two-factor authentication is off."].Value;
        return RedirectToAction(nameof(Index));
    }

    [HttpPost("/account/two-factor/recovery-codes")]
    public async Task<IActionResult> RegenerateRecoveryCodes()
    {
        var codes = await twoFactor.RegenerateRecoveryCodesAsync(User);
        if (codes is null)
        {
            return RedirectToAction(nameof(Enable));
        }

        return View("RecoveryCodes", new RecoveryCodes(codes, JustEnabled: false));
    }
}
