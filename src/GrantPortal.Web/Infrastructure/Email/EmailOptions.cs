namespace GrantPortal.Web.Infrastructure.Email;

public sealed class EmailOptions
{
    public const string Section = "Email";

    public string From { get; set; } = "GrantPortal <no-reply@grantportal.test>";

    /// <summary>SMTP server; when empty, mail goes to <see cref="PickupDirectory"/> or stays in the outbox.</summary>
    public string? SmtpHost { get; set; }

    public int SmtpPort { get; set; } = 587;

    public bool SmtpEnableSsl { get; set; } = true;

    public string? SmtpUserName { get; set; }

    public string? SmtpPassword { get; set; }

    /// <summary>A folder that receives each e-mail as an .eml file named by its outbox id (Development's default: .data/mail).</summary>
    public string? PickupDirectory { get; set; }

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a sender holds an e-mail it is sending before another sender may take it up.</summary>
    public TimeSpan SendLease { get; set; } = TimeSpan.FromMinutes(5);

    public bool UsesSmtp => !string.IsNullOrWhiteSpace(SmtpHost);

    public bool CanDeliver => UsesSmtp || !string.IsNullOrWhiteSpace(PickupDirectory);
}
