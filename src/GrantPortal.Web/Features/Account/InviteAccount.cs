using System.ComponentModel.DataAnnotations;
using GrantPortal.Web.Data;
using GrantPortal.Web.Domain;
using GrantPortal.Web.Features.Audit;
using GrantPortal.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace GrantPortal.Web.Features.Account;

/// <summary>Who is invited, as an admin or a company member types it.</summary>
public abstract class PersonToInvite
{
    [Required(ErrorMessage = "Enter the e-mail address.")]
    [EmailAddress(ErrorMessage = "Enter a valid e-mail address.")]
    [StringLength(256, ErrorMessage = "The e-mail address is too long.")]
    [Display(Name = "E-mail")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Enter the full name.")]
    [StringLength(200, ErrorMessage = "The name is too long.")]
    [Display(Name = "Full name")]
    public string FullName { get; set; } = "";
}

/// <summary>Who is invited: the caller has checked that the address is free and the role is one it may give.</summary>
/// <param name="CompanyId">The company an invited applicant joins; null for staff and experts.</param>
public sealed record Invitee(string Email, string FullName, string Role, string Culture, Guid? CompanyId = null);

/// <summary>
/// Creates an invited account and queues its invitation: no password and an unconfirmed address until the person
/// follows the link (<see cref="InvitationController"/>), which proves the address and sets the password. Used by
/// the admin's invitations and by applicants inviting colleagues into their company.
/// </summary>
public sealed class InviteAccount(PortalDbContext db, UserManager<PortalUser> users, AccountEmails emails, AuditLog audit, TimeProvider clock)
{
    /// <param name="invitationLink">The absolute URL of the acceptance page for a user id and an encoded token.</param>
    /// <returns>The new account, or why Identity refused it (nothing saved).</returns>
    public async Task<(PortalUser? User, IReadOnlyList<FormError> Errors)> InviteAsync(
        Invitee invitee, Func<Guid, string, string> invitationLink, string emailField, CancellationToken cancellationToken)
    {
        var user = new PortalUser
        {
            Id = Guid.CreateVersion7(),
            UserName = invitee.Email,
            Email = invitee.Email,
            FullName = invitee.FullName,
            CompanyId = invitee.CompanyId,
            PreferredCulture = invitee.Culture,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };

        // The account, its role and the e-mail commit together or not at all: no account without its invitation.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            return (null, [.. FormError.FromIdentity(created, emailField)]);
        }

        var roleAdded = await users.AddToRoleAsync(user, invitee.Role);
        if (!roleAdded.Succeeded)
        {
            return (null, [.. FormError.FromIdentity(roleAdded)]);
        }

        await QueueAsync(user, invitee.Role, invitationLink);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RolesChangedAsync(user, [], [invitee.Role], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (user, []);
    }

    /// <summary>Sends a new link to an account whose invitation has not been accepted (the old link may have expired).</summary>
    public async Task ResendAsync(PortalUser user, string role, Func<Guid, string, string> invitationLink, CancellationToken cancellationToken)
    {
        await QueueAsync(user, role, invitationLink);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>True while the person has not followed an invitation's link (no password chosen, address not proven).</summary>
    public static bool IsPending(PortalUser user) => user.PasswordHash is null && !user.EmailConfirmed;

    private async Task QueueAsync(PortalUser user, string role, Func<Guid, string, string> invitationLink)
    {
        var token = await users.GeneratePasswordResetTokenAsync(user);
        emails.QueueInvitation(user, role, invitationLink(user.Id, LinkTokens.Encode(token)));
    }
}

public static class InvitationUrlExtensions
{
    /// <summary>Builds the absolute links to the acceptance page, for <see cref="InviteAccount"/>.</summary>
    public static Func<Guid, string, string> InvitationLinks(this IUrlHelper url, HttpRequest request) =>
        (userId, code) => url.Action(nameof(InvitationController.Accept), "Invitation", new { userId, code }, request.Scheme)!;
}
