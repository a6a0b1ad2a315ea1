using GrantPortal.Web.Data;
using GrantPortal.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace GrantPortal.Web.Features.Companies;

/// <param name="Stored">After a conflict: the form as the company now stands, to show instead of the posted one.</param>
public sealed record EditCompanyResult(IReadOnlyList<FormError> Errors, CompanyForm? Stored = null);

/// <summary>
/// A member edits the company's profile. The INN and OGRN identify the company and cannot change: a request that
/// sends different ones is refused. Two members saving at once cannot overwrite each other: the second save is
/// refused (the row version no longer matches) and shown the profile as the first one left it.
/// </summary>
public sealed class EditCompany(
    PortalDbContext db, CompanyProfileQuery membership, CompanyFormReader reader, TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    /// <returns>Null when the user belongs to no company.</returns>
    public async Task<CompanyForm?> LoadFormAsync(Guid userId, CancellationToken cancellationToken)
    {
        var companyId = await membership.CompanyIdOfAsync(userId, cancellationToken);
        var company = companyId is null ? null : await db.Companies.AsNoTracking().SingleAsync(c => c.Id == companyId, cancellationToken);
        return company is null ? null : CompanyForm.FromCompany(company);
    }

    /// <returns>Null when the user belongs to no company; otherwise why the change was refused (nothing saved), empty when saved.</returns>
    public async Task<EditCompanyResult?> EditAsync(Guid userId, CompanyForm form, CancellationToken cancellationToken)
    {
        if (await membership.CompanyIdOfAsync(userId, cancellationToken) is not { } companyId)
        {
            return null;
        }

        var company = await db.Companies.SingleAsync(c => c.Id == companyId, cancellationToken);
        var errors = new List<FormError>();
        if (Changed(form.Inn, company.Inn.ToString()) || Changed(form.Ogrn, company.Ogrn.ToString()))
        {
            errors.Add(FormError.ForForm(l["The INN and OGRN cannot be changed once the company is registered. If they are wrong, write to the agency."]));
        }

        if (errors.Count == 0)
        {
            reader.ReadDetails(form, company, errors, clock.GetUtcNow().UtcDateTime);
        }

        if (errors.Count > 0)
        {
            return new EditCompanyResult(errors);
        }

        // The version the member's form was filled from, not the one just read: that is what makes the check mean something.
        db.Entry(company).Property(c => c.Version).OriginalValue = form.Version;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            var stored = await db.Companies.AsNoTracking().SingleAsync(c => c.Id == companyId, cancellationToken);
            return new EditCompanyResult(
                [FormError.ForForm(l["A colleague saved the company profile while you were editing it, so your changes were not saved. The form now shows the profile as it stands: make your changes again and save."])],
                CompanyForm.FromCompany(stored));
        }

        return new EditCompanyResult([]);
    }

    // Not sent is not a change: the edit page shows these numbers as text, not as fields.
    private static bool Changed(string? posted, string stored) => posted is not null && posted.Trim() != stored;
}
