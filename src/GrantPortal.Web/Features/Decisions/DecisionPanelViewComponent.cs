using GrantPortal.Web.Domain;
using GrantPortal.Workflows.Persistence;
using Microsoft.AspNetCore.Mvc;

namespace GrantPortal.Web.Features.Decisions;

/// <summary>The decision part of an application's page for officers: propose, confirm, approve or reject; the decision made.</summary>
public sealed class DecisionPanelViewComponent(MakeDecision decisions) : ViewComponent
{
    /// <param name="application">The application the page has loaded (with its call and company).</param>
    /// <param name="instance">Its workflow instance, as the page has read it.</param>
    /// <param name="made">Its decisions but the withdrawn ones, as the page has read them.</param>
    public async Task<IViewComponentResult> InvokeAsync(GrantApplication application, WorkflowInstance instance, IReadOnlyList<Decision> made) =>
        UserClaimsPrincipal.IsInRole(Roles.Officer) || UserClaimsPrincipal.IsInRole(Roles.Admin)
            ? View(await decisions.LoadAsync(application, instance, made, HttpContext.RequestAborted))
            : Content("");
}
