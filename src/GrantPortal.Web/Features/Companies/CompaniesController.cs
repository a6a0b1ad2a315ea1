using GrantPortal.Web.Domain;
using GrantPortal.Web.Features.Account;
using GrantPortal.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace GrantPortal.Web.Features.Companies;

/// <summary>
/// The applicant's company: created by its first member, edited and grown by invitation by its members. No route
/// carries a company id: every action works on the company of the signed-in applicant, read from the database.
/// </summary>
[Authorize(Roles = Roles.Applicant)]
public sealed class CompaniesController(UserManager<PortalUser> users, IStringLocalizer<SharedResource> l) : Controller
{
    private Guid UserId => Guid.Parse(users.GetUserId(User)!);

    [HttpGet("/company")]
    public async Task<IActionResult> Index([FromServices] CompanyProfileQuery query, CancellationToken cancellationToken) =>
        await query.LoadAsync(UserId, cancellationToken) is { } profile ? View(profile) : RedirectToAction(nameof(Create));

    [HttpGet("/company/new")]
    public async Task<IActionResult> Create([FromServices] CompanyProfileQuery query, CancellationToken cancellationToken) =>
        await query.CompanyIdOfAsync(UserId, cancellationToken) is null ? View(new CompanyForm()) : RedirectToAction(nameof(Index));

    [HttpPost("/company/new")]
    public async Task<IActionResult> Create(
        CompanyForm form, [FromServices] CreateCompany create, [FromServices] CompanyFormReader reader,
        [FromServices] SignInManager<PortalUser> signIn, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            ModelState.AddErrors(reader.Explain(form, isNew: true));
            return View(form);
        }

        var errors = await create.CreateAsync(UserId, form, cancellationToken);
        if (errors.Count > 0)
        {
            ModelState.AddErrors(errors);
            return View(form);
        }

        // A new cookie, so that the pages see the membership (the company claim) at once.
        await signIn.RefreshSignInAsync((await users.GetUserAsync(User))!);
        TempData["Message"] = l["The company is registered. You can now invite your colleagues."].Value;
        return RedirectToAction(nameof(Index));
    }

    [HttpGet("/company/edit")]
    public async Task<IActionResult> Edit([FromServices] EditCompany edit, CancellationToken cancellationToken) =>
        await edit.LoadFormAsync(UserId, cancellationToken) is { } form ? View(form) : RedirectToAction(nameof(Create));

    [HttpPost("/company/edit")]
    public async Task<IActionResult> Edit(
        CompanyForm form, [FromServices] EditCompany edit, [FromServices] CompanyFormReader reader, CancellationToken cancellationToken)
    {
        var result = ModelState.IsValid
            ? await edit.EditAsync(UserId, form, cancellationToken)
            : new EditCompanyResult(reader.Explain(form, isNew: false));
        if (result is null)
        {
            return RedirectToAction(nameof(Create));
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

            ModelState.AddErrors(result.Errors);
            return await ShowEditAsync(shown, edit, cancellationToken);
        }

        TempData["Message"] = l["The company profile is saved."].Value;
        return RedirectToAction(nameof(Index));
    }

    [HttpGet("/company/invite")]
    public async Task<IActionResult> Invite([FromServices] CompanyProfileQuery query, CancellationToken cancellationToken) =>
        await query.CompanyIdOfAsync(UserId, cancellationToken) is null ? RedirectToAction(nameof(Create)) : View(new InviteColleagueForm());

    [HttpPost("/company/invite")]
    public async Task<IActionResult> Invite(InviteColleagueForm form, [FromServices] InviteColleague invite, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return View(form);
        }

        var errors = await invite.InviteAsync(UserId, form, Url.InvitationLinks(Request), cancellationToken);
        if (errors is null)
        {
            return RedirectToAction(nameof(Create));
        }

        if (errors.Count > 0)
        {
            ModelState.AddErrors(errors);
            return View(form);
        }

        TempData["Message"] = l["The invitation to {0} is sent.", form.Email.Trim()].Value;
        return RedirectToAction(nameof(Index));
    }

    /// <summary>The edit page shows the INN and OGRN as stored, whatever the request said.</summary>
    private async Task<IActionResult> ShowEditAsync(CompanyForm form, EditCompany edit, CancellationToken cancellationToken)
    {
        if (await edit.LoadFormAsync(UserId, cancellationToken) is not { } stored)
        {
            return RedirectToAction(nameof(Create));
        }

        form.Inn = stored.Inn;
        form.Ogrn = stored.Ogrn;
        return View(nameof(Edit), form);
    }
}
