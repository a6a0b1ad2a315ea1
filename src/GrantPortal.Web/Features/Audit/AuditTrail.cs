using System.Globalization;
using GrantPortal.Web.Data;
using GrantPortal.Web.Domain;
using GrantPortal.Web.Features.Applications;
using GrantPortal.Web.Infrastructure.Database;
using GrantPortal.Web.Infrastructure.Localization;
using GrantPortal.Web.Infrastructure.Web;
using GrantPortal.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace GrantPortal.Web.Features.Audit;

/// <summary>
/// The filters of the audit page as the query string carries them, all text: the page says what it could not use
/// rather than failing. Days are Moscow calendar days, both ends included.
/// </summary>
public sealed class AuditFilter
{
    public string? Kind { get; set; }

    /// <summary>Part of the actor's name or e-mail.</summary>
    public string? Actor { get; set; }

    /// <summary>The subject's id, or an application's number, or an account's e-mail.</summary>
    public string? Subject { get; set; }

    /// <summary>"2026-12-01" (as a date field sends it) or "01.12.2026".</summary>
    public string? From { get; set; }

    public string? To { get; set; }

    public int? Page { get; set; }

    /// <summary>The query string of this filter on another page; empty values are left out.</summary>
    public Dictionary<string, string> RouteValues(int page)
    {
        var values = new Dictionary<string, string?>
        {
            ["kind"] = Kind, ["actor"] = Actor, ["subject"] = Subject, ["from"] = From, ["to"] = To,
            ["page"] = page == 1 ? null : page.ToString(CultureInfo.InvariantCulture),
        };
        return values.Where(v => !string.IsNullOrWhiteSpace(v.Value)).ToDictionary(v => v.Key, v => v.Value!.Trim());
    }
}

/// <param name="Summary">What happened, in the reader's language.</param>
/// <param name="SubjectLink">Where the subject is shown: "application" or "user"; null when it has no page.</param>
public sealed record AuditRow(
    long Sequence, DateTime At, string ActorName, string? ActorEmail, AuditKind Kind, string SubjectId, string? SubjectLink, string Summary);

public sealed record AuditPage(AuditFilter Filter, IReadOnlyList<FormError> Errors, IReadOnlyList<AuditRow> Rows, int Page, bool HasNextPage);

