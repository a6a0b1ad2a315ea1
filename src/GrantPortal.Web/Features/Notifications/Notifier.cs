using GrantPortal.Web.Data;
using GrantPortal.Web.Domain;
using GrantPortal.Web.Infrastructure.Email;
using GrantPortal.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GrantPortal.Web.Features.Notifications;

/// <summary>What one person is told, already in their language.</summary>
/// <param name="Text">Paragraphs separated by line breaks; empty when the subject says it all.</param>
/// <param name="Link">The page it is about, as a path on the portal ("/applications/…").</param>
/// <param name="LinkLabel">The e-mail's link text, e.g. "Open the application".</param>
public sealed record NotificationMessage(string Subject, string Text, string? Link, string LinkLabel);

/// <summary>
/// Tells people about an event, each in their own language: always under the bell, and by e-mail as each chose for
/// the kind (at once, in the daily digest, or not at all). Everything is added to the caller's unit of work, so the
/// notifications and their e-mails commit (or vanish) with the change that caused them.
/// </summary>
public sealed class Notifier(PortalDbContext db, EmailOutbox outbox, NotificationEmails emails, UserManager<PortalUser> users, TimeProvider clock)
{
    /// <param name="message">Called once per recipient, inside the recipient's language.</param>
    public async Task NotifyAsync(IReadOnlyCollection<PortalUser> recipients, NotificationKind kind, Func<PortalUser, NotificationMessage> message, CancellationToken cancellationToken)
    {
        var ids = recipients.Select(u => u.Id).ToList();
        var chosen = await db.NotificationPreferences.AsNoTracking()
            .Where(p => p.Kind == kind && ids.Contains(p.UserId))
            .ToDictionaryAsync(p => p.UserId, p => p.Channel, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var recipient in recipients.DistinctBy(u => u.Id))
        {
            using var _ = new CultureScope(recipient.PreferredCulture);
            var written = message(recipient);
            var notification = new Notification
            {
                Id = Guid.CreateVersion7(),
                UserId = recipient.Id,
                Kind = kind,
                Subject = Clip(written.Subject, 500),
                Text = Clip(written.Text, 4000),
                Link = written.Link,
                CreatedAt = now,
                Channel = chosen.GetValueOrDefault(recipient.Id, NotificationPreference.DefaultFor(kind)),
            };
            if (notification.Channel == NotificationChannel.Immediate && !string.IsNullOrEmpty(recipient.Email))
            {
                var (subject, body) = emails.Single(notification, written.LinkLabel);
                outbox.Queue(recipient.Email, subject, body);
                notification.EmailedAt = now;
            }

            db.Notifications.Add(notification);
        }
    }

    public async Task NotifyAsync(IEnumerable<Guid> userIds, NotificationKind kind, Func<PortalUser, NotificationMessage> message, CancellationToken cancellationToken)
    {
        var ids = userIds.ToList();
        await NotifyAsync(await db.Users.Where(u => ids.Contains(u.Id)).ToListAsync(cancellationToken), kind, message, cancellationToken);
    }

    /// <summary>Every confirmed account of the company.</summary>
    public async Task NotifyCompanyAsync(Guid companyId, NotificationKind kind, Func<PortalUser, NotificationMessage> message, CancellationToken cancellationToken) =>
        await NotifyAsync(await db.Users.Where(u => u.CompanyId == companyId && u.EmailConfirmed).ToListAsync(cancellationToken), kind, message, cancellationToken);

    public async Task NotifyOfficersAsync(NotificationKind kind, Func<PortalUser, NotificationMessage> message, CancellationToken cancellationToken) =>
        await NotifyAsync([.. await users.GetUsersInRoleAsync(Roles.Officer)], kind, message, cancellationToken);

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
