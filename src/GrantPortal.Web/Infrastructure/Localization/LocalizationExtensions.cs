using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace GrantPortal.Web.Infrastructure.Localization;

public static class LocalizationExtensions
{
    public static readonly CultureInfo[] Cultures = [new("ru-RU"), new("en-GB")];

    public static void AddPortalLocalization(this WebApplicationBuilder builder)
    {
        builder.Services.AddLocalization(options => options.ResourcesPath = "Resources");
        builder.Services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture(Cultures[0]);
            options.SupportedCultures = Cultures;
            options.SupportedUICultures = Cultures;
            // Russian unless the person chose otherwise with the switcher: the browser's language is not asked.
            options.RequestCultureProviders = [new CookieRequestCultureProvider()];
        });
    }

    /// <summary>"ru" or "en" for the current request.</summary>
    public static string CurrentLanguage => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
}
