using System.Globalization;

namespace GrantPortal.Web.Infrastructure.Localization;

/// <summary>
/// Switches the current culture for a block, e.g. to write an e-mail in the recipient's language rather than
/// in the language of the person whose request caused it.
/// </summary>
public sealed class CultureScope : IDisposable
{
    private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
    private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;

    public CultureScope(string language)
    {
        var culture = LocalizationExtensions.Cultures.FirstOrDefault(c => c.TwoLetterISOLanguageName == language)
            ?? LocalizationExtensions.Cultures[0];
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
    }

    public void Dispose()
    {
        CultureInfo.CurrentCulture = _culture;
        CultureInfo.CurrentUICulture = _uiCulture;
    }
}
