using System.Security.Claims;
using GrantPortal.Web.Data;
using GrantPortal.Web.Domain;
using GrantPortal.Web.Features.Applications;
using Microsoft.EntityFrameworkCore;

namespace GrantPortal.Web.Features.Reviews;

/// <param name="Automatic">The portal's own check of the submitted version: true passed, false failed, null for an item only a person can judge.</param>
public sealed record ChecklistItem(string Code, string Label, bool? Automatic);

/// <summary>The formal check of the latest submitted version: the checklist, what the portal found, and what was last recorded.</summary>
public sealed record FormalCheckModel(int VersionNumber, IReadOnlyList<ChecklistItem> Items, FormalCheck? Last);

/// <summary>
/// The officer's eligibility check (DOMAIN.md): documents present, amounts within the call's rules, company data
/// consistent — checked by the portal on the submitted version and shown pre-ticked when they pass — and what only a
/// person can judge. The check passes when the officer confirms every item; the workflow's formalCheckPassed reads it.
/// </summary>
public sealed class FormalChecklist(PortalDbContext db, TimeProvider clock)
{
    public static readonly IReadOnlyList<(string Code, string Label)> Items =
    [
        ("documents", "Every document the call requires is attached."),
        ("rules", "The application is complete and its amounts keep to the call's rules (ceiling, co-financing, stages)."),
        ("company", "The company's data are consistent: valid INN and OGRN, KPP and region given."),
        ("eligible", "The company is a Russian legal entity eligible for the programme (not in bankruptcy or liquidation, no overdue debts to the budget)."),
        ("legible", "The attached documents are legible, complete and signed."),
    ];

    public async Task<FormalCheckModel> LoadAsync(GrantApplication application, CancellationToken cancellationToken)
    {
        var version = await SubmittedVersions.Of(db, application.Id).LastAsync(cancellationToken);
        var attached = version.Documents.Select(d => d.TypeCode).ToList();
        var problems = ApplicationChecks.Check(version.Content, application.Call!, attached);
        var company = application.Company!;
        bool? Automatic(string code) => code switch
        {
            "documents" => problems.All(p => p.Section != ApplicationSection.Documents),
            "rules" => problems.All(p => p.Section == ApplicationSection.Documents),
            "company" => company.Kpp is not null && company.KnownRegion is not null,
            _ => null,
        };

        var last = await db.FormalChecks.AsNoTracking().Where(c => c.ApplicationId == application.Id && c.VersionNumber == version.Number)
            .OrderByDescending(c => c.CheckedAt).FirstOrDefaultAsync(cancellationToken);
        return new FormalCheckModel(version.Number, Items.Select(i => new ChecklistItem(i.Code, i.Label, Automatic(i.Code))).ToList(), last);
    }

    /// <returns>Whether the check passed: every item confirmed.</returns>
    public async Task<bool> RecordAsync(ClaimsPrincipal user, GrantApplication application, IReadOnlyCollection<string> confirmed, CancellationToken cancellationToken)
    {
        var version = await db.LatestVersionAsync(application.Id, cancellationToken);
        var known = Items.Select(i => i.Code).Where(confirmed.Contains).ToList();
        var check = new FormalCheck
        {
            Id = Guid.CreateVersion7(),
            ApplicationId = application.Id,
            VersionNumber = version,
            CheckedById = Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!),
            CheckedAt = clock.GetUtcNow().UtcDateTime,
            Confirmed = known,
            Passed = known.Count == Items.Count,
        };
        db.FormalChecks.Add(check);
        await db.SaveChangesAsync(cancellationToken);
        return check.Passed;
    }
}
