using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace GrantPortal.Web.Features.Documents;

/// <summary>
/// A file received from a multipart form into a temporary file that is deleted when this is disposed. It is counted
/// and hashed on the way, so a large upload never sits in memory and one over the limit stops being read as soon as
/// it passes the limit. The form's other fields must come before the file (the upload form is laid out so).
/// </summary>
public sealed class UploadedFile : IAsyncDisposable
{
    private const int MaxFieldLength = 1024;

    private UploadedFile(FileStream content, string fileName, IReadOnlyDictionary<string, string> fields)
    {
        Content = content;
        FileName = fileName;
        Fields = fields;
    }

    /// <summary>The bytes received, positioned at the start; when <see cref="TooLarge"/>, only the first part.</summary>
    public FileStream Content { get; }

    public string FileName { get; }

    public IReadOnlyDictionary<string, string> Fields { get; }

    public long Length { get; private set; }

    public string Sha256 { get; private set; } = "";

    public bool TooLarge { get; private set; }

    /// <returns>The file, or null when the request carries no file or is not a readable form.</returns>
    public static async Task<UploadedFile?> ReceiveAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        // Without script, the anti-forgery check has already read the form to find its token; with script (the
        // token in a header) the body is still unread and is streamed here.
        if (request.HttpContext.Features.Get<IFormFeature>()?.Form is { } form)
        {
            var file = form.Files.FirstOrDefault();
            if (file is null)
            {
                return null;
            }

            await using var stream = file.OpenReadStream();
            var fields = form.Where(f => f.Key != file.Name).ToDictionary(f => f.Key, f => f.Value.ToString());
            return await CopyAsync(stream, file.FileName, fields, maxBytes, cancellationToken);
        }

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 } boundary)
        {
            return null;
        }

        try
        {
            var reader = new MultipartReader(boundary, request.Body);
            var fields = new Dictionary<string, string>();
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
                {
                    continue;
                }

                if (disposition.IsFileDisposition())
                {
                    var name = disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
                    return await CopyAsync(section.Body, name ?? "", fields, maxBytes, cancellationToken);
                }

                if (!disposition.IsFormDisposition())
                {
                    continue;
                }

                var value = await new StreamReader(section.Body).ReadToEndAsync(cancellationToken);
                fields[HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? ""] = value.Length <= MaxFieldLength ? value : "";
            }
            return null;
        }
        catch (Exception e) when (e is InvalidDataException || (e is IOException && !request.HttpContext.RequestAborted.IsCancellationRequested))
        {
            // A malformed multipart body, or one that ends before its closing boundary (the reader says IOException
            // "Unexpected end of stream"; it was a server error): treated as no file at all.
            return null;
        }
    }

    private static async Task<UploadedFile> CopyAsync(
        Stream source, string fileName, IReadOnlyDictionary<string, string> fields, long maxBytes, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), $"grantportal-upload-{Guid.NewGuid():N}");
        var content = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        var received = new UploadedFile(content, fileName, fields);
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[81920];
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
            {
                received.Length += read;
                if (received.Length > maxBytes)
                {
                    received.TooLarge = true;
                    break;
                }

                hash.AppendData(buffer, 0, read);
                await content.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }

            received.Sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
            content.Position = 0;
            return received;
        }
        catch
        {
            await received.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => Content.DisposeAsync();
}
