using GrantPortal.Web.Data;
using GrantPortal.Web.Data.Configurations;
using GrantPortal.Web.Domain;
using GrantPortal.Web.Infrastructure.Database;
using GrantPortal.Web.Infrastructure.Localization;
using GrantPortal.Web.Infrastructure.Web;
using GrantPortal.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace GrantPortal.Web.Features.Applications;

/// <summary>
/// The filters of the officers' list as the query string carries them, so a filtered page can be bookmarked, shared
/// and paged. Everything is text here: the list reads it and says what it could not use, rather than failing.
/// </summary>
public sealed class CallApplicationFilter
{
    public const string Newest = "newest";
    public const string LargestAmount = "amount-desc";
    public const string SmallestAmount = "amount-asc";

    public string? Status { get; set; }

    public string? Region { get; set; }

    public string? Sector { get; set; }

    /// <summary>Requested grant from, in roubles, as typed: "1 000 000,00".</summary>
    public string? From { get; set; }

    public string? To { get; set; }

    /// <summary>Part of the number or of the title.</summary>
    public string? Q { get; set; }

    public string? Sort { get; set; }

    public int? Page { get; set; }

    /// <summary>The query string of this filter on another page, for links; empty values are left out.</summary>
    public Dictionary<string, string> RouteValues(int? page = null) => Values(Status, page);

    /// <summary>The query string of this filter on another status (null: any), from its first page.</summary>
    public Dictionary<string, string> RouteValuesForStatus(string? status) => Values(status, null);

    private Dictionary<string, string> Values(string? status, int? page)
    {
        var values = new Dictionary<string, string?>
        {
            ["status"] = status,
            ["region"] = Region,
            ["sector"] = Sector,
            ["from"] = From,
            ["to"] = To,
            ["q"] = Q,
            ["sort"] = Sort is Newest ? null : Sort,
            ["page"] = page is null or 1 ? null : page.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return values.Where(v => !string.IsNullOrWhiteSpace(v.Value)).ToDictionary(v => v.Key, v => v.Value!.Trim());
    }
}

/// <param name="State">The state's id; <see cref="CallApplicationPage.StateName"/> gives its name.</param>
public sealed record CallApplicationRow(
    Guid Id, string? Number, string Title, Guid CompanyId, string CompanyName, string? RegionCode, Sector? Sector, decimal RequestedGrant, string State, DateTime SubmittedAt);

public sealed record StateCount(string State, string Name, int Count);

/// <param name="Counts">Every state an officer can filter by, in the workflow's order, with the call's count in it.</param>
/// <param name="Errors">Filters that could not be used, already localized; the list is shown without them.</param>
/// <param name="TotalIsCapped">
/// More than <see cref="CallApplicationList.CountLimit"/> match (<see cref="CallApplicationList.SearchCountLimit"/> for a
/// search): <paramref name="Total"/> is that limit.
/// </param>
public sealed record CallApplicationPage(
    GrantCall Call,
    CallApplicationFilter Filter,
    IReadOnlyList<FormError> Errors,
    IReadOnlyList<StateCount> Counts,
    IReadOnlyList<CallApplicationRow> Rows,
    int Total,
    bool TotalIsCapped,
    int Page,
    int PageCount)
{
    public int AllSubmitted => Counts.Sum(c => c.Count);

    public string StateName(string state) => Counts.FirstOrDefault(c => c.State == state)?.Name ?? state;
}

/// <summary>
/// The officers' list of a call's applications: those ever submitted (a draft never submitted is the applicant's
/// own work, and stays theirs even when the call's closing withdraws it), filtered by state, region, sector, amount
/// and text, newest first or by amount, fifty a page, with the call's count per state.
/// </summary>
/// <remarks>
/// Its cost stays that of one page however many applications a call has. Everything it filters on is a column of
/// Applications (the state and region are copied there, see <see cref="ApplicationListCopy"/>), so each query reads
/// one table through one of its indexes (0008, 0017): a state or region filter goes by (call, state|region, submission),
/// the amount by (call, amount), no filter or the sector walks (call, submission) from the newest end and stops after
/// a page; the index alone gives the page's ids, and only those fifty rows are read. The counts per state are read from ApplicationStateCounts (kept by a trigger), and they give the total
/// when nothing but the state filters; any other filter is counted only up to <see cref="CountLimit"/>, from the
/// indexes alone (each holds the other filters' columns). A search by part of the title or number is counted up to
/// <see cref="SearchCountLimit"/>: a common word from the (call, submission) index, which holds the titles; a rare one
/// from the trigram indexes, whose cost grows with the programme but stays small, as the matches are few.
/// </remarks>
public sealed class CallApplicationList(PortalDbContext db, WorkflowCatalog catalog, IStringLocalizer<SharedResource> l)
{
    public const int PageSize = 50;

