using System.Security.Claims;
using GrantPortal.Web.Data;
using GrantPortal.Web.Domain;
using GrantPortal.Web.Features.Account;
using GrantPortal.Workflows.Runtime;
using Microsoft.AspNetCore.Identity;

namespace GrantPortal.Web.Features.Applications;

/// <summary>
/// Who sees which applications: an applicant only their company's, officers and admins all of them, anyone else
/// none (experts see what is assigned to them, once review exists). Every page and action starts from here.
/// </summary>
public sealed class ApplicationAccess(PortalDbContext db, UserManager<PortalUser> users)
{
    public async Task<IQueryable<GrantApplication>> VisibleToAsync(ClaimsPrincipal user)
    {
        if (user.IsInRole(Roles.Officer) || user.IsInRole(Roles.Admin))
        {
            return db.Applications;
        }

        var companyId = await CompanyOfAsync(user);
        return companyId is { } id && user.IsInRole(Roles.Applicant)
            ? db.Applications.Where(a => a.CompanyId == id)
            : db.Applications.Where(_ => false);
    }

    /// <summary>The applicant's company, or null for staff and for an applicant who has not created one yet.</summary>
    public async Task<Guid?> CompanyOfAsync(ClaimsPrincipal user) => (await users.GetUserAsync(user))?.CompanyId;

    public static WorkflowActor Actor(ClaimsPrincipal user) => new(
        user.FindFirstValue(ClaimTypes.NameIdentifier)!,
        user.FindFirstValue(PortalClaimsPrincipalFactory.FullNameClaim) ?? user.Identity?.Name ?? "",
        user.FindAll(ClaimTypes.Role).Select(c => c.Value).Where(Roles.All.Contains).ToHashSet());
}
