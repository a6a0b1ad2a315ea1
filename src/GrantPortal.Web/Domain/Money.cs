using System.Globalization;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace GrantPortal.Web.Domain;

/// <summary>
/// An amount in roubles, exact to the kopeck and never negative. Nothing is rounded on creation: an amount with
/// fractions of a kopeck is refused, so only <see cref="Percent"/>, which says how it rounds, makes new kopecks.
/// </summary>
/// <remarks>
/// There is no signed variant: grants, budgets, co-financing and their sums are all non-negative, and where one
/// amount is taken from another (what is left of a call's budget) going below zero is a mistake the caller must see.
/// </remarks>
// A struct is safe here, unlike for Inn: default(Money) is zero roubles, a valid amount.
public readonly record struct Money : IComparable<Money>
{
    private const string Format = "use digits, spaces between thousands and a comma or dot before at most two kopeck digits, e.g. 1 234 567,89";

    // Whole kopecks in a long: sums are exact integer arithmetic and overflow is detected, not rounded away.
    private readonly long _kopecks;

    private Money(long kopecks) => _kopecks = kopecks;

    public static Money Zero => default;

    /// <summary>Stores the amount in roubles, for a numeric(15,2) column like the others that hold money.</summary>
    public static ValueConverter<Money, decimal> Converter { get; } = new(money => money.Amount, amount => FromRoubles(amount));

    /// <summary>The amount in roubles, always with two decimals (1.50, not 1.5).</summary>
    public decimal Amount => new((int)_kopecks, (int)(_kopecks >> 32), 0, false, scale: 2);

    public long Kopecks => _kopecks;

    /// <exception cref="ArgumentOutOfRangeException">The amount is negative, has fractions of a kopeck or is too large.</exception>
    public static Money FromRoubles(decimal amount) =>
        CheckAmount(amount, out var money) is { } error ? throw new ArgumentOutOfRangeException(nameof(amount), amount, error) : money;

    /// <exception cref="ArgumentOutOfRangeException">The amount is negative.</exception>
    public static Money FromKopecks(long kopecks)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(kopecks);
        return new Money(kopecks);
    }

    /// <summary>
    /// Reads an amount typed in the Russian or the English way: "100 000 000,00", "100000000.00", "1 234,5", by the rule of
    /// <see cref="TypedNumber"/> with at most two decimals (kopecks).
    /// </summary>
    public static bool TryParse(string? input, out Money value) => Check(input, out value) is null;

    /// <exception cref="FormatException">The text is not an amount by the rule of <see cref="TryParse"/>.</exception>
    public static Money Parse(string input) => Check(input, out var value) is { } error ? throw new FormatException(error) : value;

    public static Money Sum(IEnumerable<Money> amounts)
    {
        ArgumentNullException.ThrowIfNull(amounts);
        var total = Zero;
        foreach (var amount in amounts)
        {
            total += amount;
        }

        return total;
    }

    /// <summary>A share of this amount, rounded to the kopeck, half a kopeck up.</summary>
    /// <param name="share">A fraction, as in <see cref="GrantCall.MinCoFinancingShare"/>: 0.2 is 20 %.</param>
    /// <remarks>
    /// Half a kopeck rounds away from zero, not to even (decimal's default): the agency's documents round half up,
    /// as applicants do on paper and as Excel's ROUND does, so the amounts in a decision match theirs.
    /// </remarks>
    public Money Percent(decimal share)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(share);
        return FromRoubles(Math.Round(Amount * share, 2, MidpointRounding.AwayFromZero));
    }

    /// <summary>The amount in roubles with a dot and two decimals, "1234567.89": for storage and logs, not for people.</summary>
    public override string ToString() => Amount.ToString("0.00", CultureInfo.InvariantCulture);

    public int CompareTo(Money other) => _kopecks.CompareTo(other._kopecks);

    /// <exception cref="OverflowException">The sum is beyond what a Money holds.</exception>
    public static Money operator +(Money left, Money right) => new(checked(left._kopecks + right._kopecks));

    /// <exception cref="InvalidOperationException">The right amount is larger: the result would be negative.</exception>
    public static Money operator -(Money left, Money right) =>
        left._kopecks >= right._kopecks
            ? new(left._kopecks - right._kopecks)
            : throw new InvalidOperationException($"Cannot take {right} from {left}: an amount of money is never negative.");

    public static bool operator <(Money left, Money right) => left._kopecks < right._kopecks;

    public static bool operator >(Money left, Money right) => left._kopecks > right._kopecks;

    public static bool operator <=(Money left, Money right) => left._kopecks <= right._kopecks;

    public static bool operator >=(Money left, Money right) => left._kopecks >= right._kopecks;

    private static string? Check(string? input, out Money value)
    {
        value = Zero;
        var text = input?.Trim() ?? "";
        return TypedNumber.Read(text, 2, out var amount) switch
        {
            // Read gives no sign and at most two decimals, so only the size can still be refused.
            NumberInput.Valid => CheckAmount(amount, out value) is null ? null : $"'{text}' is too large an amount.",
            NumberInput.Empty => "An amount is required.",
            NumberInput.TooManyDecimals =>
                $"'{text}' is not an amount: it has more than two digits after the comma or dot, and an amount has at most two (kopecks); separate thousands with spaces.",
            NumberInput.TooLarge => $"'{text}' is too large an amount.",
            _ => $"'{text}' is not an amount: {Format}.",
        };
    }

    private static string? CheckAmount(decimal amount, out Money value)
    {
        value = Zero;
        if (amount < 0)
        {
            return "An amount of money is never negative.";
        }

        if (decimal.Round(amount, 2) != amount)
        {
            return "An amount of money is whole kopecks: round it first, choosing how.";
        }

        if (amount > long.MaxValue / 100m)
        {
            return "The amount is too large.";
        }

        value = new Money((long)(amount * 100));
        return null;
    }
}
