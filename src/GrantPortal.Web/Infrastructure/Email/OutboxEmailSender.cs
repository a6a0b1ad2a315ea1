using System.Net;
using System.Net.Mail;
using System.Text;
using GrantPortal.Web.Data;
using GrantPortal.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;

namespace GrantPortal.Web.Infrastructure.Email;

/// <summary>
/// Delivers queued e-mail through SMTP or into a pickup folder, one e-mail at a time: claim it (a lease, committed),
/// send it, mark it sent (committed). Claims use FOR UPDATE SKIP LOCKED, so senders on several app instances never
/// take the same e-mail while its lease runs; a failure waits an exponential back-off, at most <see cref="MaxAttempts"/> tries.
/// </summary>
/// <remarks>
/// What "never twice" can mean: an SMTP server's "250 OK" and our commit of <c>SentAt</c> are two systems, so one
/// window stays: the process dies (or the database is unreachable) after the server accepted the e-mail and before
/// the mark is stored. The e-mail then keeps its lease's end as its next attempt and the note
/// <see cref="OutcomeUnknown"/>, and is sent again after the lease, with the same Message-ID (fixed per outbox row)
/// so that receiving servers and mail clients that de-duplicate by Message-ID show it once; a pickup file is named by
/// the row's id, so a second delivery overwrites the first. The window is kept to one e-mail and a few milliseconds;
/// it cannot be closed without the receiving side's help. A lease shorter than one SMTP exchange (a stalled server
/// beyond <see cref="EmailOptions.SendLease"/>) opens a second, smaller window; the SMTP timeout is kept below it.
/// </remarks>
internal sealed class OutboxEmailSender(PortalDbContext db, IOptions<EmailOptions> options, TimeProvider clock, ILogger<OutboxEmailSender> logger)
{
    public const int MaxAttempts = 10;

    /// <summary>Left on an e-mail while it is being sent: still there later means the sender stopped mid-way.</summary>
    public const string OutcomeUnknown = "Sending started and did not finish: the e-mail may have been delivered.";

    private static readonly TimeSpan MaxBackOff = TimeSpan.FromHours(1);

    /// <summary>Sends e-mail that is due, oldest first, until none is left or <paramref name="limit"/> were tried.</summary>
    /// <returns>How many were sent.</returns>
    public async Task<int> SendDueAsync(int limit, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.CanDeliver)
        {
            return 0;
        }

        using var smtp = settings.UsesSmtp ? CreateSmtpClient(settings) : null;
        var sent = 0;
        for (var tried = 0; tried < limit && await ClaimNextAsync(settings, cancellationToken) is { } email; tried++)
        {
            try
            {
                await DeliverAsync(smtp, settings, email, cancellationToken);
            }
            catch (Exception e) when (e is SmtpException or IOException or UnauthorizedAccessException or FormatException)
            {
                await RecordFailureAsync(email, e);
                continue;
            }

            // The server has it: store that even if we are being stopped, to keep the window for a resend small.
            email.SentAt = clock.GetUtcNow().UtcDateTime;
            email.NextAttemptAt = null;
            email.LastError = null;
            await db.SaveChangesAsync(CancellationToken.None);
            sent++;
        }

