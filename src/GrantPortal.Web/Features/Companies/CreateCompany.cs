using GrantPortal.Web.Data;
using GrantPortal.Web.Domain;
using GrantPortal.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Npgsql;

namespace GrantPortal.Web.Features.Companies;

/// <summary>
/// An applicant without a company registers it and becomes its first member. An INN registered already is refused
/// without saying anything about that company: its members invite their colleagues themselves.
/// </summary>
public sealed class CreateCompany(PortalDbContext db, CompanyFormReader reader, TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    /// <returns>Why the company was refused (nothing saved); empty when it was created.</returns>
    public async Task<IReadOnlyList<FormError>> CreateAsync(Guid userId, CompanyForm form, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleAsync(u => u.Id == userId, cancellationToken);
        if (user.CompanyId is not null)
        {
            return [FormError.ForForm(l["Your account already belongs to a company."])];
        }

        var errors = new List<FormError>();
        var (inn, ogrn) = reader.ReadNumbers(form, errors);
        var now = clock.GetUtcNow().UtcDateTime;
        var company = new Company { Id = Guid.CreateVersion7(), Inn = inn!, Ogrn = ogrn!, CreatedAt = now };
        reader.ReadDetails(form, company, errors, now);
        if (errors.Count > 0)
        {
            return errors;
        }

        if (await db.Companies.AnyAsync(c => c.Inn == inn, cancellationToken))
        {
            return [InnTaken()];
        }

        // The company and its first member are saved in one statement batch: both or neither.
        db.Companies.Add(company);
        user.CompanyId = company.Id;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "IX_Companies_Inn" })
        {
            // Someone registered the same INN between the check above and this save.
            return [InnTaken()];
        }

        return [];
    }

    private FormError InnTaken() => new(
        nameof(CompanyForm.Inn),
        l["A company with this INN is already registered on the portal. Ask a colleague who works with it on the portal to invite you."]);
}
