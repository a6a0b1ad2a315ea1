using System.Security.Claims;
using GrantPortal.Web.Data;
using GrantPortal.Web.Domain;
using GrantPortal.Web.Features.Documents;
using GrantPortal.Web.Features.Reviews;
using GrantPortal.Web.Infrastructure.Localization;
using GrantPortal.Workflows.Definitions;
using GrantPortal.Workflows.Diagrams;
using GrantPortal.Workflows.Persistence;
using GrantPortal.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace GrantPortal.Web.Features.Applications;

/// <summary>One application as its page shows it: content, state, the actions open to this person, the timeline.</summary>
public sealed record ApplicationPageModel(
    GrantApplication Application,
    WorkflowInstance Instance,
    WorkflowDefinition Definition,
    IReadOnlyList<TimelineEntry> Timeline,
    IReadOnlyList<AvailableAction> Actions,
    string DiagramSvg,
    IReadOnlyList<ApplicationProblem> Problems,
    IReadOnlyList<SubmittedVersion> Versions,
    IReadOnlyList<ApplicationDocument> Documents,
    ReviewSummary? ReviewSummary,
    IReadOnlyList<Decision> Decisions,
    bool CanEdit)
{
    public string StateName(string language) => Definition.State(Instance.State).Name.In(language);

    /// <summary>The final decision once its PDF is issued: what the applicant may see of the decisions.</summary>
    public Decision? IssuedDecision => Decisions.SingleOrDefault(d => d.Status == DecisionStatus.Final && d.PdfSha256 != null);
}

/// <param name="ChangedFields">How many fields differ from the version before; null for the first.</param>
public sealed record SubmittedVersion(ApplicationVersion Version, int? ChangedFields);

/// <param name="Actor">Who acted, as this reader may know it: null for the agency's staff when the reader is an applicant.</param>
public sealed record TimelineEntry(DateTime At, string? Actor, bool BySystem, string? FromState, string ToState, string Action, string? Comment);

public sealed class ApplicationPage(PortalDbContext db, ApplicationAccess access, WorkflowRuntime workflows, IStringLocalizer<SharedResource> l)
{
    /// <summary>States in which the applicant writes; elsewhere the content is read-only.</summary>
    public static readonly IReadOnlySet<string> EditableStates = new HashSet<string> { "Draft", "RevisionRequested" };

    /// <returns>Null when the application does not exist or this person may not see it.</returns>
    public async Task<ApplicationPageModel?> LoadAsync(ClaimsPrincipal user, Guid id, CancellationToken cancellationToken)
    {
        var application = await (await access.VisibleToAsync(user)).AsNoTracking()
            .Include(a => a.Call).Include(a => a.Company)
            .SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (application is null)
        {
            return null;
        }

        var instance = await db.WorkflowOf(application.Id).AsNoTracking().FirstAsync(cancellationToken);
        var definition = await workflows.DefinitionAsync(instance, cancellationToken);
        var journal = await db.Set<WorkflowJournalEntry>().AsNoTracking()
            .Where(j => j.InstanceId == instance.Id).OrderBy(j => j.Sequence).ToListAsync(cancellationToken);
        var language = LocalizationExtensions.CurrentLanguage;
        var isApplicant = user.IsInRole(Roles.Applicant);
        var companyMembers = isApplicant
            ? (await db.Users.Where(u => u.CompanyId == application.CompanyId).Select(u => u.Id.ToString()).ToListAsync(cancellationToken)).ToHashSet()
            : [];
        var timeline = journal.Select(j => new TimelineEntry(
                j.At,
                j.ActorId == WorkflowActor.System.Id || (isApplicant && !companyMembers.Contains(j.ActorId)) ? null : j.ActorName,
                j.ActorId == WorkflowActor.System.Id,
                j.FromState is null ? null : definition.State(j.FromState).Name.In(language),
                definition.State(j.ToState).Name.In(language),
                j.Trigger == "start" ? "" : definition.FindTransition(j.FromState ?? "", j.Trigger)?.Name.In(language) ?? j.Trigger,
                j.Comment))
            .ToList();
        var path = journal.Select(j => j.ToState).ToList();
        var canEdit = isApplicant && EditableStates.Contains(instance.State);
        var versions = await SubmittedVersions.Of(db, id).ToListAsync(cancellationToken);
        return new ApplicationPageModel(
            application,
            instance,
            definition,
            timeline,
            await workflows.GetActionsAsync(instance, ApplicationAccess.Actor(user), cancellationToken),
            WorkflowDiagram.ToSvg(definition, language, instance.State, path),
            canEdit ? await db.ProblemsOfAsync(application, cancellationToken) : [],
            versions.Select((v, i) => new SubmittedVersion(v, i == 0 ? null : CompareVersions.Changes(versions[i - 1].Content, v.Content, l).Count)).ToList(),
            await db.CurrentDocuments(id).AsNoTracking().ToListAsync(cancellationToken),
            !isApplicant || ReviewSummary.DecidedStates.Contains(instance.State) ? await ReviewSummary.LoadAsync(db, id, cancellationToken) : null,
            // Read once for the page: the issued one for everyone, the proposal and the final one for the officers' panel.
            await db.Decisions.AsNoTracking().Where(d => d.ApplicationId == id && d.Status != DecisionStatus.Withdrawn).ToListAsync(cancellationToken),
            canEdit);
    }
}

public static class ApplicationProblemText
{
    /// <summary>The problem in the reader's language, amounts as roubles.</summary>
    public static string Of(IStringLocalizer l, ApplicationProblem problem) =>
        l[problem.Message, problem.Arguments.Select(a => a switch
        {
            Money money => Formats.Roubles(money.Amount),
            decimal share => share.ToString("0.##"),
            RequiredDocumentType document => document.Name(LocalizationExtensions.CurrentLanguage),
            _ => a,
        }).ToArray()];
}
