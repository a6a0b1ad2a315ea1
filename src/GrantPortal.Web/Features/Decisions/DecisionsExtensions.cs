using GrantPortal.Workflows.Runtime;

namespace GrantPortal.Web.Features.Decisions;

public static class DecisionsExtensions
{
    public static void AddPortalDecisions(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<DecisionOptions>(builder.Configuration.GetSection(DecisionOptions.Section));
        builder.Services.AddScoped<MakeDecision>();
        builder.Services.AddMemoryCache();
        builder.Services.AddScoped<CallRanking>();
        builder.Services.AddScoped<VerifyDecision>();
        builder.Services.AddSingleton<DecisionPdf>();
        builder.Services.AddScoped<IssueDecisionPdfs>();

        builder.Services.AddSingleton<IWorkflowGuard, AmountWithinRequest>();
        builder.Services.AddSingleton<IWorkflowGuard, WithinCallBudget>();
        builder.Services.AddSingleton<IWorkflowGuard, FourEyes>();
        builder.Services.AddSingleton<IWorkflowGuard, ReasonsGiven>();
        builder.Services.AddSingleton<IWorkflowGuard, DecisionPdfStored>();
        builder.Services.AddSingleton<IWorkflowEffect, RecordDecision>();
        builder.Services.AddSingleton<IWorkflowEffect, IssueDecisionPdf>();
    }
}