        return sent;
    }

    /// <summary>The Message-ID an outbox row is always sent with, e.g. "&lt;0198…@grantportal.test&gt;".</summary>
    public static string MessageIdOf(Guid emailId, string from) => $"<{emailId:N}@{new MailAddress(from).Host}>";

    private async Task<OutboxEmail?> ClaimNextAsync(EmailOptions settings, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var email = await db.OutboxEmails
            .FromSql($"""
                SELECT * FROM "OutboxEmails"
                WHERE "SentAt" IS NULL AND "Attempts" < {MaxAttempts} AND ("NextAttemptAt" IS NULL OR "NextAttemptAt" <= {now})
                ORDER BY "CreatedAt" LIMIT 1 FOR UPDATE SKIP LOCKED
                """)
            .ToListAsync(cancellationToken) is [var claimed] ? claimed : null;
        if (email is null)
        {
            return null;
        }

        if (email.LastError == OutcomeUnknown)
        {
            logger.LogWarning("E-mail {EmailId} to {To} was being sent when its sender stopped; sending it again with the same Message-ID", email.Id, email.To);
        }

        email.Attempts++;
        email.NextAttemptAt = now + settings.SendLease;
        email.LastError = OutcomeUnknown;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return email;
    }

    private static async Task DeliverAsync(SmtpClient? smtp, EmailOptions settings, OutboxEmail email, CancellationToken cancellationToken)
    {
        using var message = new MailMessage(settings.From, email.To, email.Subject, email.HtmlBody)
        {
            IsBodyHtml = true,
            BodyEncoding = Encoding.UTF8,
            SubjectEncoding = Encoding.UTF8,
        };
        message.Headers.Add("Message-ID", MessageIdOf(email.Id, settings.From));
        if (smtp is not null)
        {
            await smtp.SendMailAsync(message, cancellationToken);
            return;
        }

        // SmtpClient names pickup files at random; it writes into a folder of this e-mail's own and the file then takes
        // the row's id, replacing any earlier delivery of the same row.
        var folder = Path.GetFullPath(settings.PickupDirectory!);
        var staging = Path.Combine(folder, ".sending", email.Id.ToString("N"));
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }

        Directory.CreateDirectory(staging);
        using (var pickup = new SmtpClient { DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory, PickupDirectoryLocation = staging })
        {
            await pickup.SendMailAsync(message, cancellationToken);
        }

        File.Move(Directory.EnumerateFiles(staging).Single(), Path.Combine(folder, $"{email.Id:N}.eml"), overwrite: true);
        Directory.Delete(staging);
    }

    private async Task RecordFailureAsync(OutboxEmail email, Exception error)
    {
        // A malformed address never gets better; anything else (the server, the network, the folder) may.
        var permanent = error is FormatException;
        email.LastError = error.Message;
        email.Attempts = permanent ? MaxAttempts : email.Attempts;
        email.NextAttemptAt = clock.GetUtcNow().UtcDateTime + BackOff(email.Attempts);
        await db.SaveChangesAsync(CancellationToken.None);
        logger.LogWarning(error, "E-mail {EmailId} to {To} failed (attempt {Attempt}{Final})", email.Id, email.To, email.Attempts,
            email.Attempts >= MaxAttempts ? ", giving up" : "");
    }

    /// <summary>30 s after the first failure, doubling, at most an hour: ten tries span about three and a half hours.</summary>
    public static TimeSpan BackOff(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(30 * Math.Pow(2, Math.Max(0, attempts - 1)), MaxBackOff.TotalSeconds));

    private static SmtpClient CreateSmtpClient(EmailOptions settings)
    {
        var client = new SmtpClient(settings.SmtpHost, settings.SmtpPort)
        {
            EnableSsl = settings.SmtpEnableSsl,
            // Below the lease, so that a stalled server fails this attempt before another sender may take the e-mail.
            Timeout = (int)Math.Min(settings.SendLease.TotalMilliseconds / 2, 100_000),
        };
        if (!string.IsNullOrWhiteSpace(settings.SmtpUserName))
        {
            client.Credentials = new NetworkCredential(settings.SmtpUserName, settings.SmtpPassword);
        }

        return client;
    }
}

/// <summary>Runs <see cref="OutboxEmailSender"/> every <see cref="EmailOptions.PollInterval"/>, on one node of the cluster at a time.</summary>
[DisallowConcurrentExecution]
internal sealed class OutboxEmailJob(OutboxEmailSender sender) : IJob
{
    public static readonly JobKey Key = new("outbox-email");

    // A pass stops after this many, so a long queue does not hold one scheduler thread (and its DbContext) for long.
    private const int PerRun = 200;

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await sender.SendDueAsync(PerRun, cancellationToken);
}
