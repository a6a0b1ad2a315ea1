using GrantPortal.Web.Domain;

namespace GrantPortal.Web.Tests.Domain;

public sealed class KppTests
{
    [Theory]
    [InlineData("773601001")]
    [InlineData("7707AB001")]
    [InlineData("77070A001")]
    public void TryParse_Accepts_FourDigitsTwoDigitsOrCapitalsThreeDigits(string input)
    {
        Assert.True(Kpp.TryParse(input, out var kpp));
        Assert.Equal(input, kpp.ToString());
    }

    [Fact]
    public void TryParse_TrimsSpacesAroundTheCode()
    {
        Assert.True(Kpp.TryParse(" 773601001 ", out var kpp));
        Assert.Equal("773601001", kpp.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("77360100")]
    [InlineData("7736010011")]
    [InlineData("7707ab001")] // capitals only
    [InlineData("7707АВ001")] // Cyrillic А and В that look like Latin ones
    [InlineData("77A601001")]
    [InlineData("77360100A")]
    [InlineData("7736 01 001")]
    public void TryParse_Refuses_WhenNotShapedLikeAKpp(string? input)
    {
        Assert.False(Kpp.TryParse(input, out var kpp));
        Assert.Null(kpp);
    }

    [Fact]
    public void Parse_ExplainsTheShape_WhenRefusing()
    {
        var error = Assert.Throws<FormatException>(() => Kpp.Parse("7707ab001"));

        Assert.Contains("capital Latin letters", error.Message);
    }

    [Fact]
    public void Converter_StoresTheCode_AndReadsItBack()
    {
        var kpp = Kpp.Parse("7707AB001");

        Assert.Equal("7707AB001", Kpp.Converter.ConvertToProvider(kpp));
        Assert.Equal(kpp, Kpp.Converter.ConvertFromProvider("7707AB001"));
    }
}
