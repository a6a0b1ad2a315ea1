using GrantPortal.Web.Data;
using GrantPortal.Web.Domain;
using GrantPortal.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace GrantPortal.Web.Features.Reviews;

public enum ExpertPoolSort
{
    Name,

    /// <summary>The fewest open reviews first: who is free to take an application.</summary>
    LeastLoaded,

    MostLoaded,
}

/// <summary>The query string of the pool page: all optional.</summary>
public sealed record ExpertPoolQuery(string? Search, Sector? Sector, ExpertPoolSort Sort = ExpertPoolSort.Name);

/// <param name="Open">Offered or accepted: what counts against the expert's limit.</param>
public sealed record ExpertLoad(int Open, int Submitted)
{
    public static readonly ExpertLoad None = new(0, 0);
}

/// <summary>An organisation an expert is tied to, with its name when it is a company registered on the portal.</summary>
public sealed record Affiliation(string Inn, string? CompanyName);

/// <param name="HasProfile">False until an officer or the expert fills the profile: the row shows the defaults.</param>
public sealed record ExpertPoolRow(
    Guid Id, string FullName, string Email, bool HasProfile, IReadOnlyList<Sector> Sectors, string Keywords,
    IReadOnlyList<Affiliation> Affiliations, int MaxOpenReviews, ExpertLoad Load)
{
    public bool AtLimit => Load.Open >= MaxOpenReviews;
}

public sealed record ExpertPoolPage(ExpertPoolQuery Query, IReadOnlyList<ExpertPoolRow> Experts);

/// <summary>
/// The officers' list of everyone in the expert role: their fields, the organisations they are tied to and how loaded
/// they are. The pool is tens to a few hundred people, so it is one page, sorted in memory after the load is counted.
/// </summary>
public sealed class ExpertPoolList(PortalDbContext db)
{
    public async Task<ExpertPoolPage> LoadAsync(ExpertPoolQuery query, CancellationToken cancellationToken)
    {
        var expertRole = db.Roles.Where(r => r.Name == Roles.Expert).Select(r => r.Id);
        var experts =
            from u in db.Users.AsNoTracking()
            where db.UserRoles.Any(ur => ur.UserId == u.Id && expertRole.Contains(ur.RoleId))
            join p in db.ExpertProfiles.AsNoTracking() on u.Id equals p.UserId into profiles
            from p in profiles.DefaultIfEmpty()
            select new { u.Id, u.FullName, Email = u.Email ?? "", Profile = p };
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var pattern = LikePattern.Containing(query.Search.Trim());
            experts = experts.Where(e =>
                EF.Functions.ILike(e.FullName, pattern, LikePattern.Escape)
                || EF.Functions.ILike(e.Email, pattern, LikePattern.Escape)
                || (e.Profile != null && EF.Functions.ILike(e.Profile.Keywords, pattern, LikePattern.Escape)));
        }

        if (query.Sector is { } sector)
        {
            experts = experts.Where(e => e.Profile != null && e.Profile.Sectors.Contains(sector));
        }

        var found = await experts.ToListAsync(cancellationToken);
        var loads = await db.LoadOfAsync([.. found.Select(e => e.Id)], cancellationToken);
        var companies = await CompanyNamesAsync(found.SelectMany(e => e.Profile?.AffiliationInns ?? []), cancellationToken);
        var rows = found.Select(e =>
        {
            var profile = e.Profile ?? new ExpertProfile { UserId = e.Id };
            return new ExpertPoolRow(
                e.Id, e.FullName, e.Email, e.Profile is not null, profile.Sectors, profile.Keywords,
                [.. profile.AffiliationInns.Select(inn => new Affiliation(inn, companies.GetValueOrDefault(inn)))],
                profile.MaxOpenReviews, loads.GetValueOrDefault(e.Id, ExpertLoad.None));
        });
        var ordered = query.Sort switch
        {
            ExpertPoolSort.LeastLoaded => rows.OrderBy(r => r.Load.Open),
            ExpertPoolSort.MostLoaded => rows.OrderByDescending(r => r.Load.Open),
            _ => rows.OrderBy(r => r.FullName),
        };
        return new ExpertPoolPage(query, [.. ordered.ThenBy(r => r.FullName).ThenBy(r => r.Email)]);
    }

    /// <summary>The legal names of the registered companies among <paramref name="inns"/>, by INN.</summary>
    public async Task<Dictionary<string, string>> CompanyNamesAsync(IEnumerable<string> inns, CancellationToken cancellationToken)
    {
        var valid = inns.Distinct().Select(i => Inn.TryParse(i, out var inn) ? inn : null).OfType<Inn>().ToList();
        return valid.Count == 0
            ? []
            : (await db.Companies.AsNoTracking().Where(c => valid.Contains(c.Inn)).Select(c => new { c.Inn, c.LegalName }).ToListAsync(cancellationToken))
                .ToDictionary(c => c.Inn.ToString(), c => c.LegalName);
    }
}

public static class ExpertLoads
{
    /// <summary>The open and submitted reviews of each of <paramref name="expertIds"/>; experts with none are missing.</summary>
    public static async Task<Dictionary<Guid, ExpertLoad>> LoadOfAsync(
        this PortalDbContext db, IReadOnlyCollection<Guid> expertIds, CancellationToken cancellationToken) =>
        await db.Reviews
            .Where(r => expertIds.Contains(r.ExpertId)
                && (r.Status == ReviewStatus.Offered || r.Status == ReviewStatus.Accepted || r.Status == ReviewStatus.Submitted))
            .GroupBy(r => r.ExpertId)
            .Select(g => new
            {
                g.Key,
                Open = g.Count(r => r.Status == ReviewStatus.Offered || r.Status == ReviewStatus.Accepted),
                Submitted = g.Count(r => r.Status == ReviewStatus.Submitted),
            })
            .ToDictionaryAsync(g => g.Key, g => new ExpertLoad(g.Open, g.Submitted), cancellationToken);
}
