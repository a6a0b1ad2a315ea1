using GrantPortal.Web.Data;
using GrantPortal.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace GrantPortal.Web.Features.Admin;

/// <summary>The query string of the user list: all optional.</summary>
public sealed record UserListQuery(string? Search, string? Role, int Page = 1);

public sealed record UserRow(
    Guid Id, string FullName, string Email, IReadOnlyList<string> Roles, bool EmailConfirmed, bool TwoFactorEnabled,
    DateTime? LockedOutUntil, string? CompanyName);

public sealed record UserListPage(UserListQuery Query, IReadOnlyList<UserRow> Users, bool HasNextPage);

/// <summary>The admin's list of accounts: one query for a page of users, one for their roles.</summary>
public sealed class UserList(PortalDbContext db, TimeProvider clock)
{
    public const int PageSize = 50;

    public async Task<UserListPage> LoadAsync(UserListQuery query, CancellationToken cancellationToken)
    {
        var page = Math.Clamp(query.Page, 1, int.MaxValue / PageSize); // a typed-in huge page is empty, not an overflow
        var users = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var pattern = LikePattern.Containing(query.Search.Trim());
            users = users.Where(u => EF.Functions.ILike(u.Email!, pattern, LikePattern.Escape) || EF.Functions.ILike(u.FullName, pattern, LikePattern.Escape));
        }

        if (!string.IsNullOrEmpty(query.Role))
        {
            users = users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == query.Role)));
        }

        // One row more than a page tells whether there is a next page without counting the whole table.
        var found = await users
            .OrderBy(u => u.FullName).ThenBy(u => u.Email)
            .Skip((page - 1) * PageSize).Take(PageSize + 1)
            .Select(u => new
            {
                u.Id, u.FullName, u.Email, u.EmailConfirmed, u.TwoFactorEnabled, u.LockoutEnd,
                CompanyName = u.Company == null ? null : u.Company.LegalName,
            })
            .ToListAsync(cancellationToken);
        var pageOfUsers = found.Take(PageSize).ToList();

        var ids = pageOfUsers.Select(u => u.Id).ToList();
        var roles = (await db.UserRoles
                .Where(ur => ids.Contains(ur.UserId))
                .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
                .ToListAsync(cancellationToken))
            .ToLookup(x => x.UserId, x => x.Name!);

        var now = clock.GetUtcNow();
        var rows = pageOfUsers
            .Select(u => new UserRow(
                u.Id, u.FullName, u.Email ?? "", [.. roles[u.Id].Order()], u.EmailConfirmed, u.TwoFactorEnabled,
                u.LockoutEnd > now ? u.LockoutEnd.Value.UtcDateTime : null, u.CompanyName))
            .ToList();
        return new UserListPage(query with { Page = page }, rows, found.Count > PageSize);
    }
}
