using GrantPortal.Web.Domain;
using GrantPortal.Web.Features.Documents;
using GrantPortal.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace GrantPortal.Web.Features.Reviews;

/// <summary>The expert's pages: the dashboard, each review (the offer, then the form beside the application), its documents.</summary>
[Authorize(Roles = Roles.Expert)]
public sealed class ReviewsController(ExpertReviews reviews, IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet("/reviews")]
    public async Task<IActionResult> Index(int? page, CancellationToken cancellationToken) => View(await reviews.DashboardAsync(User, page, cancellationToken));

    [HttpGet("/reviews/{id:guid}")]
    public async Task<IActionResult> Show(Guid id, CancellationToken cancellationToken) =>
        await reviews.FindAsync(User, id, cancellationToken) is { Status: not ReviewStatus.Replaced } review
            ? View(await reviews.LoadAsync(review, null, cancellationToken))
            : NotFound();

    [HttpPost("/reviews/{id:guid}/accept")]
    public async Task<IActionResult> Accept(Guid id, bool declareNoConflict, CancellationToken cancellationToken)
    {
        var review = await reviews.FindAsync(User, id, cancellationToken);
        return review is null ? NotFound() : Outcome(id, await reviews.AcceptAsync(review, declareNoConflict, cancellationToken), l["Accepted. The application is below; your review is due {0}.", Infrastructure.Localization.Formats.MoscowTime(review.DueAt)]);
    }

    [HttpPost("/reviews/{id:guid}/decline")]
    public async Task<IActionResult> Decline(Guid id, string? reason, CancellationToken cancellationToken)
    {
        var review = await reviews.FindAsync(User, id, cancellationToken);
        return review is null ? NotFound() : Outcome(id, await reviews.DeclineAsync(review, reason, cancellationToken), l["Declined. The agency is told."]);
    }

    [HttpPost("/reviews/{id:guid}")]
    public async Task<IActionResult> Write(Guid id, [Bind(Prefix = "Form")] ReviewForm form, bool submit, CancellationToken cancellationToken)
    {
        var review = await reviews.FindAsync(User, id, cancellationToken);
        if (review is null)
        {
            return NotFound();
        }

        var errors = ModelState.IsValid ? await reviews.WriteAsync(review, form, submit, cancellationToken) : [];
        if (!ModelState.IsValid || errors.Count > 0)
        {
            ModelState.AddErrors(errors.Select(e => e.Field == "" ? e : e with { Field = $"Form.{e.Field}" }));
            return View(nameof(Show), await reviews.LoadAsync(review, form, cancellationToken));
        }

        TempData["Message"] = submit ? l["Your review is submitted. Thank you."].Value : l["Draft saved."].Value;
        return RedirectToAction(nameof(Show), new { id });
    }

    [HttpGet("/reviews/{id:guid}/documents/{documentId:guid}")]
    public async Task<IActionResult> Document(Guid id, Guid documentId, [FromServices] DownloadDocument download, CancellationToken cancellationToken)
    {
        var review = await reviews.FindAsync(User, id, cancellationToken);
        if (review is not { Status: ReviewStatus.Accepted or ReviewStatus.Submitted })
        {
            return NotFound();
        }

        return await reviews.ListsDocumentAsync(review, documentId, cancellationToken)
            && await download.FindAnyAsync(review.ApplicationId, documentId, cancellationToken) is { } document
            ? await download.SendAsync(Response, document, cancellationToken)
            : NotFound();
    }

    private RedirectToActionResult Outcome(Guid id, string? error, string done)
    {
        TempData.Tell(error, done);
        return RedirectToAction(nameof(Show), new { id });
    }
}
