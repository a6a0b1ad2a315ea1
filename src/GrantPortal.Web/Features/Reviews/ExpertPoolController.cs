using System.Security.Claims;
using GrantPortal.Web.Domain;
using GrantPortal.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace GrantPortal.Web.Features.Reviews;

/// <summary>
/// The expert pool: officers and admins list the experts and edit their profiles; an expert edits their own profile
/// (there is no route by which an expert reaches anyone else's). Both edit pages are one form and one use case.
/// </summary>
public sealed class ExpertPoolController(EditExpertProfile edit, IStringLocalizer<SharedResource> l) : Controller
{
    private const string Staff = $"{Roles.Officer},{Roles.Admin}";

    [HttpGet("/officer/experts")]
    [Authorize(Roles = Staff)]
    public async Task<IActionResult> Index(string? q, Sector? sector, ExpertPoolSort sort, [FromServices] ExpertPoolList list, CancellationToken cancellationToken) =>
        View(await list.LoadAsync(new ExpertPoolQuery(q, sector, sort), cancellationToken));

    [HttpGet("/officer/experts/{userId:guid}")]
    [Authorize(Roles = Staff)]
    public Task<IActionResult> Edit(Guid userId, CancellationToken cancellationToken) =>
        ShowAsync(userId, byOfficer: true, null, cancellationToken);

    [HttpPost("/officer/experts/{userId:guid}")]
    [Authorize(Roles = Staff)]
    public Task<IActionResult> Edit(Guid userId, [Bind(Prefix = "Form")] ExpertProfileForm form, CancellationToken cancellationToken) =>
        SaveAsync(userId, byOfficer: true, form, cancellationToken);

    [HttpGet("/reviews/profile")]
    [Authorize(Roles = Roles.Expert)]
    public Task<IActionResult> Own(CancellationToken cancellationToken) =>
        ShowAsync(SignedInUserId, byOfficer: false, null, cancellationToken);

    [HttpPost("/reviews/profile")]
    [Authorize(Roles = Roles.Expert)]
    public Task<IActionResult> Own([Bind(Prefix = "Form")] ExpertProfileForm form, CancellationToken cancellationToken) =>
        SaveAsync(SignedInUserId, byOfficer: false, form, cancellationToken);

    private Guid SignedInUserId => Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);

    private async Task<IActionResult> ShowAsync(Guid expertId, bool byOfficer, ExpertProfileForm? posted, CancellationToken cancellationToken) =>
        await edit.LoadAsync(expertId, byOfficer, posted, cancellationToken) is { } page ? View(nameof(Edit), page) : NotFound();

    private async Task<IActionResult> SaveAsync(Guid expertId, bool byOfficer, ExpertProfileForm form, CancellationToken cancellationToken)
    {
        var result = ModelState.IsValid
            ? await edit.SaveAsync(expertId, byOfficer, form, cancellationToken)
            : new EditExpertProfileResult(edit.Check(form, byOfficer));
        if (result is null)
        {
            return NotFound();
        }

        if (!ModelState.IsValid || result.Errors.Count > 0)
        {
            var shown = form;
            if (result.Stored is { } stored)
            {
                // The posted values would otherwise win over the model in the fields.
                ModelState.Clear();
                shown = stored;
            }

            // A field model binding has refused already (a number that is not one) needs no second message.
            var refused = ModelState.Where(e => e.Value is { Errors.Count: > 0 }).Select(e => e.Key).ToHashSet();
            ModelState.AddErrors(result.Errors
                .Select(e => e.Field == "" ? e : e with { Field = $"Form.{e.Field}" })
                .Where(e => !refused.Contains(e.Field)));
            return await ShowAsync(expertId, byOfficer, shown, cancellationToken);
        }

        TempData["Message"] = byOfficer ? l["The expert's profile is saved."].Value : l["Your expert profile is saved."].Value;
        return byOfficer ? RedirectToAction(nameof(Index)) : RedirectToAction(nameof(Own));
    }
}