    /// <summary>How far a filtered list is counted: beyond it the page says "more than" and pages up to it.</summary>
    public const int CountLimit = 1_000;

    /// <summary>
    /// How far a search by part of the title or number is counted. A common word (a tenth of the call) is counted to
    /// 200 by walking about 2,000 entries of the call's index, where counting to 1,000 would walk 10,000 or read the
    /// trigram index's matches in every call. A search matching more than 200 is one to refine, not to page through.
    /// </summary>
    public const int SearchCountLimit = 200;

    /// <returns>Null when there is no such call.</returns>
    public async Task<CallApplicationPage?> LoadAsync(Guid callId, CallApplicationFilter filter, CancellationToken cancellationToken)
    {
        var call = await db.Calls.AsNoTracking().SingleOrDefaultAsync(c => c.Id == callId, cancellationToken);
        if (call is null)
        {
            return null;
        }

        var submitted = db.Applications.AsNoTracking().Where(a => a.CallId == callId && a.SubmittedAt != null);
        var perState = await db.ApplicationStateCounts.Where(c => c.CallId == callId && c.Count > 0)
            .ToDictionaryAsync(c => c.State, c => c.Count, cancellationToken);
        var names = catalog.StateNames(LocalizationExtensions.CurrentLanguage);
        var counts = names.Where(n => n.Id != ApplicationWorkflowSteps.Draft)
            .Select(n => new StateCount(n.Id, n.Name, perState.GetValueOrDefault(n.Id)))
            // States of an older version of the workflow that the newest no longer has.
            .Concat(perState.Where(p => names.All(n => n.Id != p.Key)).Select(p => new StateCount(p.Key, p.Key, p.Value)))
            .ToList();

        var errors = new List<FormError>();
        var (query, narrowed) = Filter(submitted, filter, counts, errors);
        // Filtered by the state alone, or not at all: the counts already say how many there are. Otherwise counting
        // stops at a limit, so that a filter matching thousands costs what one matching the limit does.
        var limit = filter.Q is null ? CountLimit : SearchCountLimit;
        var total = narrowed
            ? await query.Take(limit + 1).CountAsync(cancellationToken)
            : counts.Where(c => filter.Status is null || c.State == filter.Status).Sum(c => c.Count);
        var capped = narrowed && total > limit;
        if (capped)
        {
            total = limit;
        }

        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        var page = Math.Clamp(filter.Page ?? 1, 1, pageCount);
        // The page's ids first, from an index alone (each the list walks holds every filtered column), then only their rows.
        var pageIds = Sorted(query, filter.Sort).Skip((page - 1) * PageSize).Take(PageSize).Select(a => a.Id);
        var rows = await Sorted(db.Applications.AsNoTracking().Where(a => pageIds.Contains(a.Id)), filter.Sort)
            .Select(a => new CallApplicationRow(
                a.Id, a.Number, a.Title, a.CompanyId, "", a.RegionCode, a.Sector, a.RequestedGrant, a.State, a.SubmittedAt!.Value))
            .ToListAsync(cancellationToken);
        // The page's companies by their keys: joined in the page's query, the planner would hash every company (or,
        // as a subquery, look one up for every row skipped before the page).
        var companyIds = rows.Select(r => r.CompanyId).Distinct().ToList();
        var companies = await db.Companies.Where(c => companyIds.Contains(c.Id)).Select(c => new { c.Id, c.LegalName })
            .ToDictionaryAsync(c => c.Id, c => c.LegalName, cancellationToken);
        rows = [.. rows.Select(r => r with { CompanyName = companies.GetValueOrDefault(r.CompanyId, "") })];
        return new CallApplicationPage(call, filter, errors, counts, rows, total, capped, page, pageCount);
    }

