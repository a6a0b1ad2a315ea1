using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using GrantPortal.Testing;

namespace GrantPortal.Web.Tests.Features.Documents;

/// <summary>Small files of each kind, and uploads made the way the Documents page makes them.</summary>
internal static class DocumentFiles
{
    public static byte[] Pdf(string text = "plan") =>
        Encoding.ASCII.GetBytes($"%PDF-1.4\n% {text}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    /// <summary>A real one-pixel PNG, IEND included.</summary>
    public static byte[] Png() =>
        Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    /// <summary>SOI, a JFIF header, a scan with a stuffed 0xFF and a restart marker in its data, EOI.</summary>
    public static byte[] Jpeg() =>
    [
        0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 0x4A, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0,
        0xFF, 0xDA, 0, 8, 1, 1, 0, 0, 0x3F, 0, 0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56, 0xFF, 0xD9,
    ];

    /// <summary>What a Windows program starts with: "MZ".</summary>
    public static byte[] Executable() => [0x4D, 0x5A, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xFF, 0xFF];

    public static byte[] Docx(params string[] extraParts) =>
        Zip(["[Content_Types].xml", "word/document.xml", .. extraParts]);

    public static byte[] Xlsx() => Zip("[Content_Types].xml", "xl/workbook.xml");

    public static byte[] Zip(params string[] parts)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create))
        {
            foreach (var part in parts)
            {
                using var writer = new StreamWriter(zip.CreateEntry(part).Open());
                writer.Write("<?xml version=\"1.0\"?><x/>");
            }
        }

        return buffer.ToArray();
    }

    /// <summary>Posts a file as the page's script does (token in a header, JSON answer), or as the plain form does.</summary>
    public static async Task<HttpResponseMessage> UploadAsync(
        HttpClient client, Guid applicationId, string typeCode, string fileName, byte[] content, bool withScript = true)
    {
        // Any form of the layout carries a token for this person.
        var token = (await client.GetDocumentAsync("/")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var form = new MultipartFormDataContent { { new StringContent(typeCode), "typeCode" } };
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/applications/{applicationId}/documents") { Content = form };
        if (withScript)
        {
            request.Headers.Add("X-CSRF-TOKEN", token);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        }
        else
        {
            form.Add(new StringContent(token), "__RequestVerificationToken");
        }

        return await client.SendAsync(request);
    }

    /// <summary>Attaches a small PDF for each document the application's call requires.</summary>
    public static async Task AttachRequiredAsync(HttpClient client, Guid applicationId)
    {
        var page = await client.GetDocumentAsync($"/applications/{applicationId}/documents");
        foreach (var option in page.QuerySelectorAll("#typeCode option").Select(o => o.GetAttribute("value")!).Where(v => v != "other"))
        {
            var response = await UploadAsync(client, applicationId, option, $"{option}.pdf", Pdf(option));
            Assert.True(response.IsSuccessStatusCode, $"uploading {option} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }
}
