using GrantPortal.Web.Domain;

namespace GrantPortal.Web.Tests.Domain;

public sealed class MoneyTests
{
    [Theory]
    [InlineData("100 000 000,00", "100000000.00")]
    [InlineData("100000000.00", "100000000.00")]
    [InlineData("100000000,00", "100000000.00")]
    [InlineData("1 234,5", "1234.50")]
    [InlineData("1\u00A0234,56", "1234.56")] // no-break space, as Russian Excel writes it
    [InlineData("1\u2009234\u2009567.8", "1234567.80")] // thin space
    [InlineData("1\u202F234", "1234.00")] // narrow no-break space
    [InlineData("  12 345  ", "12345.00")]
    [InlineData("0", "0.00")]
    [InlineData("0,01", "0.01")]
    [InlineData("999", "999.00")]
    public void TryParse_AcceptsRussianAndInvariantAmounts(string input, string canonical)
    {
        Assert.True(Money.TryParse(input, out var money));
        Assert.Equal(canonical, money.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("1,234.56")] // a comma or dot never groups thousands
    [InlineData("1.234,56")]
    [InlineData("1,234")] // 1.234 to a Russian reader, 1234 to an English one
    [InlineData("1.234")]
    [InlineData("1,234,567")]
    [InlineData("1,005")] // fractions of a kopeck
    [InlineData("1,")]
    [InlineData(",5")]
    [InlineData("-5")]
    [InlineData("+5")]
    [InlineData("5 ₽")]
    [InlineData("5 руб.")]
    [InlineData("1e6")]
    [InlineData("12 34")] // spaces that do not group thousands
    [InlineData("1234 567")]
    [InlineData("1  234")]
    [InlineData("1 234 ,5")]
    [InlineData("1,2 3")]
    [InlineData("١٢٣")] // digits, but not ASCII ones
    [InlineData("99999999999999999999999999999")] // too large
    public void TryParse_Refuses_WhatIsNotPlainlyAnAmount(string? input)
    {
        Assert.False(Money.TryParse(input, out var money));
        Assert.Equal(Money.Zero, money);
    }

    [Fact]
    public void Parse_SaysKopecksHaveTwoDigits_WhenGivenThree()
    {
        var error = Assert.Throws<FormatException>(() => Money.Parse("1,234"));

        Assert.Contains("at most two", error.Message);
    }

    [Fact]
    public void Parse_ReadsBackWhatToStringWrote()
    {
        var money = Money.FromRoubles(98_765_432.10m);

        Assert.Equal(money, Money.Parse(money.ToString()));
    }

    [Theory]
    [InlineData("0.001")]
    [InlineData("1.005")]
    [InlineData("100000000.999")]
    public void FromRoubles_RefusesFractionsOfAKopeck_RatherThanRounding(string amount)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Money.FromRoubles(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void FromRoubles_AcceptsTrailingZeros_BeyondTwoDecimals()
    {
        Assert.Equal(Money.FromKopecks(150), Money.FromRoubles(1.500m));
    }

    [Fact]
    public void FromRoubles_RefusesNegativeAmounts()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Money.FromRoubles(-0.01m));
        Assert.Throws<ArgumentOutOfRangeException>(() => Money.FromKopecks(-1));
    }

    [Fact]
    public void Amount_HasTwoDecimals_AndKopecksCountThem()
    {
        var money = Money.FromRoubles(1.5m);

        Assert.Equal(150, money.Kopecks);
        Assert.Equal("1.50", money.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Default_IsZero()
    {
        Assert.Equal(Money.Zero, default);
        Assert.Equal(0, Money.Zero.Kopecks);
    }

    [Fact]
    public void AddingAndSubtracting_AreKopeckExact()
    {
        var a = Money.FromRoubles(0.10m);
        var b = Money.FromRoubles(0.20m);

        Assert.Equal(Money.FromRoubles(0.30m), a + b);
        Assert.Equal(Money.FromRoubles(0.10m), b - a);
    }

    [Fact]
    public void Subtracting_IsRefused_WhenTheResultWouldBeNegative()
    {
        Assert.Throws<InvalidOperationException>(() => Money.FromRoubles(1m) - Money.FromRoubles(1.01m));
    }

    [Fact]
    public void Adding_IsRefused_WhenTheSumOverflows()
    {
        var huge = Money.FromKopecks(long.MaxValue);

        Assert.Throws<OverflowException>(() => huge + Money.FromKopecks(1));
    }

    [Fact]
    public void Comparisons_FollowTheAmounts()
    {
        var small = Money.FromRoubles(99.99m);
        var large = Money.FromRoubles(100m);

        Assert.True(small < large);
        Assert.True(large > small);
        Assert.True(small <= Money.FromRoubles(99.99m));
        Assert.True(large >= small);
        Assert.Equal(large, new[] { small, large }.Max());
    }

    [Fact]
    public void Sum_AddsAll_AndIsZeroForNone()
    {
        Assert.Equal(Money.Zero, Money.Sum([]));
        Assert.Equal(
            Money.FromRoubles(100_000_000.00m),
            Money.Sum([Money.FromRoubles(40_000_000.01m), Money.FromRoubles(59_999_999.98m), Money.FromKopecks(1)]));
    }

    [Theory]
    [InlineData("100000000.00", "0.2", "20000000.00")]
    [InlineData("0.05", "0.5", "0.03")] // 2.5 kopecks: half rounds up, not to the even 2
    [InlineData("0.07", "0.5", "0.04")] // 3.5 kopecks: up as well
    [InlineData("0.01", "0.49", "0.00")]
    [InlineData("1234.56", "0.15", "185.18")] // 185.184
    [InlineData("1234.57", "0.15", "185.19")] // 185.1855
    [InlineData("500.00", "0", "0.00")]
    public void Percent_RoundsToKopecks_HalfUp(string amount, string share, string expected)
    {
        var result = Money.Parse(amount).Percent(decimal.Parse(share, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(expected, result.ToString());
    }

    [Fact]
    public void Percent_RefusesNegativeShares()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Money.FromRoubles(100m).Percent(-0.1m));
    }

    [Fact]
    public void Converter_StoresRoubles_AndReadsThemBack()
    {
        var money = Money.FromRoubles(1234.5m);

        Assert.Equal(1234.50m, Money.Converter.ConvertToProvider(money));
        Assert.Equal(money, Money.Converter.ConvertFromProvider(1234.50m));
    }
}