    /// <returns>The query filtered, and whether anything but the state narrowed it.</returns>
    private (IQueryable<GrantApplication> Query, bool Narrowed) Filter(
        IQueryable<GrantApplication> query, CallApplicationFilter filter, IReadOnlyList<StateCount> states, List<FormError> errors)
    {
        var narrowed = false;
        filter.Status = Blank(filter.Status);
        if (filter.Status is { } status)
        {
            if (states.Any(s => s.State == status))
            {
                query = query.Where(a => a.State == status);
            }
            else
            {
                errors.Add(new FormError("status", l["There is no such status; the list shows every status."]));
                filter.Status = null;
            }
        }

        filter.Region = Blank(filter.Region);
        if (filter.Region is { } region)
        {
            if (RussianRegions.Find(region) is { } known)
            {
                query = query.Where(a => a.RegionCode == known.Code);
                narrowed = true;
            }
            else
            {
                errors.Add(new FormError("region", l["There is no such region; the list shows every region."]));
                filter.Region = null;
            }
        }

        filter.Sector = Blank(filter.Sector);
        if (filter.Sector is { } sectorText)
        {
            if (Enum.GetValues<Sector>().Where(s => s.ToString().Equals(sectorText, StringComparison.OrdinalIgnoreCase)).Cast<Sector?>().FirstOrDefault() is { } sector)
            {
                query = query.Where(a => a.Sector == sector);
                narrowed = true;
            }
            else
            {
                errors.Add(new FormError("sector", l["There is no such sector; the list shows every sector."]));
                filter.Sector = null;
            }
        }

        var from = AmountText.Read(filter.From, "from", errors, l);
        var to = AmountText.Read(filter.To, "to", errors, l);
        if (from is { } min)
        {
            query = query.Where(a => a.RequestedGrant >= min);
            narrowed = true;
        }

        if (to is { } max)
        {
            query = query.Where(a => a.RequestedGrant <= max);
            narrowed = true;
        }

        if (from > to)
        {
            errors.Add(new FormError("to", l["The amount 'to' is smaller than the amount 'from': no application can match."]));
        }

        filter.Q = Blank(filter.Q);
        if (filter.Q is { } text)
        {
            var pattern = LikePattern.Containing(text);
            var lowercase = LikePattern.Containing(text.ToLowerInvariant());
            query = query.Where(a => EF.Functions.Like(EF.Property<string>(a, GrantApplicationEntityTypeConfiguration.TitleLowercase), lowercase, LikePattern.Escape)
                || EF.Functions.ILike(a.Number!, pattern, LikePattern.Escape));
            narrowed = true;
        }

        return (query, narrowed);
    }

    private static IQueryable<GrantApplication> Sorted(IQueryable<GrantApplication> query, string? sort) => sort switch
    {
        CallApplicationFilter.LargestAmount => query.OrderByDescending(a => a.RequestedGrant).ThenByDescending(a => a.SubmittedAt).ThenBy(a => a.Id),
        CallApplicationFilter.SmallestAmount => query.OrderBy(a => a.RequestedGrant).ThenByDescending(a => a.SubmittedAt).ThenBy(a => a.Id),
        _ => query.OrderByDescending(a => a.SubmittedAt).ThenBy(a => a.Id),
    };

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
