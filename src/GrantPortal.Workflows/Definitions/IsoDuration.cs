using System.Globalization;
using System.Text.RegularExpressions;

namespace GrantPortal.Workflows.Definitions;

/// <summary>
/// The subset of ISO-8601 durations a definition may use: days, hours, minutes and whole seconds, optionally
/// negative ("P14D", "PT2H", "P1DT12H", "-P2D"). Years and months are refused because they have no fixed length, and
/// System.Xml.XmlConvert.ToTimeSpan would accept them.
/// </summary>
internal static partial class IsoDuration
{
    // [0-9] rather than \d, which also matches non-ASCII digits; five digits keep every value far from overflow.
    [GeneratedRegex("^(?<sign>-)?P(?!$)(?:(?<d>[0-9]{1,5})D)?(?:T(?=[0-9])(?:(?<h>[0-9]{1,5})H)?(?:(?<m>[0-9]{1,5})M)?(?:(?<s>[0-9]{1,5})S)?)?$")]
    private static partial Regex Pattern();

    public static bool TryParse(string text, out TimeSpan duration)
    {
        var match = Pattern().Match(text);
        if (!match.Success)
        {
            duration = default;
            return false;
        }

        duration = TimeSpan.FromDays(Part("d")) + TimeSpan.FromHours(Part("h")) + TimeSpan.FromMinutes(Part("m"))
            + TimeSpan.FromSeconds(Part("s"));
        if (match.Groups["sign"].Success)
            duration = -duration;
        return true;

        int Part(string group) =>
            match.Groups[group].Success ? int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : 0;
    }
}
