using GrantPortal.Web.Data;
using GrantPortal.Web.Domain;
using GrantPortal.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace GrantPortal.Web.Features.Calls;

/// <summary>
/// An officer edits a call. Before it opens everything may change. Once it has opened its rules are frozen
/// (<see cref="GrantCall.RulesAreFrozen"/>): a changed rule is refused, the titles and descriptions may be
/// corrected, and the closing time may be extended but never brought forward.
/// </summary>
public sealed class EditCall(PortalDbContext db, CallFormReader reader, TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    /// <returns>The form filled from the call, or null when there is no such call.</returns>
    public async Task<CallForm?> LoadFormAsync(Guid id, CancellationToken cancellationToken)
    {
        var call = await db.Calls.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (call is null)
        {
            return null;
        }

        var form = CallForm.FromCall(call);
        form.CallId = id;
        form.RulesFrozen = call.RulesAreFrozen(clock.GetUtcNow().UtcDateTime);
        return form;
    }

    /// <returns>Why the change was refused (nothing saved), or null when there is no such call.</returns>
    public async Task<IReadOnlyList<FormError>?> EditAsync(Guid id, CallForm form, CancellationToken cancellationToken)
    {
        var call = await db.Calls.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (call is null)
        {
            return null;
        }

        var frozen = call.RulesAreFrozen(clock.GetUtcNow().UtcDateTime);
        form.CallId = id;
        form.RulesFrozen = frozen;

        // The form is read onto a copy, so that a refused change leaves the tracked call untouched.
        var edited = Copy(call);
        var (errors, criterionRows) = reader.Read(form, edited, keepMissing: frozen);
        if (errors.Count == 0 && frozen)
        {
            errors.AddRange(edited.RuleChangesFrom(call).Select(rule =>
                new FormError(FieldOf(rule), l["The call has opened, so its rules are frozen: this cannot be changed."])));
            if (edited.ClosesAt < call.ClosesAt)
            {
                errors.Add(new FormError(nameof(CallForm.ClosesAt), l["The call has opened: its closing time can be extended but not brought forward."]));
            }
        }

        if (errors.Count == 0)
        {
            errors.AddRange(reader.Explain(edited.CheckRules(), edited, criterionRows));
        }

        if (errors.Count > 0)
        {
            if (frozen)
            {
                // Browsers do not send disabled fields: show the rules as they stand, not as blanks.
                form.ShowRulesOf(CallForm.FromCall(call));
            }

            return errors;
        }

        call.TitleRu = edited.TitleRu;
        call.TitleEn = edited.TitleEn;
        call.DescriptionRu = edited.DescriptionRu;
        call.DescriptionEn = edited.DescriptionEn;
        call.AllowedStageKinds = edited.AllowedStageKinds;
        call.Sectors = edited.Sectors;
        call.MaxGrant = edited.MaxGrant;
        call.TotalBudget = edited.TotalBudget;
        call.MinCoFinancingShare = edited.MinCoFinancingShare;
        call.OpensAt = edited.OpensAt;
        call.ClosesAt = edited.ClosesAt;
        call.RequiredDocumentTypes = edited.RequiredDocumentTypes;
        call.Criteria = edited.Criteria;
        call.ExpertsPerApplication = edited.ExpertsPerApplication;
        call.ReviewPeriodDays = edited.ReviewPeriodDays;
        call.DivergenceLimit = edited.DivergenceLimit;
        await db.SaveChangesAsync(cancellationToken);
        return [];
    }

    private static GrantCall Copy(GrantCall call) => new()
    {
        Id = call.Id,
        TitleRu = call.TitleRu,
        TitleEn = call.TitleEn,
        DescriptionRu = call.DescriptionRu,
        DescriptionEn = call.DescriptionEn,
        AllowedStageKinds = [.. call.AllowedStageKinds],
        Sectors = [.. call.Sectors],
        MaxGrant = call.MaxGrant,
        TotalBudget = call.TotalBudget,
        MinCoFinancingShare = call.MinCoFinancingShare,
        OpensAt = call.OpensAt,
        ClosesAt = call.ClosesAt,
        RequiredDocumentTypes = [.. call.RequiredDocumentTypes],
        Criteria = [.. call.Criteria],
        ExpertsPerApplication = call.ExpertsPerApplication,
        ReviewPeriodDays = call.ReviewPeriodDays,
        DivergenceLimit = call.DivergenceLimit,
        CreatedAt = call.CreatedAt,
        CreatedById = call.CreatedById,
    };

    private static string FieldOf(string rule) => rule switch
    {
        nameof(GrantCall.AllowedStageKinds) => nameof(CallForm.StageKinds),
        nameof(GrantCall.MinCoFinancingShare) => nameof(CallForm.MinCoFinancingPercent),
        nameof(GrantCall.RequiredDocumentTypes) => nameof(CallForm.Documents),
        _ => rule,
    };
}
