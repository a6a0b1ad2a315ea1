using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GrantPortal.Web.Data;
using GrantPortal.Web.Data.Configurations;
using GrantPortal.Web.Domain;
using GrantPortal.Web.Features.Documents;
using GrantPortal.Web.Features.Notifications;
using GrantPortal.Web.Infrastructure.Localization;
using GrantPortal.Workflows.Persistence;
using GrantPortal.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace GrantPortal.Web.Features.Applications;

/// <summary>The grant workflow's steps that concern an application and its submission (workflows/component-substitution-grant.json).</summary>
internal static class ApplicationWorkflowSteps
{
    public const string WorkflowId = "component-substitution-grant";

    /// <summary>Where every application starts: written by the applicant, seen by nobody else.</summary>
    public const string Draft = "Draft";

    /// <summary>The state an application is in the moment it is submitted, and again at each resubmission.</summary>
    public const string Submitted = "Submitted";

    /// <summary>The grant workflow's states, in the order its newest definition lists them, with their names in <paramref name="language"/>.</summary>
    public static IReadOnlyList<(string Id, string Name)> StateNames(this WorkflowCatalog catalog, string language) =>
        [.. catalog.LatestOf(WorkflowId).States.Select(s => (s.Id, s.Name.In(language)))];

    /// <summary>A state's name in <paramref name="language"/>; a state the newest definition no longer has keeps its id.</summary>
    public static string StateName(this WorkflowCatalog catalog, string state, string language) =>
        catalog.LatestOf(WorkflowId).States.FirstOrDefault(s => s.Id == state)?.Name.In(language) ?? state;

    /// <summary>The application's workflow instance, the newest if it ever had more than one.</summary>
    public static IQueryable<WorkflowInstance> WorkflowOf(this PortalDbContext db, Guid applicationId)
    {
        var subject = applicationId.ToString();
        return db.Set<WorkflowInstance>().Where(i => i.DefinitionId == WorkflowId && i.SubjectId == subject).OrderByDescending(i => i.StartedAt);
    }

    /// <summary>The app's database context, the one the transition runs in.</summary>
    public static PortalDbContext Db(this WorkflowContext context) => context.Services.GetRequiredService<PortalDbContext>();

    public static async Task<GrantApplication> ApplicationAsync(this WorkflowContext context, CancellationToken cancellationToken) =>
        await context.Services.GetRequiredService<PortalDbContext>().Applications
            .Include(a => a.Call)
            .SingleAsync(a => a.Id == Guid.Parse(context.SubjectId), cancellationToken);
}

/// <summary>
/// Copies onto the application what the lists filter on, in the transaction of every change of state (the start, a
/// person's action, a timer): the state itself, and the company's region when the application is created and each
/// time it is submitted. The region is taken at submission rather than followed afterwards: it belongs with the
/// version the agency received, as the rest of the submitted content does, and a company that moves later does not
/// move its past applications between regions in the officers' lists and counts.
/// </summary>
internal sealed class ApplicationListCopy(PortalDbContext db) : IWorkflowObserver
{
    public async Task StateEnteredAsync(WorkflowContext context, CancellationToken cancellationToken)
    {
        if (context.Definition.Id != ApplicationWorkflowSteps.WorkflowId)
        {
            return;
        }

        // Usually tracked already (the guards and effects loaded it), so no query; its changes go out with theirs.
        var application = await db.Applications.FindAsync([Guid.Parse(context.SubjectId)], cancellationToken)
            ?? throw new InvalidOperationException($"The workflow instance {context.InstanceId} has no application {context.SubjectId}.");
        application.State = context.ToState;
        if (context.Trigger == "start" || context.ToState == ApplicationWorkflowSteps.Submitted)
        {
            var region = await db.Companies.Where(c => c.Id == application.CompanyId).Select(c => c.Region).SingleAsync(cancellationToken);
            application.RegionCode = RussianRegions.Find(region)?.Code;
        }
    }
}

internal sealed class CallIsOpen(TimeProvider clock) : IWorkflowGuard
{
    public string Name => "callIsOpen";

    public async Task<GuardResult> CheckAsync(WorkflowContext context, CancellationToken cancellationToken) =>
        (await context.ApplicationAsync(cancellationToken)).Call!.IsOpenAt(clock.GetUtcNow().UtcDateTime)
            ? GuardResult.Pass
            : GuardResult.Fail("The call is closed: applications are no longer accepted.");
}

internal sealed class ApplicationComplete : IWorkflowGuard
{
    public string Name => "applicationComplete";

    public async Task<GuardResult> CheckAsync(WorkflowContext context, CancellationToken cancellationToken)
    {
        var application = await context.ApplicationAsync(cancellationToken);
        var problems = await context.Services.GetRequiredService<PortalDbContext>().ProblemsOfAsync(application, cancellationToken);
        return problems.Count == 0
            ? GuardResult.Pass
            : GuardResult.Fail("The application is not complete yet: see the list of what is missing.");
    }
}

/// <summary>The number is given once, at the first submission: "ATR-2026-000123" (year of submission, Moscow time).</summary>
internal sealed class AssignApplicationNumber(TimeProvider clock) : IWorkflowEffect
{
    public string Name => "assignApplicationNumber";

