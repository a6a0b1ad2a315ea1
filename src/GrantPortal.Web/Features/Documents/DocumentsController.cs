using GrantPortal.Web.Domain;
using GrantPortal.Web.Features.Applications;
using GrantPortal.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace GrantPortal.Web.Features.Documents;

/// <summary>Uploading, removing and downloading an application's documents; the list is the form's Documents page.</summary>
[Authorize(Roles = $"{Roles.Applicant},{Roles.Officer},{Roles.Admin}")]
public sealed class DocumentsController(ApplicationAccess access, IStringLocalizer<SharedResource> l) : Controller
{
    [Authorize(Roles = Roles.Applicant)]
    [HttpPost("/applications/{id:guid}/documents")]
    [DisableFormValueModelBinding]
    public async Task<IActionResult> Upload(Guid id, [FromServices] UploadDocument upload, [FromServices] IOptions<DocumentOptions> options, CancellationToken cancellationToken)
    {
        var application = await access.FindEditableAsync(User, id, cancellationToken);
        if (application is null)
        {
            return NotFound();
        }

        // Our own limit, checked while the file streams in, decides; Kestrel's default cap on a body (30 MB) must not.
        if (HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = options.Value.MaxFileBytes + 1024 * 1024;
        }

        await using var file = await UploadedFile.ReceiveAsync(Request, options.Value.MaxFileBytes, cancellationToken);
        var error = file is null ? l["Choose a file to upload."].Value : await upload.UploadAsync(User, application, file, cancellationToken);
        return Outcome(id, error, l["The file is attached."]);
    }

    [Authorize(Roles = Roles.Applicant)]
    [HttpPost("/applications/{id:guid}/documents/{documentId:guid}/remove")]
    public async Task<IActionResult> Remove(Guid id, Guid documentId, [FromServices] RemoveDocument remove, CancellationToken cancellationToken)
    {
        var application = await access.FindEditableAsync(User, id, cancellationToken);
        return application is null
            ? NotFound()
            : Outcome(id, await remove.RemoveAsync(application, documentId, cancellationToken), l["The file is removed."]);
    }

    [HttpGet("/applications/{id:guid}/documents/{documentId:guid}")]
    public async Task<IActionResult> Download(Guid id, Guid documentId, [FromServices] DownloadDocument download, CancellationToken cancellationToken)
    {
        var document = await download.FindAsync(User, id, documentId, cancellationToken);
        if (document is null)
        {
            return NotFound();
        }

        return await download.SendAsync(Response, document, cancellationToken);
    }

    // The upload page sends files by script to show progress and asks for JSON; without script it is a plain form.
    private IActionResult Outcome(Guid id, string? error, string done)
    {
        var page = Url.Action("Documents", "Applications", new { id })!;
        var wantsJson = Request.Headers.Accept.Any(a => a?.Contains("application/json", StringComparison.OrdinalIgnoreCase) == true);
        if (error is null || !wantsJson)
        {
            // A script shows its own error in place; the page it moves to after success shows the message.
            TempData.Tell(error, done);
        }

        return !wantsJson ? Redirect(page)
            : error is null ? Json(new { redirect = page })
            : BadRequest(new { error });
    }
}
