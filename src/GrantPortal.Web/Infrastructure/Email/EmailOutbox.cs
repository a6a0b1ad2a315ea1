using GrantPortal.Web.Data;
using GrantPortal.Web.Domain;

namespace GrantPortal.Web.Infrastructure.Email;

/// <summary>
/// Queues e-mail in the database. The caller's SaveChanges (and so its transaction) commits the e-mail together
/// with the change that caused it; <see cref="OutboxEmailSender"/> delivers it afterwards.
/// </summary>
public sealed class EmailOutbox(PortalDbContext db, TimeProvider clock)
{
    public void Queue(string to, string subject, string htmlBody) =>
        db.OutboxEmails.Add(new OutboxEmail
        {
            Id = Guid.CreateVersion7(),
            To = to,
            Subject = subject,
            HtmlBody = htmlBody,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        });
}
