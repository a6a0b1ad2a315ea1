using System.Security.Cryptography;
using GrantPortal.Web.Data;
using GrantPortal.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace GrantPortal.Web.Features.Decisions;

/// <summary>What anyone may learn of an issued decision from its verification code.</summary>
public sealed record VerifiedDecision(
    string Code, string Number, DateTime DecidedAt, DecisionKind Kind, decimal? Amount, string ApplicationNumber, string Project,
    string Company, string Inn, string Sha256, long Size);

/// <param name="Matches">Null when no file was checked; otherwise whether the file is the issued one, byte for byte.</param>
public sealed record VerificationPage(VerifiedDecision Decision, bool? Matches);

/// <summary>
/// The public check of a decision letter (no sign-in): the code printed on the PDF and in its QR code opens the
/// decision's essentials and its SHA-256; a PDF uploaded here is compared with the issued one.
/// </summary>
public sealed class VerifyDecision(PortalDbContext db)
{
    public const long MaxUploadBytes = 20 * 1024 * 1024;

    public async Task<VerifiedDecision?> FindAsync(string code, CancellationToken cancellationToken)
    {
        var normalised = code.Trim().ToUpperInvariant();
        return await db.Decisions.AsNoTracking()
            .Where(d => d.VerificationCode == normalised && d.Status == DecisionStatus.Final && d.PdfSha256 != null)
            .Select(d => new VerifiedDecision(
                d.VerificationCode!, d.Number!, d.DecidedAt!.Value, d.Kind, d.Amount, d.Application!.Number!, d.Application.Title,
                d.Application.Company!.LegalName, d.Application.Company.Inn.ToString(), d.PdfSha256!,
                db.Set<DecisionPdfFile>().Where(f => f.DecisionId == d.Id).Select(f => (long)f.Content.Length).First()))
            .SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>Whether the uploaded file is the issued PDF: the same SHA-256 over the same number of bytes.</summary>
    public static async Task<bool> MatchesAsync(VerifiedDecision decision, Stream upload, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long length = 0;
        int read;
        while ((read = await upload.ReadAsync(buffer, cancellationToken)) > 0)
        {
            length += read;
            if (length > MaxUploadBytes)
            {
                return false;
            }

            hash.AppendData(buffer, 0, read);
        }

        return length == decision.Size && Convert.ToHexStringLower(hash.GetHashAndReset()) == decision.Sha256;
    }
}
