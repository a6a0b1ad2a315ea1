using GrantPortal.Workflows.Runtime;

namespace GrantPortal.Web.Features.Applications;

public static class ApplicationsExtensions
{
    public static void AddPortalApplications(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ApplicationAccess>();
        builder.Services.AddScoped<ApplicationList>();
        builder.Services.AddScoped<ApplicationPage>();
        builder.Services.AddScoped<CreateApplication>();
        builder.Services.AddScoped<SaveApplicationSection>();
        builder.Services.AddScoped<FireApplicationAction>();
        builder.Services.AddScoped<TaskList>();
        builder.Services.AddScoped<SubmittedVersions>();
        builder.Services.AddScoped<CompareVersions>();
        builder.Services.AddScoped<CallApplicationList>();
        builder.Services.AddScoped<IWorkflowObserver, ApplicationListCopy>();

        builder.Services.AddSingleton<IWorkflowGuard, CallIsOpen>();
        builder.Services.AddSingleton<IWorkflowGuard, ApplicationComplete>();
        builder.Services.AddSingleton<IWorkflowEffect, AssignApplicationNumber>();
        builder.Services.AddSingleton<IWorkflowEffect, FreezeSubmittedVersion>();
        builder.Services.AddSingleton<IWorkflowEffect, NotifyApplicant>();
        builder.Services.AddSingleton<IWorkflowEffect, NotifyOfficers>();
        builder.Services.AddSingleton<IWorkflowDateSource, CallClosesAt>();
    }
}