/// <summary>
/// The admin's view of the audit trail: newest first, fifty a page, filtered by kind, actor, subject and Moscow days.
/// Kind and subject go by their indexes (with the number, for the order), days by the time index; the actor's text
/// is matched while walking the trail from its newest end, and the walk stops after a page.
/// </summary>
public sealed class AuditTrail(PortalDbContext db, WorkflowCatalog catalog, IStringLocalizer<SharedResource> l)
{
    public const int PageSize = 50;

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "dd.MM.yyyy", "d.M.yyyy"];

    public async Task<AuditPage> LoadAsync(AuditFilter filter, CancellationToken cancellationToken)
    {
        var errors = new List<FormError>();
        var entries = await FilterAsync(db.AuditEntries.AsNoTracking(), filter, errors, cancellationToken);
        var page = Math.Clamp(filter.Page ?? 1, 1, int.MaxValue / PageSize); // a typed-in huge page is empty, not an overflow
        // One row more than a page tells whether there is a next page without counting the whole trail.
        var found = await entries.OrderByDescending(e => e.Sequence)
            .Skip((page - 1) * PageSize).Take(PageSize + 1)
            .ToListAsync(cancellationToken);
        var rows = found.Take(PageSize).Select(Row).ToList();
        return new AuditPage(filter, errors, rows, page, found.Count > PageSize);
    }

    private async Task<IQueryable<AuditEntry>> FilterAsync(
        IQueryable<AuditEntry> entries, AuditFilter filter, List<FormError> errors, CancellationToken cancellationToken)
    {
        filter.Kind = Blank(filter.Kind);
        if (filter.Kind is { } kindText)
        {
            if (Enum.TryParse<AuditKind>(kindText, ignoreCase: true, out var kind) && Enum.IsDefined(kind))
            {
                entries = entries.Where(e => e.Kind == kind);
            }
            else
            {
                errors.Add(new FormError("kind", l["There is no such kind of entry; the list shows every kind."]));
                filter.Kind = null;
            }
        }

        filter.Actor = Blank(filter.Actor);
        if (filter.Actor is { } actor)
        {
            var pattern = LikePattern.Containing(actor);
            entries = entries.Where(e => EF.Functions.ILike(e.ActorName, pattern, LikePattern.Escape) || EF.Functions.ILike(e.ActorEmail!, pattern, LikePattern.Escape));
        }

        filter.Subject = Blank(filter.Subject);
        if (filter.Subject is { } subject)
        {
            var subjectId = await SubjectIdAsync(subject, cancellationToken);
            entries = entries.Where(e => e.SubjectId == subjectId);
        }

        var from = Day(filter.From, "from", errors);
        var to = Day(filter.To, "to", errors);
        if (from is { } first)
        {
            var start = Formats.FromMoscow(first.ToDateTime(TimeOnly.MinValue));
            entries = entries.Where(e => e.At >= start);
        }

        if (to is { } last)
        {
            var end = Formats.FromMoscow(last.AddDays(1).ToDateTime(TimeOnly.MinValue));
            entries = entries.Where(e => e.At < end);
        }

        if (from > to)
        {
            errors.Add(new FormError("to", l["The day 'to' is before the day 'from': no entry can match."]));
        }

        return entries;
    }

    // An id as typed, or what a person knows the subject by: an application's number, an account's e-mail.
    private async Task<string> SubjectIdAsync(string subject, CancellationToken cancellationToken)
    {
        if (Guid.TryParse(subject, out var id))
        {
            return id.ToString();
        }

        var upper = subject.ToUpperInvariant();
        var application = await db.Applications.Where(a => a.Number == upper).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(cancellationToken);
        var user = application is null
            ? await db.Users.Where(u => u.NormalizedEmail == upper).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(cancellationToken)
            : null;
        return (application ?? user)?.ToString() ?? subject;
    }

    private DateOnly? Day(string? text, string field, List<FormError> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        errors.Add(new FormError(field, l["Enter the day as 01.12.2026."]));
        return null;
    }

    private AuditRow Row(AuditEntry entry)
    {
        var details = AuditLog.ReadDetails(entry.Details);
        string Detail(string key) => details.GetValueOrDefault(key) ?? "";
        var language = LocalizationExtensions.CurrentLanguage;
        string State(string state) => catalog.StateName(state, language);
        string RoleNames(string roles) => roles == "" ? l["no role"] : string.Join(", ", roles.Split(',').Select(r => l[r].Value));
        var summary = entry.Kind switch
        {
            AuditKind.StateChanged when details.GetValueOrDefault("from") is null => l["Started in {0}", State(Detail("to"))],
            AuditKind.StateChanged => $"{State(Detail("from"))} → {State(Detail("to"))}",
            AuditKind.DecisionMade when Detail("kind") == nameof(DecisionKind.Approve) =>
                l["Decision {0}: approved, {1}", Detail("number"), decimal.TryParse(Detail("amount"), CultureInfo.InvariantCulture, out var amount) ? Formats.Roubles(amount) : Detail("amount")],
            AuditKind.DecisionMade => l["Decision {0}: rejected", Detail("number")],
            AuditKind.RolesChanged => $"{Detail("email")}: {RoleNames(Detail("from"))} → {RoleNames(Detail("to"))}",
            AuditKind.DocumentDownloaded => Detail("file"),
            AuditKind.DecisionPdfDownloaded => l["Decision {0}", Detail("number")],
            _ => entry.Details,
        };
        var link = entry.Kind switch
        {
            AuditKind.RolesChanged => "user",
            AuditKind.StateChanged when Detail("workflow") != ApplicationWorkflowSteps.WorkflowId => null,
            _ => "application",
        };
        return new AuditRow(entry.Sequence, entry.At, entry.ActorName, entry.ActorEmail, entry.Kind, entry.SubjectId, link, summary);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
