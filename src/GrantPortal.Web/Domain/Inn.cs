using System.Diagnostics.CodeAnalysis;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace GrantPortal.Web.Domain;

/// <summary>
/// The taxpayer number (ИНН) of a Russian legal entity: 10 digits, the last a check digit. Individuals have
/// 12-digit numbers; applicants are legal entities, so those are refused.
/// </summary>
// A class, not a struct: default(Inn) of a struct would be an INN that was never validated.
public sealed record Inn
{
    private const int Length = 10;
    private static readonly int[] Weights = [2, 4, 10, 3, 5, 9, 4, 6, 8];

    private readonly string _digits;

    private Inn(string digits) => _digits = digits;

    public static ValueConverter<Inn, string> Converter { get; } = new(inn => inn.ToString(), text => Parse(text));

    public static bool TryParse(string? input, [MaybeNullWhen(false)] out Inn value)
    {
        value = Check(input, out var digits) is null ? new Inn(digits) : null;
        return value is not null;
    }

    public static Inn Parse(string input) =>
        Check(input, out var digits) is { } error ? throw new FormatException(error) : new Inn(digits);

    public override string ToString() => _digits;

    private static string? Check(string? input, out string digits)
    {
        digits = input?.Trim() ?? "";
        if (digits.Length == 0)
        {
            return "An INN is required.";
        }

        if (digits.AsSpan().ContainsAnyExceptInRange('0', '9'))
        {
            return $"'{digits}' is not an INN: an INN has digits only.";
        }

        if (digits.Length == 12)
        {
            return $"'{digits}' has 12 digits, which is the INN of an individual; legal entities have 10 digits.";
        }

        if (digits.Length != Length)
        {
            return $"'{digits}' is not an INN: legal entities have 10 digits, this has {digits.Length}.";
        }

        var sum = 0;
        for (var i = 0; i < Weights.Length; i++)
        {
            sum += Weights[i] * (digits[i] - '0');
        }

        return sum % 11 % 10 == digits[^1] - '0' ? null : $"'{digits}' is not a valid INN: its check digit does not match.";
    }
}
