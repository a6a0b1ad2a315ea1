namespace GrantPortal.Web.Domain;

/// <summary>
/// An e-mail waiting to be sent (or sent). Written in the same transaction as the change that causes it, so an
/// e-mail is never lost when the process dies; in Development the outbox page shows them instead of an SMTP server.
/// </summary>
public sealed class OutboxEmail
{
    public Guid Id { get; set; }

    public string To { get; set; } = "";

    public string Subject { get; set; } = "";

    public string HtmlBody { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public DateTime? SentAt { get; set; }

    public int Attempts { get; set; }

    /// <summary>
    /// Not to be tried before then: the end of a sender's lease while it sends, or of the back-off after a failure.
    /// Null when never tried.
    /// </summary>
    public DateTime? NextAttemptAt { get; set; }

    public string? LastError { get; set; }
}