    public async Task RunAsync(WorkflowContext context, CancellationToken cancellationToken)
    {
        var application = await context.ApplicationAsync(cancellationToken);
        if (application.Number is not null)
        {
            return;
        }

        var db = context.Services.GetRequiredService<PortalDbContext>();
        var next = await db.Database
            .SqlQueryRaw<long>($"SELECT nextval('\"{PortalDbContext.ApplicationNumberSequence}\"') AS \"Value\"")
            .SingleAsync(cancellationToken);
        application.Number = $"ATR-{Formats.ToMoscow(clock.GetUtcNow().UtcDateTime).Year}-{next:D6}";
    }
}

/// <summary>Keeps the content exactly as submitted: experts read this copy, and each revision adds another.</summary>
internal sealed class FreezeSubmittedVersion(TimeProvider clock) : IWorkflowEffect
{
    public string Name => "freezeSubmittedVersion";

    public async Task RunAsync(WorkflowContext context, CancellationToken cancellationToken)
    {
        var db = context.Services.GetRequiredService<PortalDbContext>();
        var application = await context.ApplicationAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var json = JsonSerializer.Serialize(application.Content, ApplicationContentJson.Options);
        db.ApplicationVersions.Add(new ApplicationVersion
        {
            Id = Guid.CreateVersion7(),
            ApplicationId = application.Id,
            Number = await db.ApplicationVersions.CountAsync(v => v.ApplicationId == application.Id, cancellationToken) + 1,
            Content = application.Content,
            ContentHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json))),
            SubmittedAt = now,
            SubmittedById = Guid.Parse(context.Actor.Id),
            Documents = await db.CurrentDocuments(application.Id).Select(d => d.ToRef()).ToListAsync(cancellationToken),
        });
        application.SubmittedAt = now;
    }
}

internal sealed class CallClosesAt : IWorkflowDateSource
{
    public string Name => "callClosesAt";

    public async Task<DateTimeOffset?> GetAsync(WorkflowContext context, CancellationToken cancellationToken) =>
        new DateTimeOffset((await context.ApplicationAsync(cancellationToken)).Call!.ClosesAt, TimeSpan.Zero);
}

/// <summary>
/// Tells people, each in their own language, that an application moved on: under the bell, and by e-mail as each
/// chose. Written in the transition's transaction, so the news goes out exactly when the transition happened.
/// </summary>
internal abstract class NotifyAboutApplication(IStringLocalizer<SharedResource> l) : IWorkflowEffect
{
    public abstract string Name { get; }

    protected abstract Task NotifyAsync(Notifier notifier, GrantApplication application, NotificationKind kind, Func<PortalUser, NotificationMessage> message, CancellationToken cancellationToken);

    public async Task RunAsync(WorkflowContext context, CancellationToken cancellationToken)
    {
        var application = await context.ApplicationAsync(cancellationToken);
        await NotifyAsync(context.Services.GetRequiredService<Notifier>(), application, KindOf(context), _ =>
        {
            var language = LocalizationExtensions.CurrentLanguage;
            var reference = application.Number ?? application.Title;
            // A step that keeps the state (a review overdue, say) is news by its own name, not by the unchanged state's.
            var state = context.FromState == context.ToState
                ? context.Definition.FindTransition(context.FromState, context.Trigger)!.Name.In(language)
                : context.Definition.State(context.ToState).Name.In(language);
            var text = l["Application {0} ({1}) is now: {2}.", reference, application.Title, state].Value;
            if (!string.IsNullOrWhiteSpace(context.Comment))
            {
                text += "\n" + l["Comment: {0}", context.Comment];
            }

            return new NotificationMessage(l["Application {0}: {1}", reference, state], text, $"/applications/{application.Id}", l["Open the application"]);
        }, cancellationToken);
    }

    private static NotificationKind KindOf(WorkflowContext context) => (context.ToState, context.Trigger) switch
    {
        (ApplicationWorkflowSteps.Submitted, _) => NotificationKind.Submitted,
        ("RevisionRequested", _) => NotificationKind.Returned,
        (_, "reviewOverdue") => NotificationKind.ReviewOverdue,
        ("DecisionIssued", _) => NotificationKind.Decided,
        _ => NotificationKind.StatusChanged,
    };
}

internal sealed class NotifyApplicant(IStringLocalizer<SharedResource> l) : NotifyAboutApplication(l)
{
    public override string Name => "notifyApplicant";

    protected override Task NotifyAsync(Notifier notifier, GrantApplication application, NotificationKind kind, Func<PortalUser, NotificationMessage> message, CancellationToken cancellationToken) =>
        notifier.NotifyCompanyAsync(application.CompanyId, kind, message, cancellationToken);
}

internal sealed class NotifyOfficers(IStringLocalizer<SharedResource> l) : NotifyAboutApplication(l)
{
    public override string Name => "notifyOfficers";

    protected override Task NotifyAsync(Notifier notifier, GrantApplication application, NotificationKind kind, Func<PortalUser, NotificationMessage> message, CancellationToken cancellationToken) =>
        notifier.NotifyOfficersAsync(kind, message, cancellationToken);
}
