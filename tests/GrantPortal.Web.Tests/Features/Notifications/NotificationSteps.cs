using GrantPortal.Testing;
using GrantPortal.Web.Data;
using GrantPortal.Web.Domain;
using GrantPortal.Web.Features.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GrantPortal.Web.Tests.Features.Notifications;

internal static class NotificationSteps
{
    /// <summary>Notifies one person <paramref name="count"/> times, as an event of the app would, and commits.</summary>
    public static Task NotifyAsync(PortalAppFactory app, Guid userId, NotificationKind kind, int count = 1, string subject = "Событие") =>
        app.WithServicesAsync(async services =>
        {
            var notifier = services.GetRequiredService<Notifier>();
            for (var i = 1; i <= count; i++)
            {
                var n = i;
                await notifier.NotifyAsync([userId], kind, _ => new NotificationMessage($"{subject} {n}", $"Подробности {n}", "/calls", "Открыть"), CancellationToken.None);
            }

            await services.GetRequiredService<PortalDbContext>().SaveChangesAsync();
        });

    public static Task<List<Notification>> NotificationsOfAsync(PortalAppFactory app, Guid userId) =>
        app.WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => n.UserId == userId).OrderBy(n => n.CreatedAt).ToListAsync());

    public static Task<List<OutboxEmail>> EmailsToAsync(PortalAppFactory app, string email) =>
        app.WithDbAsync(db => db.OutboxEmails.AsNoTracking().Where(e => e.To == email).ToListAsync());

    public static Task ChooseAsync(PortalAppFactory app, Guid userId, NotificationKind kind, NotificationChannel channel) =>
        app.WithDbAsync(async db =>
        {
            db.NotificationPreferences.Add(new NotificationPreference { UserId = userId, Kind = kind, Channel = channel });
            return await db.SaveChangesAsync();
        });
}
