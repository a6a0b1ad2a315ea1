using System.Security.Claims;
using GrantPortal.Web.Data;
using GrantPortal.Web.Domain;
using GrantPortal.Web.Features.Audit;
using GrantPortal.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace GrantPortal.Web.Features.Admin;

/// <summary>An admin sets the roles of an account; the person's open sessions pick the change up at the next stamp check.</summary>
public sealed class ChangeUserRoles(PortalDbContext db, UserManager<PortalUser> users, AuditLog audit, IStringLocalizer<SharedResource> l)
{
    /// <returns>Why the change was refused (nothing changed), or null when there is no such account.</returns>
    public async Task<IReadOnlyList<FormError>?> ChangeAsync(
        Guid userId, IReadOnlyCollection<string> roles, ClaimsPrincipal admin, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null)
        {
            return null;
        }

        var current = await users.GetRolesAsync(user);
        var wanted = roles.Distinct().ToList();
        var errors = new List<FormError>();
        if (wanted.Except(Roles.All).Any())
        {
            errors.Add(FormError.ForForm(l["Choose roles from the list."]));
        }

        if (wanted.Contains(Roles.Applicant) && wanted.Count > 1)
        {
            errors.Add(FormError.ForForm(l["An applicant acts for a company, and agency staff and experts must not: an account cannot be an applicant and have another role."]));
        }

        if (users.GetUserId(admin) == user.Id.ToString() && current.Contains(Roles.Admin) && !wanted.Contains(Roles.Admin))
        {
            errors.Add(FormError.ForForm(l["You cannot take away your own administrator role. Ask another administrator."]));
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var results = new[]
        {
            await users.RemoveFromRolesAsync(user, current.Except(wanted)),
            await users.AddToRolesAsync(user, wanted.Except(current)),
            // A new stamp makes the person's cookie fail its next check, so the old roles stop working within a minute.
            await users.UpdateSecurityStampAsync(user),
        };
        errors.AddRange(results.SelectMany(r => FormError.FromIdentity(r)));
        if (errors.Count == 0)
        {
            await audit.RolesChangedAsync(user, current, wanted, cancellationToken, by: admin);
            await transaction.CommitAsync(cancellationToken);
        }

        return errors;
    }
}
