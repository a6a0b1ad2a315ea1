using GrantPortal.Web.Domain;

namespace GrantPortal.Web.Tests.Domain;

/// <summary>The general reader behind <see cref="Money"/> (whose own tests cover the amounts) and the call form's percentages and scores.</summary>
public sealed class TypedNumberTests
{
    [Theory]
    [InlineData("20", 2, "20")]
    [InlineData("12,5", 2, "12.5")]
    [InlineData("3.75", 2, "3.75")]
    [InlineData("1 000 000 000", 2, "1000000000")]
    [InlineData("7", 0, "7")]
    [InlineData("0,125", 3, "0.125")]
    public void Read_AcceptsNumbersInEitherLanguage(string input, int maxDecimals, string expected)
    {
        Assert.Equal(NumberInput.Valid, TypedNumber.Read(input, maxDecimals, out var value));
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData(null, NumberInput.Empty)]
    [InlineData("   ", NumberInput.Empty)]
    [InlineData("1000000,001", NumberInput.TooManyDecimals)]
    [InlineData("12,5", NumberInput.TooManyDecimals, 0)]
    [InlineData("1,000,000", NumberInput.NotANumber)]
    [InlineData("-5", NumberInput.NotANumber)] // nothing a form asks for is negative
    [InlineData("12 34", NumberInput.NotANumber)]
    [InlineData("5 %", NumberInput.NotANumber)]
    [InlineData("99999999999999999999999999999999", NumberInput.TooLarge)]
    public void Read_Refuses_AndSaysWhy(string? input, NumberInput expected, int maxDecimals = 2)
    {
        Assert.Equal(expected, TypedNumber.Read(input, maxDecimals, out var value));
        Assert.Equal(0m, value);
    }
}
