using System.Diagnostics.CodeAnalysis;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace GrantPortal.Web.Domain;

/// <summary>
/// A code of the Eurasian Economic Union's commodity nomenclature for foreign economic activity (ТН ВЭД ЕАЭС):
/// 10 digits, of which the first 6 are the international Harmonized System code.
/// </summary>
// A class, not a struct: default(TnVedCode) of a struct would be a code that was never validated.
public sealed record TnVedCode
{
    private const int Length = 10;

    private readonly string _digits;

    private TnVedCode(string digits) => _digits = digits;

    public static ValueConverter<TnVedCode, string> Converter { get; } = new(code => code.ToString(), text => Parse(text));

    /// <summary>The conventional grouping of the code, 4-2-3-1 digits: "8482 10 100 0".</summary>
    public string Display => $"{_digits[..4]} {_digits[4..6]} {_digits[6..9]} {_digits[9]}";

    /// <summary>Accepts the 10 digits with or without spaces between them ("8482101000", "8482 10 100 0").</summary>
    public static bool TryParse(string? input, [MaybeNullWhen(false)] out TnVedCode value)
    {
        value = Check(input, out var digits) is null ? new TnVedCode(digits) : null;
        return value is not null;
    }

    public static TnVedCode Parse(string input) =>
        Check(input, out var digits) is { } error ? throw new FormatException(error) : new TnVedCode(digits);

    /// <summary>The 10 digits without spaces.</summary>
    public override string ToString() => _digits;

    private static string? Check(string? input, out string digits)
    {
        var trimmed = input?.Trim() ?? "";
        digits = string.Concat(trimmed.Where(c => !TypedNumber.GroupSeparators.Contains(c)));
        if (digits.Length == 0)
        {
            return "A TN VED code is required.";
        }

        if (digits.AsSpan().ContainsAnyExceptInRange('0', '9'))
        {
            return $"'{trimmed}' is not a TN VED code: it has digits and spaces only.";
        }

        if (digits.Length != Length)
        {
            return $"'{trimmed}' is not a TN VED code: it has 10 digits, this has {digits.Length}.";
        }

        // The nomenclature has chapters 01 to 97, and chapter 77 is reserved and empty.
        var chapter = int.Parse(digits.AsSpan(0, 2));
        return chapter is >= 1 and <= 97 and not 77
            ? null
            : $"'{trimmed}' is not a TN VED code: there is no chapter {digits[..2]}.";
    }
}
