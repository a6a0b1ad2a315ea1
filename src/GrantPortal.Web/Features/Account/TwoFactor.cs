using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text.Encodings.Web;
using GrantPortal.Web.Domain;
using GrantPortal.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace GrantPortal.Web.Features.Account;

public sealed record TwoFactorStatus(bool IsEnabled, int RecoveryCodesLeft, bool MustKeepTwoFactor);

/// <summary>What the person types into an authenticator app by hand, or scans.</summary>
public sealed record AuthenticatorKey(string FormattedKey, IHtmlContent QrCode);

/// <summary>Shown once, in the response that created them: they are never stored anywhere the browser can reach again.</summary>
public sealed record RecoveryCodes(IReadOnlyList<string> Codes, bool JustEnabled);

public sealed class EnableTwoFactorForm
{
    [Required(ErrorMessage = "Enter the code from the authenticator app.")]
    [Display(Name = "Code from the app")]
    public string Code { get; set; } = "";

    [BindNever]
    public AuthenticatorKey? Key { get; set; }
}

/// <summary>Setting up, checking and switching off sign-in with an authenticator app (TOTP) for the signed-in person.</summary>
public sealed class TwoFactorAuthentication(
    UserManager<PortalUser> users, SignInManager<PortalUser> signIn, IStringLocalizer<SharedResource> l)
{
    private const string Issuer = "GrantPortal";
    private const int RecoveryCodeCount = 10;

    public async Task<TwoFactorStatus> GetStatusAsync(ClaimsPrincipal principal)
    {
        var user = await FindAsync(principal);
        return new TwoFactorStatus(
            user.TwoFactorEnabled,
            await users.CountRecoveryCodesAsync(user),
            user.MustUseTwoFactor(await users.GetRolesAsync(user)));
    }

    /// <summary>The person's authenticator key, created on first use so that reloading the page keeps the same one.</summary>
    public async Task<AuthenticatorKey> GetOrCreateKeyAsync(ClaimsPrincipal principal)
    {
        var user = await FindAsync(principal);
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user)
                ?? throw new InvalidOperationException("Identity did not store an authenticator key.");
        }

        var uri = $"otpauth://totp/{Issuer}:{UrlEncoder.Default.Encode(user.Email!)}?secret={key}&issuer={Issuer}&digits=6";
        return new AuthenticatorKey(string.Join(' ', key.Chunk(4).Select(c => new string(c))), QrCodeSvg.Render(uri, l["QR code for the authenticator app"]));
    }

    /// <returns>The new recovery codes, or null when the code is wrong.</returns>
    public async Task<IReadOnlyList<string>?> EnableAsync(ClaimsPrincipal principal, string code)
    {
        var user = await FindAsync(principal);
        var token = code.Replace(" ", "").Replace("-", "");
        if (!await users.VerifyTwoFactorTokenAsync(user, TokenOptions.DefaultAuthenticatorProvider, token))
        {
            return null;
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount);
        // A fresh cookie drops the "set-up required" claim at once instead of at the next security-stamp check.
        await signIn.RefreshSignInAsync(user);
        return [.. codes ?? []];
    }

    /// <summary>
    /// Forgets the current key, so a lost or copied phone no longer signs in. Two-factor stays off until a new app
    /// is confirmed; for officers and admins the set-up filter sends them straight back to set it up.
    /// </summary>
    public async Task ResetAsync(ClaimsPrincipal principal)
    {
        var user = await FindAsync(principal);
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await signIn.RefreshSignInAsync(user);
    }

    /// <returns>False when refused: officers and admins must keep two-factor sign-in.</returns>
    public async Task<bool> DisableAsync(ClaimsPrincipal principal)
    {
        var user = await FindAsync(principal);
        if (user.MustUseTwoFactor(await users.GetRolesAsync(user)))
        {
            return false;
        }

        await users.SetTwoFactorEnabledAsync(user, false);
        await signIn.RefreshSignInAsync(user);
        return true;
    }

    /// <returns>The new codes (the old ones stop working), or null when two-factor sign-in is off.</returns>
    public async Task<IReadOnlyList<string>?> RegenerateRecoveryCodesAsync(ClaimsPrincipal principal)
    {
        var user = await FindAsync(principal);
        if (!user.TwoFactorEnabled)
        {
            return null;
        }

        return [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? []];
    }

    // The cookie of a deleted account is rejected at its next security-stamp check; until then the request fails.
    private async Task<PortalUser> FindAsync(ClaimsPrincipal principal) =>
        await users.GetUserAsync(principal) ?? throw new InvalidOperationException("The signed-in account no longer exists.");
}
