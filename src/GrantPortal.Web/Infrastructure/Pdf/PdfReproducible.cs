using System.Security.Cryptography;
using System.Text;
using PdfSharp.Pdf;

namespace GrantPortal.Web.Infrastructure.Pdf;

/// <summary>
/// Saves a document so that the same content gives the same bytes, which lets a test compare two renderings and
/// keeps an issued decision's SHA-256 meaningful if it is ever rendered again. PDFsharp puts four things of its own
/// in a file: the creation time, the trailer's file identifier, a random six-letter tag before each embedded font
/// subset's name, and two random UUIDs in the XMP metadata. The first two are properties; the tags are renamed in
/// the object tree before saving; the UUIDs, which PDFsharp writes while saving, are replaced in the saved bytes by
/// others of the same length, so no offset in the cross-reference table moves.
/// </summary>
internal static class PdfReproducible
{
    private static readonly byte[] UuidPrefix = "uuid:"u8.ToArray();
    private const int UuidLength = 36;

    public static byte[] Save(PdfDocument document, PdfDocumentMetadata metadata)
    {
        document.Info.Title = metadata.Title;
        document.Info.Author = metadata.Author;
        document.Info.Creator = "GrantPortal";
        document.Info.CreationDate = DateTime.SpecifyKind(metadata.CreatedUtc, DateTimeKind.Utc);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(metadata.Key));
        // PDFsharp writes each character of the identifier as one byte.
        var identifier = new string(hash.AsSpan(0, 16).ToArray().Select(b => (char)b).ToArray());
        document.Internals.FirstDocumentID = identifier;
        document.Internals.SecondDocumentID = identifier;
        RenameFontSubsets(document);

        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        var bytes = stream.ToArray();
        ReplaceXmpUuids(bytes, hash);
        return bytes;
    }

    private static void RenameFontSubsets(PdfDocument document)
    {
        // The font dictionary, its descendant font and its descriptor share one tag: map each old tag to one new one,
        // numbered in the order of the objects, which is the order they were made in.
        var tags = new Dictionary<string, string>();
        foreach (var dictionary in document.Internals.GetAllObjects().OfType<PdfDictionary>())
        {
            foreach (var key in new[] { "/BaseFont", "/FontName" })
            {
                var name = dictionary.Elements.GetName(key);
                if (name.Length > 8 && name[7] == '+')
                {
                    var tag = name[1..7];
                    if (!tags.TryGetValue(tag, out var replacement))
                    {
                        replacement = "GP" + Letters(tags.Count);
                        tags[tag] = replacement;
                    }

                    dictionary.Elements.SetName(key, "/" + replacement + name[7..]);
                }
            }
        }
    }

    /// <summary>Four capital letters counting from AAAA.</summary>
    private static string Letters(int number)
    {
        var letters = new char[4];
        for (var i = letters.Length - 1; i >= 0; i--)
        {
            letters[i] = (char)('A' + number % 26);
            number /= 26;
        }

        return new string(letters);
    }

    private static void ReplaceXmpUuids(byte[] bytes, byte[] hash)
    {
        var span = bytes.AsSpan();
        var start = 0;
        var counter = 0;
        while (span[start..].IndexOf(UuidPrefix) is var found and >= 0)
        {
            var at = start + found + UuidPrefix.Length;
            if (at + UuidLength > bytes.Length)
            {
                return;
            }

            // Only a real UUID: "uuid:" could by chance also be bytes of a compressed stream.
            if (!Guid.TryParseExact(Encoding.ASCII.GetString(bytes, at, UuidLength), "D", out _))
            {
                start = at;
                continue;
            }

            var seed = SHA256.HashData([.. hash, (byte)counter++]);
            var uuid = new Guid(seed.AsSpan(0, 16)).ToString("D");
            Encoding.ASCII.GetBytes(uuid).CopyTo(span[at..]);
            start = at + UuidLength;
        }
    }
}
