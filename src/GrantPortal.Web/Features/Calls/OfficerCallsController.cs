using GrantPortal.Web.Domain;
using GrantPortal.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace GrantPortal.Web.Features.Calls;

/// <summary>Officers open and manage calls.</summary>
[Authorize(Roles = Roles.Officer)]
public sealed class OfficerCallsController(IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet("/officer/calls")]
    public async Task<IActionResult> Index([FromServices] CallList list, CancellationToken cancellationToken) =>
        View(await list.LoadAsync(cancellationToken));

    [HttpGet("/officer/calls/{id:guid}")]
    public async Task<IActionResult> Details(Guid id, [FromServices] CallList list, CancellationToken cancellationToken) =>
        await list.LoadOneAsync(id, cancellationToken) is { } page ? View(page) : NotFound();

    [HttpGet("/officer/calls/new")]
    public IActionResult Create() => View(CallForm.ForNewCall().WithEmptyRows());

    [HttpPost("/officer/calls/new")]
    public async Task<IActionResult> Create(
        CallForm form, [FromServices] CreateCall create, [FromServices] UserManager<PortalUser> userManager, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return View(form.WithEmptyRows());
        }

        var result = await create.CreateAsync(form, Guid.Parse(userManager.GetUserId(User)!), cancellationToken);
        if (result.CallId is not { } id)
        {
            ModelState.AddErrors(result.Errors);
            return View(form.WithEmptyRows());
        }

        TempData["Message"] = l["The call is created."].Value;
        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpGet("/officer/calls/{id:guid}/edit")]
    public async Task<IActionResult> Edit(Guid id, [FromServices] EditCall edit, CancellationToken cancellationToken) =>
        await edit.LoadFormAsync(id, cancellationToken) is { } form ? View(form.WithEmptyRows()) : NotFound();

    [HttpPost("/officer/calls/{id:guid}/edit")]
    public async Task<IActionResult> Edit(Guid id, CallForm form, [FromServices] EditCall edit, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            // Which fields are disabled depends on the stored call, not on anything the request says.
            return await edit.LoadFormAsync(id, cancellationToken) is { } stored
                ? View(Keep(form, stored).WithEmptyRows())
                : NotFound();
        }

        var errors = await edit.EditAsync(id, form, cancellationToken);
        if (errors is null)
        {
            return NotFound();
        }

        if (errors.Count > 0)
        {
            ModelState.AddErrors(errors);
            return View(form.WithEmptyRows());
        }

        TempData["Message"] = l["The call is saved."].Value;
        return RedirectToAction(nameof(Details), new { id });
    }

    private static CallForm Keep(CallForm posted, CallForm stored)
    {
        posted.CallId = stored.CallId;
        posted.RulesFrozen = stored.RulesFrozen;
        return posted;
    }
}
