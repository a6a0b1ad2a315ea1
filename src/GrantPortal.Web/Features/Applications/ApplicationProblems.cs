using GrantPortal.Web.Data;
using GrantPortal.Web.Domain;
using GrantPortal.Web.Features.Documents;
using Microsoft.EntityFrameworkCore;

namespace GrantPortal.Web.Features.Applications;

public static class ApplicationProblems
{
    /// <summary>What the application (its call included) still lacks, its documents counted.</summary>
    public static async Task<IReadOnlyList<ApplicationProblem>> ProblemsOfAsync(this PortalDbContext db, GrantApplication application, CancellationToken cancellationToken)
    {
        var attached = await db.CurrentDocuments(application.Id).Select(d => d.TypeCode).ToListAsync(cancellationToken);
        return ApplicationChecks.Check(application.Content, application.Call!, attached);
    }
}
