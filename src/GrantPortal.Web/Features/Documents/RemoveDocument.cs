using GrantPortal.Web.Data;
using GrantPortal.Web.Domain;
using GrantPortal.Web.Features.Applications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace GrantPortal.Web.Features.Documents;

/// <summary>
/// Takes a document off an application the person may write. A file attached since the last submission is in no
/// submitted version and goes for good; an older one is only marked removed, because a version lists it.
/// </summary>
public sealed class RemoveDocument(PortalDbContext db, ApplicationAccess access, TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    /// <returns>Null when removed, else what went wrong, in the person's language.</returns>
    public async Task<string?> RemoveAsync(GrantApplication application, Guid documentId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await access.LockWhileEditableAsync(application.Id, cancellationToken))
        {
            return l["The application can no longer be changed."];
        }

        var document = await db.CurrentDocuments(application.Id).SingleOrDefaultAsync(d => d.Id == documentId, cancellationToken);
        if (document is null)
        {
            return l["This file is no longer attached."];
        }

        var lastSubmitted = await db.Applications.Where(a => a.Id == application.Id).Select(a => a.SubmittedAt).SingleAsync(cancellationToken);
        if (lastSubmitted is null || document.UploadedAt > lastSubmitted)
        {
            db.ApplicationDocuments.Remove(document);
        }
        else
        {
            document.RemovedAt = clock.GetUtcNow().UtcDateTime;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }
}
