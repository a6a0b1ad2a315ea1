using System.Net.Mail;

namespace GrantPortal.Web.Infrastructure.Email;

public static class EmailExtensions
{
    /// <summary>
    /// The outbox and its sender (a Quartz job, registered with the other jobs). In Development, with neither an SMTP
    /// server nor a pickup folder configured, e-mail goes to .data/mail so that a person can open it.
    /// </summary>
    public static void AddPortalEmail(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(EmailOptions.Section);
        if (builder.Environment.IsDevelopment() && !(section.Get<EmailOptions>() ?? new EmailOptions()).CanDeliver)
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                [$"{EmailOptions.Section}:{nameof(EmailOptions.PickupDirectory)}"] = Path.Combine(builder.Environment.ContentRootPath, ".data", "mail"),
            });
        }

        builder.Services.AddOptions<EmailOptions>().Bind(section)
            .Validate(o => MailAddress.TryCreate(o.From, out _), "Email:From is not an e-mail address.")
            .Validate(o => o.SendLease >= TimeSpan.FromSeconds(10), "Email:SendLease must be at least ten seconds.")
            .ValidateOnStart();
        builder.Services.AddScoped<EmailOutbox>();
        builder.Services.AddScoped<OutboxEmailSender>();
    }
}
