using System.Net;
using System.Net.Mail;
using GrantPortal.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GrantPortal.Web.Infrastructure.Email;

/// <summary>
/// Delivers queued e-mail through SMTP or into a pickup folder. Rows are claimed with FOR UPDATE SKIP LOCKED, so
/// several app instances never pick the same e-mail; a failure is recorded and retried on a later pass.
/// </summary>
internal sealed class OutboxEmailSender(
    IServiceScopeFactory scopes, IOptions<EmailOptions> options, TimeProvider clock, ILogger<OutboxEmailSender> logger)
    : BackgroundService
{
    private const int MaxAttempts = 10;
    private const int BatchSize = 20;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (settings.SmtpHost is null && settings.PickupDirectory is null)
        {
            logger.LogInformation("No SMTP server or pickup folder is configured: e-mail stays in the outbox");
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SendBatchAsync(settings, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Sending queued e-mail failed; will try again");
            }

            await Task.Delay(settings.PollInterval, clock, stoppingToken);
        }
    }

    private async Task SendBatchAsync(EmailOptions settings, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var batch = await db.OutboxEmails
            .FromSql($"""
                SELECT * FROM "OutboxEmails" WHERE "SentAt" IS NULL AND "Attempts" < {MaxAttempts}
                ORDER BY "CreatedAt" LIMIT {BatchSize} FOR UPDATE SKIP LOCKED
                """)
            .ToListAsync(cancellationToken);
        if (batch.Count == 0)
        {
            return;
        }

        using var smtp = CreateClient(settings);
        foreach (var email in batch)
        {
            email.Attempts++;
            try
            {
                using var message = new MailMessage(settings.From, email.To, email.Subject, email.HtmlBody) { IsBodyHtml = true };
                await smtp.SendMailAsync(message, cancellationToken);
                email.SentAt = clock.GetUtcNow().UtcDateTime;
                email.LastError = null;
            }
            catch (SmtpException e)
            {
                email.LastError = e.Message;
                logger.LogWarning(e, "E-mail {EmailId} to {To} failed (attempt {Attempt})", email.Id, email.To, email.Attempts);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static SmtpClient CreateClient(EmailOptions settings)
    {
        if (settings.SmtpHost is null)
        {
            Directory.CreateDirectory(settings.PickupDirectory!);
            return new SmtpClient
            {
                DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory,
                PickupDirectoryLocation = Path.GetFullPath(settings.PickupDirectory!),
            };
        }

        var client = new SmtpClient(settings.SmtpHost, settings.SmtpPort) { EnableSsl = settings.SmtpEnableSsl };
        if (settings.SmtpUserName is not null)
        {
            client.Credentials = new NetworkCredential(settings.SmtpUserName, settings.SmtpPassword);
        }

        return client;
    }
}
