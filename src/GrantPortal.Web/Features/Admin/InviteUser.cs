using System.ComponentModel.DataAnnotations;
using GrantPortal.Web.Domain;
using GrantPortal.Web.Features.Account;
using GrantPortal.Web.Infrastructure.Localization;
using GrantPortal.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace GrantPortal.Web.Features.Admin;

public sealed class InviteUserForm : PersonToInvite
{
    [Required(ErrorMessage = "Choose a role.")]
    [Display(Name = "Role")]
    public string Role { get; set; } = Roles.Expert;

    [Required(ErrorMessage = "Choose the language of the e-mails.")]
    [Display(Name = "Language of e-mails")]
    public string Language { get; set; } = "ru";
}

public sealed record InviteResult(Guid? UserId, IReadOnlyList<FormError> Errors);

/// <summary>
/// An admin invites an expert, officer or admin (see <see cref="InviteAccount"/> for what the invitation is).
/// </summary>
public sealed class InviteUser(UserManager<PortalUser> users, InviteAccount invite, IStringLocalizer<SharedResource> l)
{
    /// <param name="invitationLink">The absolute URL of the acceptance page for a user id and an encoded token.</param>
    public async Task<InviteResult> InviteAsync(InviteUserForm form, Func<Guid, string, string> invitationLink, CancellationToken cancellationToken)
    {
        var email = form.Email.Trim();
        var errors = new List<FormError>();
        if (!Roles.Invitable.Contains(form.Role))
        {
            errors.Add(new FormError(nameof(form.Role), l["Choose a role from the list."]));
        }

        if (!LocalizationExtensions.Cultures.Any(c => c.TwoLetterISOLanguageName == form.Language))
        {
            errors.Add(new FormError(nameof(form.Language), l["Choose the language of the e-mails."]));
        }

        if (await users.FindByEmailAsync(email) is not null)
        {
            errors.Add(new FormError(nameof(form.Email), l["An account with the e-mail {0} already exists.", email]));
        }

        if (errors.Count > 0)
        {
            return new InviteResult(null, errors);
        }

        var (user, refused) = await invite.InviteAsync(
            new Invitee(email, form.FullName.Trim(), form.Role, form.Language), invitationLink, nameof(form.Email), cancellationToken);
        return new InviteResult(user?.Id, refused);
    }
}
