using System.Security.Claims;
using GrantPortal.Web.Data;
using GrantPortal.Web.Domain;
using GrantPortal.Web.Features.Account;
using GrantPortal.Workflows.Runtime;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

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

    /// <summary>The application with its call and company for the agency's staff (officers, admins); null for anyone else.</summary>
    public async Task<GrantApplication?> FindForStaffAsync(ClaimsPrincipal user, Guid id, CancellationToken cancellationToken) =>
        user.IsInRole(Roles.Officer) || user.IsInRole(Roles.Admin)
            ? await db.Applications.Include(a => a.Call).Include(a => a.Company).SingleOrDefaultAsync(a => a.Id == id, cancellationToken)
            : null;

    /// <summary>The application with its call if this person may write it now (their company's, in an editable state), else null.</summary>
    public async Task<GrantApplication?> FindEditableAsync(ClaimsPrincipal user, Guid id, CancellationToken cancellationToken)
    {
        if (!user.IsInRole(Roles.Applicant))
        {
            return null;
        }

        var application = await (await VisibleToAsync(user)).Include(a => a.Call).SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (application is null)
        {
            return null;
        }

        var state = await db.WorkflowOf(application.Id).Select(i => i.State).FirstOrDefaultAsync(cancellationToken);
        return state is not null && ApplicationPage.EditableStates.Contains(state) ? application : null;
    }

    /// <summary>
    /// Inside a transaction: locks the application's workflow instance until the transaction ends, so no transition
    /// (a submission, say) runs meanwhile, and tells whether the application may still be changed.
    /// </summary>
    public async Task<bool> LockWhileEditableAsync(Guid applicationId, CancellationToken cancellationToken)
    {
        var instanceId = await db.WorkflowOf(applicationId).Select(i => i.Id).FirstAsync(cancellationToken);
        var state = await db.Database
            .SqlQuery<string>($"""SELECT "State" AS "Value" FROM "WorkflowInstances" WHERE "Id" = {instanceId} FOR UPDATE""")
            .SingleAsync(cancellationToken);
        return ApplicationPage.EditableStates.Contains(state);
    }

    /// <summary>The applicant's company, or null for staff and for an applicant who has not created one yet.</summary>
    public async Task<Guid?> CompanyOfAsync(ClaimsPrincipal user) => (await users.GetUserAsync(user))?.CompanyId;

    public static WorkflowActor Actor(ClaimsPrincipal user) => new(
        user.FindFirstValue(ClaimTypes.NameIdentifier)!,
        user.FindFirstValue(PortalClaimsPrincipalFactory.FullNameClaim) ?? user.Identity?.Name ?? "",
        user.FindAll(ClaimTypes.Role).Select(c => c.Value).Where(Roles.All.Contains).ToHashSet());
}
