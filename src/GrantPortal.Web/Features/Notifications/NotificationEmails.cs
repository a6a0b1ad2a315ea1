using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using GrantPortal.Web.Domain;
using GrantPortal.Web.Infrastructure.Localization;
using GrantPortal.Web.Infrastructure.Web;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace GrantPortal.Web.Features.Notifications;

/// <summary>The e-mails that carry notifications: one at once, or the day's digest. Written in the current culture.</summary>
public sealed class NotificationEmails(IStringLocalizer<SharedResource> l, IOptions<PortalOptions> options)
{
    /// <summary>At most this many items are written out in one digest; the rest are counted and wait on the portal.</summary>
    public const int DigestItems = 50;

    // Cyrillic as itself rather than as numeric entities: the e-mail is UTF-8, and readable in its source.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public (string Subject, string HtmlBody) Single(Notification notification, string linkLabel)
    {
        var body = new StringBuilder();
        foreach (var paragraph in Paragraphs(notification.Text.Length > 0 ? notification.Text : notification.Subject))
        {
            body.Append($"<p>{Encoder.Encode(paragraph)}</p>");
        }

        if (notification.Link is not null)
        {
            body.Append($"<p>{Anchor(notification.Link, linkLabel)}</p>");
        }

        return (notification.Subject, body.Append(Footer()).ToString());
    }

    /// <param name="notifications">Oldest first.</param>
    public (string Subject, string HtmlBody) Digest(IReadOnlyList<Notification> notifications)
    {
        var body = new StringBuilder($"<p>{Encoder.Encode(l["What happened on GrantPortal since the last digest:"])}</p><ul>");
        foreach (var notification in notifications.Take(DigestItems))
        {
            var subject = notification.Link is null ? Encoder.Encode(notification.Subject) : Anchor(notification.Link, notification.Subject);
            body.Append($"<li><p><strong>{subject}</strong> <small>{Encoder.Encode(Formats.MoscowTime(notification.CreatedAt))}</small></p>");
            foreach (var paragraph in Paragraphs(notification.Text))
            {
                body.Append($"<p>{Encoder.Encode(paragraph)}</p>");
            }

            body.Append("</li>");
        }

        body.Append("</ul>");
        if (notifications.Count > DigestItems)
        {
            body.Append($"<p>{Encoder.Encode(l["And {0} more: see them all on the portal.", notifications.Count - DigestItems])} {Anchor("/notifications", l["Notifications"])}</p>");
        }

        return (l["GrantPortal: {0} new notifications", notifications.Count], body.Append(Footer()).ToString());
    }

    private string Footer() =>
        $"<p><small>{Encoder.Encode(l["You choose which notifications reach you by e-mail, at once or in a daily digest:"])} {Anchor("/notifications/settings", l["open the settings"])}</small></p>";

    private string Anchor(string path, string text) =>
        $"<a href=\"{Encoder.Encode(options.Value.PublicBaseUrl.TrimEnd('/') + path)}\">{Encoder.Encode(text)}</a>";

    private static IEnumerable<string> Paragraphs(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
