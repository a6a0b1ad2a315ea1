namespace GrantPortal.Web.Infrastructure.Email;

public static class EmailExtensions
{
    public static void AddPortalEmail(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<EmailOptions>(builder.Configuration.GetSection(EmailOptions.Section));
        builder.Services.AddScoped<EmailOutbox>();
        builder.Services.AddHostedService<OutboxEmailSender>();
    }
}
