using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using GrantPortal.Web.Domain;
using GrantPortal.Web.Features.Documents;
using GrantPortal.Web.Tests.Features.Documents;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;
using static GrantPortal.Web.Tests.Features.Applications.ApplicationForms;

namespace GrantPortal.Web.Tests.Infrastructure.Security;

/// <summary>
/// The upload attacks, end to end through the upload endpoint. The format and name rules themselves are tested case by
/// case in Features/Documents (DocumentFormatsTests: renamed executables, macro files, ZIP bombs, polyglots, names;
/// DocumentUploadTests: oversized, empty, limits, other companies); this is the overview that each attack, sent the way
/// an attacker would, stores nothing dangerous.
/// </summary>
[Collection(SecurityWorldCollection.Name)]
public sealed class UploadAttackTests(SecurityWorld world, ITestOutputHelper output)
{
    [Fact]
    public async Task EachUploadAttack_IsRefused_OrStoredUnderAHarmlessName()
    {
        var applicant = world.Clients[Person.Applicant];
        var id = await CreateDraftAsync(applicant);
        (string Attack, string FileName, byte[] Content)[] refused =
        [
            ("renamed executable", "plan.pdf", DocumentFiles.Executable()),
            ("ELF program as an image", "photo.png", [0x7F, .. "ELF"u8.ToArray(), 2, 1, 1, 0]),
            ("PNG with a ZIP glued on", "scan.png", [.. DocumentFiles.Png(), .. DocumentFiles.Zip("payload.exe")]),
            ("JPEG with a program glued on", "photo.jpg", [.. DocumentFiles.Jpeg(), .. DocumentFiles.Executable()]),
            ("PDF with a ZIP glued on", "plan.pdf", [.. DocumentFiles.Pdf(), .. DocumentFiles.Zip("payload.exe")]),
            ("ZIP bomb inside a DOCX", "plan.docx", ZipBombDocx()),
            ("macro-enabled DOCX", "plan.docx", DocumentFiles.Docx("word/vbaProject.bin")),
            ("HTML named as a PDF", "plan.pdf", "<html><script>alert(1)</script></html>"u8.ToArray()),
            ("SVG named as a PNG", "scan.png", "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>"u8.ToArray()),
        ];
        var failures = new List<string>();
        foreach (var (attack, fileName, content) in refused)
        {
            var response = await DocumentFiles.UploadAsync(applicant, id, "other", fileName, content);
            if (response.StatusCode != HttpStatusCode.BadRequest)
            {
                failures.Add($"{attack} ({fileName}): {(int)response.StatusCode}, expected 400");
            }
        }

        (string Attack, string FileName, string Stored)[] renamed =
        [
            ("path traversal", "../../etc/passwd.pdf", "passwd.pdf"),
            ("Windows path traversal", "..\\..\\windows\\x.pdf", "x.pdf"),
            ("NUL in the name", "plan\0.exe", "plan.exe.pdf"),
            ("very long name", new string('a', 5000) + ".pdf", new string('a', 146) + ".pdf"),
            ("right-to-left override", "invoice\u202Efdp.exe", "invoicefdp.exe.pdf"),
            ("markup in the name", "<img src=x onerror=alert(1)>.pdf", "img src=x onerror=alert(1).pdf"),
        ];
        var variant = 0;
        foreach (var (attack, fileName, stored) in renamed)
        {
            var response = await UploadWithEncodedNameAsync(id, fileName, DocumentFiles.Pdf($"variant {variant++}"));
            var names = await world.App.WithDbAsync(db => db.ApplicationDocuments.Where(d => d.ApplicationId == id).Select(d => d.FileName).ToListAsync());
            if (!response.IsSuccessStatusCode || !names.Contains(stored))
            {
                failures.Add($"{attack}: {(int)response.StatusCode}, stored as {string.Join(", ", names.Select(n => $"'{n}'"))}, expected '{stored}'");
            }
        }

        output.WriteLine($"{refused.Length} refused files, {renamed.Length} hostile names");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(renamed.Length, await world.App.WithDbAsync(db => db.ApplicationDocuments.CountAsync(d => d.ApplicationId == id)));
        Assert.All(await world.App.WithDbAsync(db => db.ApplicationDocuments.Where(d => d.ApplicationId == id).Select(d => d.Kind).ToListAsync()), k => Assert.Equal(DocumentKind.Pdf, k));
    }

    /// <summary>As a browser sends a name it cannot quote (filename*=UTF-8''...), so that any character reaches the server.</summary>
    private async Task<HttpResponseMessage> UploadWithEncodedNameAsync(Guid id, string fileName, byte[] content)
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"file\"", FileNameStar = fileName };
        var form = new MultipartFormDataContent { { new StringContent("other"), "typeCode" }, file };
        var request = new HttpRequestMessage(HttpMethod.Post, $"/applications/{id}/documents") { Content = form };
        request.Headers.Add("X-CSRF-TOKEN", await world.TokenAsync(Person.Applicant));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return await world.Clients[Person.Applicant].SendAsync(request);
    }

    /// <summary>A DOCX whose one part unpacks to more than the limit: a few hundred kilobytes on the wire.</summary>
    private static byte[] ZipBombDocx()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            zip.CreateEntry("[Content_Types].xml").Open().Dispose();
            zip.CreateEntry("word/document.xml").Open().Dispose();
            using var bomb = zip.CreateEntry("word/media/zeros.bin", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[4 * 1024 * 1024];
            for (var written = 0L; written <= DocumentFormats.MaxUnpackedBytes; written += zeros.Length)
            {
                bomb.Write(zeros);
            }
        }

        return stream.ToArray();
    }
}
