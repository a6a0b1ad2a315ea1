using Microsoft.AspNetCore.Mvc;

namespace GrantPortal.Web.Features.Decisions;

/// <summary>The decision part of an application's page for officers: propose, confirm, approve or reject; the decision made.</summary>
public sealed class DecisionPanelViewComponent(MakeDecision decisions) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid applicationId)
    {
        var application = await decisions.FindAsync(UserClaimsPrincipal, applicationId, HttpContext.RequestAborted);
        return application is null ? Content("") : View(await decisions.LoadAsync(application, HttpContext.RequestAborted));
    }
}
