using System.ComponentModel.DataAnnotations;
using GrantPortal.Web.Domain;
using GrantPortal.Web.Features.Account;
using GrantPortal.Web.Infrastructure.Localization;
using GrantPortal.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace GrantPortal.Web.Features.Companies;

/// <summary>A colleague to invite: just who they are; the company is the inviter's.</summary>
public sealed class InviteColleagueForm : PersonToInvite;

/// <summary>
/// A member invites a colleague into the company: a new applicant account of the company, which the colleague
/// activates from the e-mailed link (<see cref="InviteAccount"/>). An address that already has an account is refused
/// whatever the account is: an existing account is never moved into a company without its owner's consent, and staff
/// and experts never act for a company. The refusal does not say what kind of account it is. Inviting again someone
/// whose invitation into this company is still pending sends a new link.
/// </summary>
public sealed class InviteColleague(
    CompanyProfileQuery membership, UserManager<PortalUser> users, InviteAccount invite, IStringLocalizer<SharedResource> l)
{
    /// <returns>Null when the inviter belongs to no company; otherwise why the invitation was refused (nothing saved), empty when sent.</returns>
    public async Task<IReadOnlyList<FormError>?> InviteAsync(
        Guid inviterId, InviteColleagueForm form, Func<Guid, string, string> invitationLink, CancellationToken cancellationToken)
    {
        if (await membership.CompanyIdOfAsync(inviterId, cancellationToken) is not { } companyId)
        {
            return null;
        }

        var email = form.Email.Trim();
        if (await users.FindByEmailAsync(email) is { } existing)
        {
            if (existing.CompanyId == companyId && InviteAccount.IsPending(existing))
            {
                // Invited into this company before and never accepted: the old link may have expired, so send a new one.
                await invite.ResendAsync(existing, Roles.Applicant, invitationLink, cancellationToken);
                return [];
            }

            return [new FormError(nameof(form.Email), existing.CompanyId == companyId
                ? l["{0} is already a member of your company.", email]
                : l["An account with the e-mail {0} already exists on the portal, so it cannot be invited into your company. Invite your colleague with another e-mail address.", email])];
        }

        // E-mails go out in the language the inviter is using: colleagues usually share it.
        var (_, errors) = await invite.InviteAsync(
            new Invitee(email, form.FullName.Trim(), Roles.Applicant, LocalizationExtensions.CurrentLanguage, companyId),
            invitationLink, nameof(form.Email), cancellationToken);
        return errors;
    }
}
