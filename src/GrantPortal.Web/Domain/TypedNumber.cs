using System.Globalization;

namespace GrantPortal.Web.Domain;

/// <summary>What reading a typed number found.</summary>
public enum NumberInput
{
    Valid,
    Empty,
    NotANumber,
    TooManyDecimals,
    TooLarge,
}

/// <summary>
/// Reads a number a person typed, in the Russian or the English way: "100 000 000,00", "100000000.00", "12,5". The one
/// reader for every number the portal's forms take: amounts of money (through <see cref="Money"/>), percentages,
/// weights and scores.
/// </summary>
/// <remarks>
/// The rule: ASCII digits, optionally grouped in thousands by single spaces (plain, no-break, thin or narrow no-break),
/// one to three digits first and then groups of exactly three; then optionally one comma or dot followed by digits,
/// at most as many as the caller allows. Nothing else: no sign (nothing the portal asks for is negative), no currency,
/// no exponent. A comma or dot is therefore never a thousands separator, so "1,234.56" and "1.234,56" are refused and
/// "1,234" is refused rather than read as either 1.234 or 1 234: a Russian and an English reader would take it for
/// numbers a thousand times apart, and guessing wrong on a grant is worse than asking again. Extra decimals are
/// refused, never rounded.
/// </remarks>
public static class TypedNumber
{
    // The spaces people and office software put between groups of digits: a space, a no-break space (what Russian
    // Excel and Word put in "1 234"), a thin space and a narrow no-break space (what .NET and ICU use in some locales).
    public static readonly char[] GroupSeparators = [' ', '\u00A0', '\u2009', '\u202F'];

    /// <param name="maxDecimals">How many digits may follow the comma or dot: 2 for roubles and kopecks.</param>
    /// <param name="value">The number when the answer is <see cref="NumberInput.Valid"/>, otherwise zero.</param>
    public static NumberInput Read(string? input, int maxDecimals, out decimal value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxDecimals);
        value = 0;
        var text = input?.Trim() ?? "";
        if (text.Length == 0)
        {
            return NumberInput.Empty;
        }

        var separator = text.AsSpan().IndexOfAny(',', '.');
        var whole = separator < 0 ? text : text[..separator];
        var fraction = separator < 0 ? "" : text[(separator + 1)..];

        // A second comma or dot is a non-digit in the fraction.
        if (separator >= 0 && (fraction.Length == 0 || fraction.AsSpan().ContainsAnyExceptInRange('0', '9')))
        {
            return NumberInput.NotANumber;
        }

        var groups = whole.Split(GroupSeparators);
        if (groups.Any(g => g.Length == 0 || g.AsSpan().ContainsAnyExceptInRange('0', '9'))
            || (groups.Length > 1 && (groups[0].Length > 3 || groups.Skip(1).Any(g => g.Length != 3))))
        {
            return NumberInput.NotANumber;
        }

        if (fraction.Length > maxDecimals)
        {
            return NumberInput.TooManyDecimals;
        }

        // Only digits and one point are left, so the only way left to fail is size.
        var digits = string.Concat(groups) + (fraction.Length > 0 ? "." + fraction : "");
        return decimal.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value) ? NumberInput.Valid : NumberInput.TooLarge;
    }
}
