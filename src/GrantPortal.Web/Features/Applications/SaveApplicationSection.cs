using GrantPortal.Web.Data;
using GrantPortal.Web.Domain;
using GrantPortal.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace GrantPortal.Web.Features.Applications;

/// <summary>
/// Saves one page of the form into the draft. Allowed only to the company's applicants while the application is a
/// draft or returned for revision; what cannot be read (an amount like "12,345") is refused and nothing is saved.
/// </summary>
public sealed class SaveApplicationSection(
    PortalDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    /// <param name="write">Turns the posted page into new content, adding what it could not read to the errors.</param>
    /// <returns>The errors; none means saved.</returns>
    public async Task<IReadOnlyList<FormError>> SaveAsync(
        GrantApplication application, uint rowVersion, Func<ApplicationContent, List<FormError>, ApplicationContent> write,
        CancellationToken cancellationToken)
    {
        var errors = new List<FormError>();
        var content = write(application.Content, errors);
        if (errors.Count > 0)
        {
            return errors;
        }

        // The version the person loaded the form with: if a colleague saved in between, theirs is not overwritten.
        db.Entry(application).Property(a => a.RowVersion).OriginalValue = rowVersion;
        application.Write(content, clock.GetUtcNow().UtcDateTime);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return [];
        }
        catch (DbUpdateConcurrencyException)
        {
            return [FormError.ForForm(l["Someone else saved this application while you were editing it. Reload the page to see their changes, then make yours again."])];
        }
    }
}
