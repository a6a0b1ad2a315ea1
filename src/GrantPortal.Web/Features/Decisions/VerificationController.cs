using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace GrantPortal.Web.Features.Decisions;

/// <summary>The public verification page of decision letters.</summary>
[AllowAnonymous]
public sealed class VerificationController(VerifyDecision verify) : Controller
{
    [HttpGet("/verify/{code}")]
    public async Task<IActionResult> Show(string code, CancellationToken cancellationToken) =>
        await verify.FindAsync(code, cancellationToken) is { } decision ? View(new VerificationPage(decision, null)) : NotFound();

    [HttpPost("/verify/{code}")]
    [RequestSizeLimit(VerifyDecision.MaxUploadBytes + 64 * 1024)]
    [RequestFormLimits(MultipartBodyLengthLimit = VerifyDecision.MaxUploadBytes + 64 * 1024)]
    public async Task<IActionResult> Check(string code, IFormFile? file, CancellationToken cancellationToken)
    {
        var decision = await verify.FindAsync(code, cancellationToken);
        if (decision is null)
        {
            return NotFound();
        }

        if (file is null)
        {
            return View(nameof(Show), new VerificationPage(decision, null));
        }

        await using var upload = file.OpenReadStream();
        return View(nameof(Show), new VerificationPage(decision, await VerifyDecision.MatchesAsync(decision, upload, cancellationToken)));
    }
}
