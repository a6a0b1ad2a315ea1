using GrantPortal.Web.Data;
using GrantPortal.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GrantPortal.Web.Features.Reviews;

/// <param name="Match">How well the expert's fields fit: 3 for the sector, 1 for each keyword found in the application.</param>
/// <param name="Conflict">The expert is tied to the applicant (the company's INN among the expert's affiliations).</param>
/// <param name="AlreadyAsked">The expert has or had a review of this application (also declined or replaced).</param>
public sealed record ExpertCandidate(
    Guid Id, string FullName, string Email, IReadOnlyList<Sector> Sectors, string Keywords, int OpenReviews, int MaxOpenReviews,
    int Match, bool Conflict, bool AlreadyAsked)
{
    public bool Available => !Conflict && !AlreadyAsked && OpenReviews < MaxOpenReviews;
}

/// <summary>
/// The experts an officer can give an application to, best first: those free of conflict and below their load limit,
/// by how well their fields match, then by how few open reviews they have. Conflicts are never offered.
/// </summary>
public sealed class ExpertPool(PortalDbContext db, UserManager<PortalUser> users)
{
    public async Task<IReadOnlyList<ExpertCandidate>> CandidatesAsync(GrantApplication application, CancellationToken cancellationToken)
    {
        var experts = await users.GetUsersInRoleAsync(Roles.Expert);
        var ids = experts.Select(e => e.Id).ToList();
        var profiles = await db.ExpertProfiles.AsNoTracking().Where(p => ids.Contains(p.UserId)).ToDictionaryAsync(p => p.UserId, cancellationToken);
        var loads = await db.LoadOfAsync(ids, cancellationToken);
        var asked = (await db.Reviews.Where(r => r.ApplicationId == application.Id).Select(r => r.ExpertId).ToListAsync(cancellationToken)).ToHashSet();
        var companyInn = application.Company!.Inn.ToString();
        var text = $"{application.Content.Project.Title} {application.Content.Project.Summary} {application.Content.Item.Name}";

        return experts
            .Select(e =>
            {
                var profile = profiles.GetValueOrDefault(e.Id) ?? new ExpertProfile { UserId = e.Id };
                var match = (application.Sector is { } sector && profile.Sectors.Contains(sector) ? 3 : 0)
                    + profile.KeywordList.Count(k => text.Contains(k, StringComparison.OrdinalIgnoreCase));
                return new ExpertCandidate(
                    e.Id, e.FullName, e.Email!, profile.Sectors, profile.Keywords, loads.GetValueOrDefault(e.Id, ExpertLoad.None).Open, profile.MaxOpenReviews,
                    match, profile.AffiliationInns.Contains(companyInn), asked.Contains(e.Id));
            })
            .OrderByDescending(c => c.Available)
            .ThenByDescending(c => c.Match)
            .ThenBy(c => c.OpenReviews)
            .ThenBy(c => c.FullName)
            .ToList();
    }
}
