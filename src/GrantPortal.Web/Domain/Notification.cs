namespace GrantPortal.Web.Domain;

/// <summary>The events that concern someone. Each person chooses, per kind, how its news reaches them.</summary>
public enum NotificationKind
{
    /// <summary>An application was submitted or resubmitted (the company; officers on resubmission).</summary>
    Submitted,

    /// <summary>An application was returned to the company for revision.</summary>
    Returned,

    /// <summary>A review was offered to an expert, or reopened.</summary>
    Assigned,

    /// <summary>An expert's review is due soon, or due now.</summary>
    ReviewReminder,

    /// <summary>A review is past its due date (officers).</summary>
    ReviewOverdue,

    /// <summary>An expert declined an assignment (officers).</summary>
    ExpertDeclined,

    /// <summary>The experts' scores differ by more than the call allows (officers).</summary>
    ScoresDiverged,

    /// <summary>A decision was made on an application.</summary>
    Decided,

    /// <summary>The decision document (PDF) can be downloaded.</summary>
    DecisionPdfReady,

    /// <summary>Any other move of an application: withdrawn, the call closed on a draft, reviews complete.</summary>
    StatusChanged,
}

/// <summary>How a kind of notification reaches a person besides the bell, which always shows it.</summary>
public enum NotificationChannel
{
    /// <summary>An e-mail at once, for each notification.</summary>
    Immediate,

    /// <summary>One e-mail a day gathering what is still unread.</summary>
    Digest,

    /// <summary>No e-mail: the bell only.</summary>
    InAppOnly,
}

/// <summary>
/// News for one person, written in their language when it happened. Always shown under the bell; also e-mailed at
/// once or in the daily digest, as the person chose for its kind when it was written.
/// </summary>
public sealed class Notification
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public NotificationKind Kind { get; set; }

    public string Subject { get; set; } = "";

    /// <summary>Paragraphs separated by line breaks; may be empty when the subject says it all.</summary>
    public string Text { get; set; } = "";

    /// <summary>The page it is about, as a path on the portal ("/applications/…").</summary>
    public string? Link { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? ReadAt { get; set; }

    /// <summary>The recipient's choice for this kind at the time it was written.</summary>
    public NotificationChannel Channel { get; set; }

    /// <summary>When an e-mail carrying it was queued (at once, or in a digest); a digest skips what was read before it.</summary>
    public DateTime? EmailedAt { get; set; }
}

/// <summary>A person's choice for one kind of notification; without a row the kind's default applies.</summary>
public sealed class NotificationPreference
{
    public Guid UserId { get; set; }

    public NotificationKind Kind { get; set; }

    public NotificationChannel Channel { get; set; }

    /// <summary>
    /// What a person gets before choosing: at once what asks them to act or settles something (a return, an
    /// assignment, a decision, a diverging score, a declined expert, a submission, an overdue review); in the digest
    /// what merely informs or nags (reminders, which come two days ahead, and other changes of status).
    /// </summary>
    public static NotificationChannel DefaultFor(NotificationKind kind) => kind switch
    {
        NotificationKind.ReviewReminder or NotificationKind.StatusChanged => NotificationChannel.Digest,
        _ => NotificationChannel.Immediate,
    };

    /// <summary>The kinds that can reach a person with these roles (admins see every kind).</summary>
    public static IReadOnlyList<NotificationKind> KindsFor(IEnumerable<string> roles)
    {
        var set = roles.ToHashSet();
        return set.Contains(Roles.Admin) || set.Count == 0
            ? Enum.GetValues<NotificationKind>()
            : Enum.GetValues<NotificationKind>().Where(k => RolesOf(k).Any(set.Contains)).ToList();
    }

    private static string[] RolesOf(NotificationKind kind) => kind switch
    {
        NotificationKind.Returned => [Roles.Applicant],
        NotificationKind.Assigned or NotificationKind.ReviewReminder => [Roles.Expert],
        NotificationKind.ReviewOverdue or NotificationKind.ExpertDeclined or NotificationKind.ScoresDiverged => [Roles.Officer],
        _ => [Roles.Applicant, Roles.Officer],
    };
}
