using GrantPortal.Web.Features.Account;
using GrantPortal.Web.Features.Admin;
using GrantPortal.Web.Features.Applications;
using GrantPortal.Web.Features.Audit;
using GrantPortal.Web.Features.Calls;
using GrantPortal.Web.Features.Companies;
using GrantPortal.Web.Features.Decisions;
using GrantPortal.Web.Features.Demo;
using GrantPortal.Web.Features.Documents;
using GrantPortal.Web.Features.Notifications;
using GrantPortal.Web.Features.Reviews;
using GrantPortal.Web.Infrastructure.Database;
using GrantPortal.Web.Infrastructure.Email;
using GrantPortal.Web.Infrastructure.Jobs;
using GrantPortal.Web.Infrastructure.Localization;
using GrantPortal.Web.Infrastructure.Pdf;
using GrantPortal.Web.Infrastructure.Security;
using GrantPortal.Web.Infrastructure.Web;
using GrantPortal.Web.Infrastructure.Workflows;
using GrantPortal.Workflows.Definitions;

// The demo switch is ours, not a configuration key: left in, it would swallow the argument after it.
var builder = WebApplication.CreateBuilder(args.Where(a => a != DemoData.Switch).ToArray());
try
{
    // Before the database, which may start a local server: a missing font stops the app before anything runs.
    builder.AddPortalPdf();
    builder.AddPortalDatabase();
}
catch (Exception e) when (e is LocalPostgresException or PdfFontsMissingException)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}

builder.AddPortalLocalization();
builder.AddPortalEmail();
builder.AddPortalNotifications();
builder.AddPortalIdentity();
builder.AddPortalAdmin();
builder.AddPortalCalls();
builder.AddPortalCompanies();
builder.AddPortalWeb();
builder.AddPortalThrottling();
builder.AddPortalApplications();
builder.AddPortalDocuments();
builder.AddPortalReviews();
builder.AddPortalDecisions();
builder.AddPortalAudit();
builder.AddPortalWorkflows();
builder.AddPortalJobs();

var app = builder.Build();
try
{
    app.LoadPortalWorkflows();
}
catch (WorkflowDefinitionException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}

await app.MigratePortalDatabaseAsync();
if (args.Contains(DemoData.Switch) && !await app.SeedDemoDataAsync())
{
    return 2;
}

app.UsePortalPipeline();
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
