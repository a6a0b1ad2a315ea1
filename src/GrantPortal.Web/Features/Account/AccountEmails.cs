using System.Text.Encodings.Web;
using GrantPortal.Web.Domain;
using GrantPortal.Web.Infrastructure.Email;
using GrantPortal.Web.Infrastructure.Localization;
using Microsoft.Extensions.Localization;

namespace GrantPortal.Web.Features.Account;

/// <summary>The e-mails about a person's account, each in the recipient's language and carrying one link.</summary>
public sealed class AccountEmails(EmailOutbox outbox, IStringLocalizer<SharedResource> l)
{
    public void QueueEmailConfirmation(PortalUser user, string link) =>
        Queue(user, "Confirm your e-mail address", "Hello, {0}! To finish registering with GrantPortal, confirm your e-mail address:", "Confirm e-mail", link);

    /// <param name="role">One of <see cref="Roles"/>; it is named in the recipient's language.</param>
    public void QueueInvitation(PortalUser user, string role, string link) =>
        Queue(user, "You are invited to GrantPortal", "Hello, {0}! The agency invites you to GrantPortal as: {1}. Choose your password to activate the account:", "Accept the invitation", link, role);

    public void QueuePasswordReset(PortalUser user, string link) =>
        Queue(user, "Reset your GrantPortal password", "Hello, {0}! Someone asked to reset your GrantPortal password. If it was you, choose a new one:", "Choose a new password", link);

    private void Queue(PortalUser user, string subject, string greeting, string button, string link, string? role = null)
    {
        using var _ = new CultureScope(user.PreferredCulture);
        var encoder = HtmlEncoder.Default;
        var body =
            $"<p>{encoder.Encode(l[greeting, user.FullName, role is null ? "" : l[role]])}</p>" +
            $"<p><a href=\"{encoder.Encode(link)}\">{encoder.Encode(l[button])}</a></p>" +
            $"<p>{encoder.Encode(l["If you did not expect this e-mail, ignore it."])}</p>";
        outbox.Queue(user.Email!, l[subject], body);
    }
}
