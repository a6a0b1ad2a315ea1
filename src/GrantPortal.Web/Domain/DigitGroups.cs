namespace GrantPortal.Web.Domain;

internal static class DigitGroups
{
    // The spaces people and office software put between groups of digits: a space, a no-break space (what Russian
    // Excel and Word put in "1 234"), a thin space and a narrow no-break space (what .NET and ICU use in some locales).
    public static readonly char[] Separators = [' ', '\u00A0', '\u2009', '\u202F'];
}
