using GrantPortal.Web.Domain;

namespace GrantPortal.Web.Tests.Domain;

public sealed class InnTests
{
    [Theory]
    [InlineData("7707083893")] // Sberbank
    [InlineData("7736050003")] // Gazprom
    [InlineData("7702070139")] // VTB
    public void TryParse_AcceptsLegalEntityInn_WhenCheckDigitMatches(string input)
    {
        Assert.True(Inn.TryParse(input, out var inn));
        Assert.Equal(input, inn.ToString());
    }

    [Fact]
    public void TryParse_TrimsSpacesAroundTheNumber()
    {
        Assert.True(Inn.TryParse(" 7707083893\u00A0", out var inn));
        Assert.Equal("7707083893", inn.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("7707083894")] // check digit off by one
    [InlineData("7707083839")] // two digits swapped
    [InlineData("770708389")]
    [InlineData("77070838930")]
    [InlineData("77070838a3")]
    [InlineData("7707 083893")]
    [InlineData("７７０７０８３８９３")] // full-width digits are not ASCII digits
    public void TryParse_Refuses_WhenNotAValidTenDigitInn(string? input)
    {
        Assert.False(Inn.TryParse(input, out var inn));
        Assert.Null(inn);
    }

    [Fact]
    public void Parse_RefusesTwelveDigitInn_SayingLegalEntitiesHaveTenDigits()
    {
        var error = Assert.Throws<FormatException>(() => Inn.Parse("500100732259"));

        Assert.Contains("individual", error.Message);
        Assert.Contains("legal entities have 10 digits", error.Message);
    }

    [Fact]
    public void Parse_SaysTheCheckDigitIsWrong_WhenItIs()
    {
        var error = Assert.Throws<FormatException>(() => Inn.Parse("7707083894"));

        Assert.Contains("check digit", error.Message);
    }

    [Fact]
    public void Inns_AreEqual_WhenTheirDigitsAre()
    {
        Assert.Equal(Inn.Parse("7707083893"), Inn.Parse(" 7707083893 "));
        Assert.NotEqual(Inn.Parse("7707083893"), Inn.Parse("7736050003"));
    }

    [Fact]
    public void Converter_StoresTheDigits_AndReadsThemBack()
    {
        var inn = Inn.Parse("7707083893");

        Assert.Equal("7707083893", Inn.Converter.ConvertToProvider(inn));
        Assert.Equal(inn, Inn.Converter.ConvertFromProvider("7707083893"));
    }
}
