using System.Security.Claims;
using GrantPortal.Web.Data;
using GrantPortal.Web.Domain;
using GrantPortal.Web.Infrastructure.Web;
using GrantPortal.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace GrantPortal.Web.Features.Applications;

/// <summary>An applicant starts a draft for an open call; its workflow instance starts with it, in one transaction.</summary>
public sealed class CreateApplication(
    PortalDbContext db, ApplicationAccess access, WorkflowRuntime workflows, TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    public async Task<(Guid? Id, FormError? Error)> CreateAsync(ClaimsPrincipal user, Guid callId, CancellationToken cancellationToken)
    {
        if (await access.CompanyOfAsync(user) is not { } companyId)
        {
            return (null, FormError.ForForm(l["Create your company profile first: applications are made on behalf of a company."]));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var call = await db.Calls.SingleOrDefaultAsync(c => c.Id == callId, cancellationToken);
        if (call is null || !call.IsOpenAt(now))
        {
            return (null, FormError.ForForm(l["This call is not accepting applications."]));
        }

        var application = new GrantApplication
        {
            Id = Guid.CreateVersion7(),
            CallId = call.Id,
            CompanyId = companyId,
            CreatedById = Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!),
            CreatedAt = now,
        };
        application.Write(new ApplicationContent(), now);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Applications.Add(application);
        await db.SaveChangesAsync(cancellationToken);
        await workflows.StartAsync(ApplicationWorkflowSteps.WorkflowId, application.Id.ToString(), ApplicationAccess.Actor(user), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (application.Id, null);
    }
}
