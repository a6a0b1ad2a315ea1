using GrantPortal.Workflows.Runtime;

namespace GrantPortal.Web.Features.Audit;

public static class AuditExtensions
{
    public static void AddPortalAudit(this WebApplicationBuilder builder)
    {
        // The audit log names the person making the request when a use case does not pass one (e.g. invitations).
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<AuditLog>();
        builder.Services.AddScoped<AuditTrail>();
        builder.Services.AddScoped<IWorkflowObserver, AuditedStateChanges>();
    }
}
