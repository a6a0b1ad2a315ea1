using System.Security.Claims;
using GrantPortal.Web.Data;
using GrantPortal.Web.Domain;
using GrantPortal.Web.Features.Applications;
using GrantPortal.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace GrantPortal.Web.Features.Documents;

/// <summary>
/// Attaches a received file to an application the person may write. Refused, with nothing stored, when the file is
/// not a PDF, DOCX, XLSX, PNG or JPEG by its content, is empty or too large, is already attached, or would take the
/// application past its limits. The check of the limits and the insert run under the lock that transitions take, so
/// two uploads at once cannot pass a limit together and a submission sees either all of an upload or none of it.
/// </summary>
public sealed class UploadDocument(
    PortalDbContext db, ApplicationAccess access, IOptions<DocumentOptions> options, TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    /// <returns>Null when stored, else what went wrong, in the person's language.</returns>
    public async Task<string?> UploadAsync(ClaimsPrincipal user, GrantApplication application, UploadedFile file, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        var typeCode = file.Fields.GetValueOrDefault("typeCode") ?? "";
        if (file.TooLarge)
        {
            return l["The file is larger than the limit of {0}.", Formats.FileSize(limits.MaxFileBytes)];
        }

        if (file.Length == 0)
        {
            return l["The file is empty."];
        }

        if (typeCode != ApplicationDocument.OtherType && application.Call!.RequiredDocumentTypes.All(d => d.Code != typeCode))
        {
            return l["Choose which document this is."];
        }

        if (DocumentFormats.Detect(file.Content) is not { } kind)
        {
            return l["Only PDF, DOCX, XLSX, PNG and JPEG files are accepted, and this file is none of them (whatever its name says)."];
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await access.LockWhileEditableAsync(application.Id, cancellationToken))
        {
            return l["The application can no longer be changed."];
        }

        var attached = await db.CurrentDocuments(application.Id).Select(d => new { d.Size, d.Sha256, d.FileName }).ToListAsync(cancellationToken);
        if (attached.FirstOrDefault(d => d.Sha256 == file.Sha256) is { } same)
        {
            return l["This file is already attached as {0}.", same.FileName];
        }

        if (attached.Count >= limits.MaxFiles)
        {
            return l["An application can have at most {0} files. Remove one first.", limits.MaxFiles];
        }

        if (attached.Sum(d => d.Size) + file.Length > limits.MaxApplicationBytes)
        {
            return l["All files of an application together may take at most {0}; {1} is used.",
                Formats.FileSize(limits.MaxApplicationBytes), Formats.FileSize(attached.Sum(d => d.Size))];
        }

        var document = new ApplicationDocument
        {
            Id = Guid.CreateVersion7(),
            ApplicationId = application.Id,
            TypeCode = typeCode,
            FileName = DocumentFormats.SafeFileName(file.FileName, kind),
            Kind = kind,
            Size = file.Length,
            Sha256 = file.Sha256,
            UploadedAt = clock.GetUtcNow().UtcDateTime,
            UploadedById = Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!),
        };
        db.ApplicationDocuments.Add(document);
        await db.SaveChangesAsync(cancellationToken);
        await WriteContentAsync(document.Id, file.Content, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    // The bytes go to PostgreSQL straight from the temporary file, without a copy in memory.
    private async Task WriteContentAsync(Guid documentId, Stream content, IDbContextTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """INSERT INTO "ApplicationDocumentContents" ("DocumentId", "Content") VALUES (@id, @content)""",
            (NpgsqlConnection)db.Database.GetDbConnection(),
            (NpgsqlTransaction)transaction.GetDbTransaction());
        command.Parameters.Add(new NpgsqlParameter<Guid>("id", documentId));
        command.Parameters.Add(new NpgsqlParameter("content", NpgsqlDbType.Bytea) { Value = content });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
