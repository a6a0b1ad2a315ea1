using System.Security.Claims;
using GrantPortal.Web.Data;
using GrantPortal.Web.Domain;
using GrantPortal.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace GrantPortal.Web.Features.Notifications;

/// <summary>One row of the settings page: a kind that can reach this person, and how it does now.</summary>
public sealed record NotificationSetting(NotificationKind Kind, NotificationChannel Channel);

public sealed record NotificationSettingsPage(IReadOnlyList<NotificationSetting> Settings, TimeOnly DigestTime);

/// <summary>
/// Each person chooses, per kind of notification that can reach them (by their roles), an e-mail at once, the daily
/// digest, or the bell only. Kinds never chosen follow <see cref="NotificationPreference.DefaultFor"/>.
/// </summary>
public sealed class NotificationSettings(PortalDbContext db, IConfiguration configuration, IStringLocalizer<SharedResource> l)
{
    /// <summary>The name of a kind on the settings page (English key of the shared resource).</summary>
    public static string Label(NotificationKind kind) => kind switch
    {
        NotificationKind.Submitted => "An application is submitted",
        NotificationKind.Returned => "An application is returned for revision",
        NotificationKind.Assigned => "A review is offered to me or reopened",
        NotificationKind.ReviewReminder => "Reminders of review due dates",
        NotificationKind.ReviewOverdue => "A review is overdue",
        NotificationKind.ExpertDeclined => "An expert declines a review",
        NotificationKind.ScoresDiverged => "The experts' scores diverge",
        NotificationKind.Decided => "A decision is made",
        NotificationKind.DecisionPdfReady => "The decision document is ready",
        NotificationKind.StatusChanged => "Other changes of an application's status",
        _ => kind.ToString(),
    };

    public static string Label(NotificationChannel channel) => channel switch
    {
        NotificationChannel.Immediate => "E-mail at once",
        NotificationChannel.Digest => "Daily digest",
        NotificationChannel.InAppOnly => "Only in the portal",
        _ => channel.ToString(),
    };

    public async Task<NotificationSettingsPage> LoadAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = IdOf(user);
        var chosen = await db.NotificationPreferences.AsNoTracking().Where(p => p.UserId == userId).ToDictionaryAsync(p => p.Kind, p => p.Channel, cancellationToken);
        return new NotificationSettingsPage(
            [.. KindsOf(user).Select(k => new NotificationSetting(k, chosen.GetValueOrDefault(k, NotificationPreference.DefaultFor(k))))],
            configuration.GetValue(NotificationDigest.TimeSetting, NotificationDigest.DefaultTime));
    }

    /// <param name="choices">Kind name to channel name, as the form posts them (choices[Submitted]=Digest).</param>
    /// <returns>The problems, by field; none means saved.</returns>
    public async Task<IReadOnlyList<FormError>> SaveAsync(ClaimsPrincipal user, IReadOnlyDictionary<string, string> choices, CancellationToken cancellationToken)
    {
        var kinds = KindsOf(user);
        var errors = choices.Keys.Where(k => !kinds.Any(kind => kind.ToString() == k))
            .Select(_ => FormError.ForForm(l["The form names a kind of notification that does not exist. Reload the page."]))
            .Take(1)
            .ToList();
        var parsed = new List<NotificationSetting>();
        foreach (var kind in kinds)
        {
            if (choices.TryGetValue(kind.ToString(), out var value) && Enum.GetNames<NotificationChannel>().Contains(value))
            {
                parsed.Add(new NotificationSetting(kind, Enum.Parse<NotificationChannel>(value)));
            }
            else
            {
                errors.Add(new FormError($"choices[{kind}]", l["Choose how to receive: {0}.", l[Label(kind)]]));
            }
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        // An upsert per kind: two tabs saving at once both succeed, the later one wins.
        var userId = IdOf(user);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var setting in parsed)
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "NotificationPreferences" ("UserId", "Kind", "Channel") VALUES ({userId}, {setting.Kind.ToString()}, {setting.Channel.ToString()})
                ON CONFLICT ("UserId", "Kind") DO UPDATE SET "Channel" = EXCLUDED."Channel"
                """, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return [];
    }

    private static IReadOnlyList<NotificationKind> KindsOf(ClaimsPrincipal user) =>
        NotificationPreference.KindsFor(Roles.All.Where(user.IsInRole));

    private static Guid IdOf(ClaimsPrincipal user) => Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!);
}
