using GrantPortal.Web.Data;
using GrantPortal.Web.Data.Configurations;
using GrantPortal.Web.Domain;
using GrantPortal.Web.Infrastructure.Email;
using GrantPortal.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace GrantPortal.Web.Features.Notifications;

/// <summary>
/// The daily digest: for each person, one e-mail with their notifications of the kinds they chose to get by digest
/// that are still unread and not e-mailed. Each person's rows are claimed with FOR UPDATE SKIP LOCKED and marked in
/// the transaction that queues the e-mail, so a digest goes out once however often, and on however many app
/// instances, this runs; what was read under the bell before the digest is not e-mailed.
/// </summary>
public sealed class NotificationDigest(PortalDbContext db, EmailOutbox outbox, NotificationEmails emails, TimeProvider clock, ILogger<NotificationDigest> logger)
{
    public const string TimeSetting = "Notifications:DigestTime";

    /// <summary>Moscow time.</summary>
    public static readonly TimeOnly DefaultTime = new(8, 0);

    /// <returns>How many digests were queued.</returns>
    public async Task<int> SendAsync(CancellationToken cancellationToken)
    {
        var people = await db.Notifications
            .Where(n => n.Channel == NotificationChannel.Digest && n.EmailedAt == null && n.ReadAt == null)
            .Select(n => n.UserId)
            .Distinct()
            .ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var userId in people)
        {
            sent += await SendToAsync(userId, cancellationToken) ? 1 : 0;
            db.ChangeTracker.Clear();
        }

        if (sent > 0)
        {
            logger.LogInformation("Queued {Count} notification digests", sent);
        }

        return sent;
    }

    private async Task<bool> SendToAsync(Guid userId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var items = await db.Notifications
            .FromSqlRaw(
                $"SELECT * FROM \"Notifications\" WHERE \"UserId\" = {{0}} AND {NotificationEntityTypeConfiguration.DigestPendingFilter} ORDER BY \"CreatedAt\" FOR UPDATE SKIP LOCKED",
                userId)
            .ToListAsync(cancellationToken);
        var recipient = await db.Users.SingleAsync(u => u.Id == userId, cancellationToken);
        if (items.Count == 0 || string.IsNullOrEmpty(recipient.Email))
        {
            return false; // another node has them, or has just sent them
        }

        using (new CultureScope(recipient.PreferredCulture))
        {
            var (subject, body) = emails.Digest(items);
            outbox.Queue(recipient.Email, subject, body);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var item in items)
        {
            item.EmailedAt = now;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}

/// <summary>Runs the digest once a day (<see cref="NotificationDigest.TimeSetting"/>, Moscow time) on one node of the cluster.</summary>
[DisallowConcurrentExecution]
internal sealed class NotificationDigestJob(NotificationDigest digest) : IJob
{
    public static readonly JobKey Key = new("notification-digest");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await digest.SendAsync(cancellationToken);
}
