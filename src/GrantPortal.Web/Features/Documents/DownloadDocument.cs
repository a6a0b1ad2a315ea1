using System.Data;
using System.Security.Claims;
using GrantPortal.Web.Data;
using GrantPortal.Web.Domain;
using GrantPortal.Web.Features.Applications;
using GrantPortal.Web.Features.Audit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Npgsql;

namespace GrantPortal.Web.Features.Documents;

/// <summary>
/// A document for someone who may see its application, including a removed one that a submitted version still
/// lists. The bytes are streamed from PostgreSQL to the response, never held in memory whole.
/// </summary>
public sealed class DownloadDocument(PortalDbContext db, ApplicationAccess access, AuditLog audit)
{
    /// <returns>Null when there is no such document or this person may not see its application.</returns>
    public async Task<ApplicationDocument?> FindAsync(ClaimsPrincipal user, Guid applicationId, Guid documentId, CancellationToken cancellationToken)
    {
        var visible = await access.VisibleToAsync(user);
        return await db.ApplicationDocuments.AsNoTracking()
            .Where(d => d.Id == documentId && d.ApplicationId == applicationId && visible.Any(a => a.Id == applicationId))
            .SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>For callers that have checked the person's right themselves (an expert's review lists the document).</summary>
    public Task<ApplicationDocument?> FindAnyAsync(Guid applicationId, Guid documentId, CancellationToken cancellationToken) =>
        db.ApplicationDocuments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == documentId && d.ApplicationId == applicationId, cancellationToken);

    /// <summary>Sends the document as a download: its real format's content type, its safe name, never cached on the way.</summary>
    public async Task<IActionResult> SendAsync(HttpResponse response, ApplicationDocument document, CancellationToken cancellationToken)
    {
        await audit.DocumentDownloadedAsync(response.HttpContext.User, document, cancellationToken);
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(document.FileName);
        response.ContentType = DocumentFormats.ContentType(document.Kind);
        response.ContentLength = document.Size;
        response.Headers.ContentDisposition = disposition.ToString();
        response.Headers.CacheControl = "private, no-store";
        await CopyToAsync(document.Id, response.Body, cancellationToken);
        return new EmptyResult();
    }

    private async Task CopyToAsync(Guid documentId, Stream destination, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand(
                """SELECT "Content" FROM "ApplicationDocumentContents" WHERE "DocumentId" = @id""",
                (NpgsqlConnection)db.Database.GetDbConnection());
            command.Parameters.Add(new NpgsqlParameter<Guid>("id", documentId));
            await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                await using var content = reader.GetStream(0);
                await content.CopyToAsync(destination, cancellationToken);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
