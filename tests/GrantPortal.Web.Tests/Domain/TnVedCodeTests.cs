using GrantPortal.Web.Domain;

namespace GrantPortal.Web.Tests.Domain;

public sealed class TnVedCodeTests
{
    [Theory]
    [InlineData("8482101000")]
    [InlineData("8482 10 100 0")]
    [InlineData("8482 10 1000")]
    [InlineData("8482\u00A010\u00A0100\u00A00")]
    [InlineData("  8482 10 100 0  ")]
    public void TryParse_AcceptsTenDigits_WithOrWithoutSpaces(string input)
    {
        Assert.True(TnVedCode.TryParse(input, out var code));
        Assert.Equal("8482101000", code.ToString());
    }

    [Fact]
    public void Display_GroupsTheDigitsFourTwoThreeOne()
    {
        Assert.Equal("8482 10 100 0", TnVedCode.Parse("8482101000").Display);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("848210100")]
    [InlineData("84821010001")]
    [InlineData("848210")] // an HS code, not the union's 10-digit code
    [InlineData("8482.10.100.0")]
    [InlineData("8482-10-100-0")]
    [InlineData("0012345678")] // there is no chapter 00
    [InlineData("7701000000")] // chapter 77 is reserved
    [InlineData("9801000000")] // the union's nomenclature ends at chapter 97
    public void TryParse_Refuses_WhenNotATenDigitCode(string? input)
    {
        Assert.False(TnVedCode.TryParse(input, out var code));
        Assert.Null(code);
    }

    [Fact]
    public void Parse_SaysHowManyDigitsItFound_WhenTheCountIsWrong()
    {
        var error = Assert.Throws<FormatException>(() => TnVedCode.Parse("8482 10 100"));

        Assert.Contains("this has 9", error.Message);
    }

    [Fact]
    public void Converter_StoresTheTenDigits_AndReadsThemBack()
    {
        var code = TnVedCode.Parse("8482 10 100 0");

        Assert.Equal("8482101000", TnVedCode.Converter.ConvertToProvider(code));
        Assert.Equal(code, TnVedCode.Converter.ConvertFromProvider("8482101000"));
    }
}
