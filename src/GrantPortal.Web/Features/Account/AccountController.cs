using GrantPortal.Web.Data;
using GrantPortal.Web.Domain;
using GrantPortal.Web.Infrastructure.Localization;
using GrantPortal.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace GrantPortal.Web.Features.Account;

/// <summary>Registration of applicants, e-mail confirmation, sign-in (with two-factor), sign-out and password reset.</summary>
[Route("account")]
public sealed class AccountController(
    UserManager<PortalUser> users,
    SignInManager<PortalUser> signIn,
    AccountEmails emails,
    PortalDbContext db,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet("register")]
    public IActionResult Register() => View(new RegisterInput());

    [HttpPost("register")]
    [EnableRateLimiting(AccountThrottling.Policy)]
    public async Task<IActionResult> Register(RegisterInput input)
    {
        if (!ModelState.IsValid)
        {
            return View(input);
        }

        var user = new PortalUser
        {
            UserName = input.Email.Trim(),
            Email = input.Email.Trim(),
            FullName = input.FullName.Trim(),
            PreferredCulture = LocalizationExtensions.CurrentLanguage,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };

        // The account, its role and its confirmation e-mail are saved together or not at all.
        await using var transaction = await db.Database.BeginTransactionAsync();
        var result = await users.CreateAsync(user, input.Password);
        if (result.Succeeded)
        {
            result = await users.AddToRoleAsync(user, Roles.Applicant);
        }

        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                var field = error.Code.StartsWith("Password", StringComparison.Ordinal) ? nameof(input.Password)
                    : error.Code is "DuplicateEmail" or "DuplicateUserName" or "InvalidEmail" or "InvalidUserName" ? nameof(input.Email)
                    : "";
                ModelState.AddModelError(field, error.Description);
            }

            return View(input);
        }

        await QueueConfirmationAsync(user);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return RedirectToAction(nameof(CheckEmail));
    }

    [HttpGet("check-email")]
    public IActionResult CheckEmail() => View();

    [HttpGet("confirm-email")]
    public async Task<IActionResult> ConfirmEmail(Guid userId, string? code)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        var confirmed = user is not null && LinkTokens.Decode(code) is { } token
            && (await users.ConfirmEmailAsync(user, token)).Succeeded;
        return View(confirmed);
    }

    [HttpGet("resend-confirmation")]
    public IActionResult ResendConfirmation() => View(new EmailInput());

    [HttpPost("resend-confirmation")]
    [EnableRateLimiting(AccountThrottling.Policy)]
    public async Task<IActionResult> ResendConfirmation(EmailInput input)
    {
        if (!ModelState.IsValid)
        {
            return View(input);
        }

        // The same answer whether or not the address is registered, so the form cannot be used to probe accounts.
        var user = await users.FindByEmailAsync(input.Email.Trim());
        if (user is not null && !user.EmailConfirmed)
        {
            await QueueConfirmationAsync(user);
            await db.SaveChangesAsync();
        }

        return RedirectToAction(nameof(CheckEmail));
    }

    [HttpGet("login")]
    public IActionResult Login(string? returnUrl) => View(new LoginInput { ReturnUrl = returnUrl });

    [HttpPost("login")]
    [EnableRateLimiting(AccountThrottling.Policy)]
    public async Task<IActionResult> Login(LoginInput input)
    {
        if (!ModelState.IsValid)
        {
            return View(input);
        }

        var user = await users.FindByEmailAsync(input.Email.Trim());
        if (user is not null && !user.EmailConfirmed && await users.CheckPasswordAsync(user, input.Password))
        {
            ModelState.AddModelError("", l["Confirm your e-mail address first: follow the link in the e-mail we sent you."]);
            ViewData["OfferResend"] = true;
            return View(input);
        }

        var result = user is null
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(user, input.Password, input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(SafeReturnUrl(input.ReturnUrl));
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToAction(nameof(LoginWithTwoFactor), new { input.ReturnUrl, input.RememberMe });
        }

        ModelState.AddModelError("", result.IsLockedOut
            ? l["Too many failed attempts. The account is locked for 15 minutes."]
            : l["The e-mail or the password is wrong."]);
        return View(input);
    }

    [HttpGet("login-2fa")]
    public async Task<IActionResult> LoginWithTwoFactor(string? returnUrl, bool rememberMe) =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null
            ? RedirectToAction(nameof(Login))
            : View(new TwoFactorLoginInput { ReturnUrl = returnUrl, RememberMe = rememberMe });

    [HttpPost("login-2fa")]
    [EnableRateLimiting(AccountThrottling.Policy)]
    public async Task<IActionResult> LoginWithTwoFactor(TwoFactorLoginInput input)
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
        {
            return RedirectToAction(nameof(Login));
        }

        if (!ModelState.IsValid)
        {
            return View(input);
        }

        var code = input.Code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        // Six digits come from the app; anything else is tried as a one-time recovery code.
        var result = code.Length == 6 && code.All(char.IsAsciiDigit)
            ? await signIn.TwoFactorAuthenticatorSignInAsync(code, input.RememberMe, input.RememberMachine)
            : await signIn.TwoFactorRecoveryCodeSignInAsync(input.Code.Trim());
        if (result.Succeeded)
        {
            return LocalRedirect(SafeReturnUrl(input.ReturnUrl));
        }

        ModelState.AddModelError(nameof(input.Code), result.IsLockedOut
            ? l["Too many failed attempts. The account is locked for 15 minutes."]
            : l["The code is wrong or has expired."]);
        return View(input);
    }

    [HttpPost("logout")]
    public async Task<IActionResult> Logout()
    {
        await signIn.SignOutAsync();
        return Redirect("/");
    }

    [HttpGet("access-denied")]
    public IActionResult AccessDenied()
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return View();
    }

    [HttpGet("forgot-password")]
    public IActionResult ForgotPassword() => View(new EmailInput());

    [HttpPost("forgot-password")]
    [EnableRateLimiting(AccountThrottling.Policy)]
    public async Task<IActionResult> ForgotPassword(EmailInput input)
    {
        if (!ModelState.IsValid)
        {
            return View(input);
        }

        var user = await users.FindByEmailAsync(input.Email.Trim());
        if (user is not null && user.EmailConfirmed)
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            emails.QueuePasswordReset(user, Url.Action(nameof(ResetPassword), "Account",
                new { userId = user.Id, code = LinkTokens.Encode(token) }, Request.Scheme)!);
            await db.SaveChangesAsync();
        }

        return RedirectToAction(nameof(CheckEmail));
    }

    [HttpGet("reset-password")]
    public IActionResult ResetPassword(Guid userId, string? code) =>
        View(new ResetPasswordInput { UserId = userId, Code = code ?? "" });

    [HttpPost("reset-password")]
    [EnableRateLimiting(AccountThrottling.Policy)]
    public async Task<IActionResult> ResetPassword(ResetPasswordInput input)
    {
        if (!ModelState.IsValid)
        {
            return View(input);
        }

        var user = await users.FindByIdAsync(input.UserId.ToString());
        var token = LinkTokens.Decode(input.Code);
        if (user is null || token is null)
        {
            ModelState.AddModelError("", l["The link is invalid or has expired."]);
            return View(input);
        }

        var result = await users.ResetPasswordAsync(user, token, input.Password);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Code.StartsWith("Password", StringComparison.Ordinal) ? nameof(input.Password) : "", error.Description);
            }

            return View(input);
        }

        TempData["Message"] = l["Your password has been changed. Sign in with the new password."].Value;
        return RedirectToAction(nameof(Login));
    }

    private async Task QueueConfirmationAsync(PortalUser user)
    {
        var token = await users.GenerateEmailConfirmationTokenAsync(user);
        emails.QueueEmailConfirmation(user, Url.Action(nameof(ConfirmEmail), "Account",
            new { userId = user.Id, code = LinkTokens.Encode(token) }, Request.Scheme)!);
    }

    private string SafeReturnUrl(string? returnUrl) => Url.IsLocalUrl(returnUrl) ? returnUrl : "/";
}
