using System.ComponentModel.DataAnnotations;
using GrantPortal.Web.Data;
using GrantPortal.Web.Domain;
using GrantPortal.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Identity;

namespace GrantPortal.Web.Features.Account;

public sealed class AcceptInvitationForm : NewPasswordInput
{
    // Nullable, so that a mangled link is answered as a dead link rather than as a missing field the form cannot show.
    public Guid? UserId { get; set; }

    public string? Code { get; set; }

}

/// <summary>
/// The invited person follows the e-mailed link and chooses a password. The link carries a password-reset token:
/// it works once (the new password changes the security stamp) and proves the e-mail address.
/// </summary>
public sealed class AcceptInvitation(PortalDbContext db, UserManager<PortalUser> users)
{
    /// <summary>Checked before the form is shown, so nobody types a password into a dead link.</summary>
    public async Task<bool> IsValidAsync(Guid? userId, string? code)
    {
        var (user, token) = await DecodeAsync(userId, code);
        return user is not null && await users.VerifyUserTokenAsync(
            user, users.Options.Tokens.PasswordResetTokenProvider, UserManager<PortalUser>.ResetPasswordTokenPurpose, token);
    }

    /// <returns>Why the password was refused; empty on success.</returns>
    public async Task<IReadOnlyList<FormError>> AcceptAsync(Guid? userId, string? code, string password, CancellationToken cancellationToken)
    {
        var (user, token) = await DecodeAsync(userId, code);
        if (user is null)
        {
            return [FormError.ForForm(users.ErrorDescriber.InvalidToken().Description)];
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var reset = await users.ResetPasswordAsync(user, token, password);
        if (!reset.Succeeded)
        {
            // A dead link is about the whole form; anything else is about the chosen password.
            return [.. reset.Errors.Select(e => new FormError(
                e.Code == nameof(IdentityErrorDescriber.InvalidToken) ? "" : nameof(AcceptInvitationForm.Password), e.Description))];
        }

        user.EmailConfirmed = true;
        var updated = await users.UpdateAsync(user);
        if (!updated.Succeeded)
        {
            return [.. FormError.FromIdentity(updated)];
        }

        await transaction.CommitAsync(cancellationToken);
        return [];
    }

    private async Task<(PortalUser? User, string Token)> DecodeAsync(Guid? userId, string? code)
    {
        var token = LinkTokens.Decode(code);
        return userId is null || token is null ? (null, "") : (await users.FindByIdAsync(userId.Value.ToString()), token);
    }
}
