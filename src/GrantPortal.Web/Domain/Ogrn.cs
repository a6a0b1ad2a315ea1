using System.Diagnostics.CodeAnalysis;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace GrantPortal.Web.Domain;

/// <summary>
/// The primary state registration number (ОГРН) of a Russian legal entity: 13 digits, the last a check digit.
/// An individual entrepreneur's 15-digit ОГРНИП is refused: applicants are legal entities.
/// </summary>
// A class, not a struct: default(Ogrn) of a struct would be a number that was never validated.
public sealed record Ogrn
{
    private const int Length = 13;

    private readonly string _digits;

    private Ogrn(string digits) => _digits = digits;

    public static ValueConverter<Ogrn, string> Converter { get; } = new(ogrn => ogrn.ToString(), text => Parse(text));

    public static bool TryParse(string? input, [MaybeNullWhen(false)] out Ogrn value)
    {
        value = Check(input, out var digits) is null ? new Ogrn(digits) : null;
        return value is not null;
    }

    public static Ogrn Parse(string input) =>
        Check(input, out var digits) is { } error ? throw new FormatException(error) : new Ogrn(digits);

    public override string ToString() => _digits;

    private static string? Check(string? input, out string digits)
    {
        digits = input?.Trim() ?? "";
        if (digits.Length == 0)
        {
            return "An OGRN is required.";
        }

        if (digits.AsSpan().ContainsAnyExceptInRange('0', '9'))
        {
            return $"'{digits}' is not an OGRN: an OGRN has digits only.";
        }

        if (digits.Length == 15)
        {
            return $"'{digits}' has 15 digits, which is an individual entrepreneur's OGRNIP; legal entities have a 13-digit OGRN.";
        }

        if (digits.Length != Length)
        {
            return $"'{digits}' is not an OGRN: legal entities have 13 digits, this has {digits.Length}.";
        }

        // The first digit says what kind of record the number belongs to: 1 and 5 are OGRNs; 2, 4, 6, 7, 8, 9 are
        // numbers of later register entries (ГРН), which identify a change, not a company.
        if (digits[0] is not ('1' or '5'))
        {
            return $"'{digits}' is not an OGRN: an OGRN starts with 1 or 5.";
        }

        // The first 12 digits fit in a long, so the check needs no big-number arithmetic.
        var checkDigit = long.Parse(digits.AsSpan(0, 12)) % 11 % 10;
        return checkDigit == digits[^1] - '0' ? null : $"'{digits}' is not a valid OGRN: its check digit does not match.";
    }
}
