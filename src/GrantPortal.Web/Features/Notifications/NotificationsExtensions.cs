namespace GrantPortal.Web.Features.Notifications;

public static class NotificationsExtensions
{
    public static void AddPortalNotifications(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<NotificationEmails>();
        builder.Services.AddScoped<Notifier>();
        builder.Services.AddScoped<NotificationDigest>();
        builder.Services.AddScoped<NotificationList>();
        builder.Services.AddScoped<NotificationSettings>();
    }
}
