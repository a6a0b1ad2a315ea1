using System.Diagnostics.CodeAnalysis;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace GrantPortal.Web.Domain;

/// <summary>
/// The tax registration reason code (КПП) of a Russian legal entity: 4 digits (the tax office), 2 digits or capital
/// Latin letters (the reason), 3 digits. It has no check digit.
/// </summary>
// A class, not a struct: default(Kpp) of a struct would be a code that was never validated.
public sealed record Kpp
{
    private const int Length = 9;

    private readonly string _code;

    private Kpp(string code) => _code = code;

    public static ValueConverter<Kpp, string> Converter { get; } = new(kpp => kpp.ToString(), text => Parse(text));

    public static bool TryParse(string? input, [MaybeNullWhen(false)] out Kpp value)
    {
        value = Check(input, out var code) is null ? new Kpp(code) : null;
        return value is not null;
    }

    public static Kpp Parse(string input) =>
        Check(input, out var code) is { } error ? throw new FormatException(error) : new Kpp(code);

    public override string ToString() => _code;

    private static string? Check(string? input, out string code)
    {
        code = input?.Trim() ?? "";
        if (code.Length == 0)
        {
            return "A KPP is required.";
        }

        var span = code.AsSpan();
        var wellFormed = code.Length == Length
            && !span[..4].ContainsAnyExceptInRange('0', '9')
            && IsDigitOrCapital(code[4]) && IsDigitOrCapital(code[5])
            && !span[6..].ContainsAnyExceptInRange('0', '9');
        return wellFormed
            ? null
            : $"'{code}' is not a KPP: a KPP has 9 characters, 4 digits, 2 digits or capital Latin letters, then 3 digits.";

        static bool IsDigitOrCapital(char c) => char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c);
    }
}
