using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace GrantPortal.Web.Features.Account;

/// <summary>
/// Officers and admins decide on money and people: until they have set up an authenticator app, every page
/// except the set-up itself, signing out and the language switch sends them to the set-up page.
/// </summary>
internal sealed class RequireTwoFactorSetupFilter : IActionFilter
{
    private static readonly HashSet<string> Allowed = ["TwoFactor", "Account", "Language"];

    public void OnActionExecuting(ActionExecutingContext context)
    {
        if (context.HttpContext.User.HasClaim(c => c.Type == PortalClaimsPrincipalFactory.TwoFactorSetupRequiredClaim)
            && !Allowed.Contains((string)context.RouteData.Values["controller"]!))
        {
            context.Result = new RedirectToActionResult("Enable", "TwoFactor", null);
        }
    }

    public void OnActionExecuted(ActionExecutedContext context)
    {
    }
}
