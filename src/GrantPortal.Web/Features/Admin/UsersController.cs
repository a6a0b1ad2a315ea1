using GrantPortal.Web.Domain;
using GrantPortal.Web.Features.Account;
using GrantPortal.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace GrantPortal.Web.Features.Admin;

[Authorize(Roles = Roles.Admin)]
public sealed class UsersController(IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet("/admin/users")]
    public async Task<IActionResult> Index(
        string? q, string? role, int page, [FromServices] UserList list, CancellationToken cancellationToken) =>
        View(await list.LoadAsync(new UserListQuery(q, role, page), cancellationToken));

    [HttpGet("/admin/users/{id:guid}")]
    public async Task<IActionResult> Details(Guid id, [FromServices] UserDetailsQuery query, CancellationToken cancellationToken) =>
        await query.LoadAsync(id, cancellationToken) is { } user ? View(user) : NotFound();

    [HttpPost("/admin/users/{id:guid}/roles")]
    public async Task<IActionResult> ChangeRoles(
        Guid id, List<string> roles, [FromServices] ChangeUserRoles changeRoles, [FromServices] UserDetailsQuery query,
        CancellationToken cancellationToken)
    {
        var errors = await changeRoles.ChangeAsync(id, roles, User, cancellationToken);
        if (errors is null)
        {
            return NotFound();
        }

        if (errors.Count > 0)
        {
            ModelState.AddErrors(errors);
            return await query.LoadAsync(id, cancellationToken) is { } user ? View(nameof(Details), user) : NotFound();
        }

        TempData["Message"] = l["The roles are saved. The person's open sessions get them within a minute."].Value;
        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpPost("/admin/users/{id:guid}/unlock")]
    public async Task<IActionResult> Unlock(Guid id, [FromServices] UnlockUser unlock)
    {
        if (!await unlock.UnlockAsync(id))
        {
            return NotFound();
        }

        TempData["Message"] = l["The account is unlocked."].Value;
        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpGet("/admin/users/invite")]
    public IActionResult Invite() => View(new InviteUserForm());

    [HttpPost("/admin/users/invite")]
    public async Task<IActionResult> Invite(InviteUserForm form, [FromServices] InviteUser invite, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return View(form);
        }

        var result = await invite.InviteAsync(form, Url.InvitationLinks(Request), cancellationToken);
        if (result.UserId is not { } id)
        {
            ModelState.AddErrors(result.Errors);
            return View(form);
        }

        TempData["Message"] = l["The invitation to {0} is sent.", form.Email].Value;
        return RedirectToAction(nameof(Details), new { id });
    }
}
