using GrantPortal.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;

namespace GrantPortal.Web.Features.Home;

public sealed class LanguageController : Controller
{
    /// <summary>The RU/EN switch: remembers the choice in a cookie for a year and returns to the same page.</summary>
    [HttpPost("/language")]
    public IActionResult Set(string language, string? returnUrl)
    {
        var culture = LocalizationExtensions.Cultures.FirstOrDefault(c => c.TwoLetterISOLanguageName == language)
            ?? LocalizationExtensions.Cultures[0];
        Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
