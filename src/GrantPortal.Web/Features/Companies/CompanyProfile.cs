using GrantPortal.Web.Data;
using GrantPortal.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace GrantPortal.Web.Features.Companies;

/// <param name="InvitationPending">Invited and has not yet chosen a password.</param>
public sealed record CompanyMember(string FullName, string Email, bool InvitationPending);

public sealed record CompanyProfile(Company Company, IReadOnlyList<CompanyMember> Members);

/// <summary>
/// The company a signed-in applicant acts for, read from the database on every request: the routes carry no company
/// id, so a member can only ever reach their own company, and a stale cookie cannot point elsewhere.
/// </summary>
public sealed class CompanyProfileQuery(PortalDbContext db)
{
    public Task<Guid?> CompanyIdOfAsync(Guid userId, CancellationToken cancellationToken) =>
        db.Users.Where(u => u.Id == userId).Select(u => u.CompanyId).SingleOrDefaultAsync(cancellationToken);

    /// <returns>Null when the user belongs to no company.</returns>
    public async Task<CompanyProfile?> LoadAsync(Guid userId, CancellationToken cancellationToken)
    {
        if (await CompanyIdOfAsync(userId, cancellationToken) is not { } companyId)
        {
            return null;
        }

        var company = await db.Companies.AsNoTracking().SingleAsync(c => c.Id == companyId, cancellationToken);
        var members = await db.Users.AsNoTracking()
            .Where(u => u.CompanyId == companyId)
            .OrderBy(u => u.FullName).ThenBy(u => u.Email)
            .Select(u => new CompanyMember(u.FullName, u.Email ?? "", u.PasswordHash == null))
            .ToListAsync(cancellationToken);
        return new CompanyProfile(company, members);
    }
}
