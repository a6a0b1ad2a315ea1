using System.Globalization;
using System.IO.Compression;
using System.Text;
using GrantPortal.Web.Domain;

namespace GrantPortal.Web.Features.Documents;

/// <summary>
/// Tells which accepted format a file is by its content: the first bytes, for DOCX and XLSX (ZIP packages) the parts
/// inside, for PDF, PNG and JPEG where the data ends. A renamed executable, a polyglot (<see cref="DocumentEnds"/>), a
/// macro-enabled Office file or a ZIP that claims to unpack to more than <see cref="MaxUnpackedBytes"/> is none of the
/// accepted formats.
/// </summary>
public static class DocumentFormats
{
    /// <summary>Far above any real form or spreadsheet; a ZIP bomb claims more.</summary>
    public const long MaxUnpackedBytes = 500L * 1024 * 1024;

    private const int MaxZipEntries = 10_000;

    public static string Extension(DocumentKind kind) => kind switch
    {
        DocumentKind.Pdf => ".pdf",
        DocumentKind.Docx => ".docx",
        DocumentKind.Xlsx => ".xlsx",
        DocumentKind.Png => ".png",
        DocumentKind.Jpeg => ".jpg",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static string ContentType(DocumentKind kind) => kind switch
    {
        DocumentKind.Pdf => "application/pdf",
        DocumentKind.Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        DocumentKind.Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        DocumentKind.Png => "image/png",
        DocumentKind.Jpeg => "image/jpeg",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The file's format, or null when it is not one the agency accepts. Reads from the start of a seekable stream.</summary>
    public static DocumentKind? Detect(Stream file)
    {
        var head = new byte[8];
        file.Position = 0;
        var read = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var start = head.AsSpan(0, read);
        file.Position = 0;
        if (start.StartsWith("%PDF-"u8)) return Checked(file, DocumentKind.Pdf, DocumentEnds.PdfEndsCleanly);
        if (start.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return Checked(file, DocumentKind.Png, DocumentEnds.PngEndsCleanly);
        if (start.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return Checked(file, DocumentKind.Jpeg, DocumentEnds.JpegEndsCleanly);
        return start.StartsWith("PK\u0003\u0004"u8) ? OfficeKind(file) : null;
    }

    /// <summary>The format, unless something is glued after its end (a polyglot, see <see cref="DocumentEnds"/>).</summary>
    private static DocumentKind? Checked(Stream file, DocumentKind kind, Func<Stream, bool> endsCleanly)
    {
        try
        {
            return endsCleanly(file) ? kind : null;
        }
        finally
        {
            file.Position = 0;
        }
    }

    private static DocumentKind? OfficeKind(Stream file)
    {
        try
        {
            using var zip = new ZipArchive(file, ZipArchiveMode.Read, leaveOpen: true);
            if (zip.Entries.Count > MaxZipEntries || zip.Entries.Sum(e => e.Length) > MaxUnpackedBytes)
            {
                return null;
            }

            var parts = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.OrdinalIgnoreCase);
            if (!parts.Contains("[Content_Types].xml") || parts.Any(p => p.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase)))
            {
                return null;
            }

            return parts.Contains("word/document.xml") ? DocumentKind.Docx
                : parts.Contains("xl/workbook.xml") ? DocumentKind.Xlsx
                : null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
        finally
        {
            file.Position = 0;
        }
    }

    /// <summary>
    /// The name to show and to offer for download: no folders, no control or direction-changing characters, none of
    /// the characters file systems forbid, at most 150 characters, and ending in the extension of the real format.
    /// </summary>
    public static string SafeFileName(string? uploaded, DocumentKind kind)
    {
        var name = (uploaded ?? "").Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        var kept = new StringBuilder();
        foreach (var c in name.Normalize(NormalizationForm.FormC))
        {
            var category = char.GetUnicodeCategory(c);
            if (category is not (UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.OtherNotAssigned)
                && "\"*:<>?|".IndexOf(c) < 0)
            {
                kept.Append(c);
            }
        }

        var extension = Extension(kind);
        var stem = kept.ToString().Trim().Trim('.').Trim();
        var known = kind == DocumentKind.Jpeg ? new[] { ".jpg", ".jpeg" } : [extension];
        if (known.FirstOrDefault(e => stem.EndsWith(e, StringComparison.OrdinalIgnoreCase)) is { } present)
        {
            stem = stem[..^present.Length].TrimEnd('.', ' ');
            extension = present.ToLowerInvariant();
        }

        if (stem.Length == 0)
        {
            stem = "document";
        }

        return stem[..Math.Min(stem.Length, 150 - extension.Length)] + extension;
    }
}
