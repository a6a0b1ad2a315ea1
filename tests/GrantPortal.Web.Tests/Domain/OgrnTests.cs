using GrantPortal.Web.Domain;

namespace GrantPortal.Web.Tests.Domain;

public sealed class OgrnTests
{
    [Theory]
    [InlineData("1027700132195")] // Sberbank
    [InlineData("1027700070518")] // Gazprom
    [InlineData("1027739609391")] // VTB
    [InlineData("5177746000009")] // made up: OGRNs given since 2017 may start with 5
    public void TryParse_AcceptsOgrn_WhenCheckDigitMatches(string input)
    {
        Assert.True(Ogrn.TryParse(input, out var ogrn));
        Assert.Equal(input, ogrn.ToString());
    }

    [Fact]
    public void TryParse_TrimsSpacesAroundTheNumber()
    {
        Assert.True(Ogrn.TryParse("  1027700132195 ", out var ogrn));
        Assert.Equal("1027700132195", ogrn.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("1027700132196")] // check digit off by one
    [InlineData("102770013219")]
    [InlineData("10277001321950")]
    [InlineData("10277001321O5")] // a letter O for a zero
    [InlineData("1027700 132195")]
    public void TryParse_Refuses_WhenNotAValidThirteenDigitOgrn(string? input)
    {
        Assert.False(Ogrn.TryParse(input, out var ogrn));
        Assert.Null(ogrn);
    }

    [Fact]
    public void Parse_RefusesRegisterEntryNumber_ThoughItsCheckDigitMatches()
    {
        // 13 digits starting with 2 number a later entry in the register (ГРН), not the company.
        var error = Assert.Throws<FormatException>(() => Ogrn.Parse("2027700132194"));

        Assert.Contains("starts with 1 or 5", error.Message);
    }

    [Fact]
    public void Parse_RefusesFifteenDigitOgrnip_SayingLegalEntitiesHaveThirteenDigits()
    {
        var error = Assert.Throws<FormatException>(() => Ogrn.Parse("304500116000157"));

        Assert.Contains("OGRNIP", error.Message);
        Assert.Contains("13-digit", error.Message);
    }

    [Fact]
    public void Parse_SaysTheCheckDigitIsWrong_WhenItIs()
    {
        var error = Assert.Throws<FormatException>(() => Ogrn.Parse("1027700132196"));

        Assert.Contains("check digit", error.Message);
    }

    [Fact]
    public void Converter_StoresTheDigits_AndReadsThemBack()
    {
        var ogrn = Ogrn.Parse("1027700132195");

        Assert.Equal("1027700132195", Ogrn.Converter.ConvertToProvider(ogrn));
        Assert.Equal(ogrn, Ogrn.Converter.ConvertFromProvider("1027700132195"));
    }
}
