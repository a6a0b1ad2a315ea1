using GrantPortal.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace GrantPortal.Web.Features.Admin;

public sealed record UserDetails(
    Guid Id, string FullName, string Email, bool EmailConfirmed, bool HasPassword, bool TwoFactorEnabled,
    DateTime? LockedOutUntil, int AccessFailedCount, string? CompanyName, string PreferredCulture, bool IsDemoAccount,
    DateTime CreatedAt, IReadOnlyList<string> Roles);

/// <summary>One account as the admin sees it: the page that changes its roles and lifts a lockout.</summary>
public sealed class UserDetailsQuery(PortalDbContext db, TimeProvider clock)
{
    public async Task<UserDetails?> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == id)
            .Select(u => new
            {
                u.Id, u.FullName, u.Email, u.EmailConfirmed, HasPassword = u.PasswordHash != null, u.TwoFactorEnabled,
                u.LockoutEnd, u.AccessFailedCount, CompanyName = u.Company == null ? null : u.Company.LegalName,
                u.PreferredCulture, u.IsDemoAccount, u.CreatedAt,
                Roles = db.UserRoles.Where(ur => ur.UserId == u.Id)
                    .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!)
                    .OrderBy(name => name)
                    .ToList(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (user is null)
        {
            return null;
        }

        return new UserDetails(
            user.Id, user.FullName, user.Email ?? "", user.EmailConfirmed, user.HasPassword, user.TwoFactorEnabled,
            user.LockoutEnd > clock.GetUtcNow() ? user.LockoutEnd.Value.UtcDateTime : null, user.AccessFailedCount,
            user.CompanyName, user.PreferredCulture, user.IsDemoAccount, user.CreatedAt, user.Roles);
    }
}
