using GrantPortal.Web.Domain;

namespace GrantPortal.Web.Tests.Domain;

public sealed class RussianRegionsTests
{
    [Fact]
    public void All_HasTheEightyNineSubjectsOfTheConstitution()
    {
        Assert.Equal(89, RussianRegions.All.Count);
    }

    [Fact]
    public void All_HasEachCodeAndNameOnce()
    {
        Assert.Equal(89, RussianRegions.All.Select(r => r.Code).Distinct().Count());
        Assert.Equal(89, RussianRegions.All.Select(r => r.NameRu).Distinct().Count());
        Assert.Equal(89, RussianRegions.All.Select(r => r.NameEn).Distinct().Count());
    }

    [Fact]
    public void All_CodesAreTwoDigits_InAscendingOrder()
    {
        Assert.All(RussianRegions.All, r => Assert.Matches("^[0-9]{2}$", r.Code));
        Assert.Equal(RussianRegions.All.Select(r => r.Code).Order(StringComparer.Ordinal), RussianRegions.All.Select(r => r.Code));
    }

    [Fact]
    public void All_CountsEachKindOfSubjectAsTheConstitutionDoes()
    {
        int Count(string kind) => RussianRegions.All.Count(r => r.NameRu.Contains(kind, StringComparison.OrdinalIgnoreCase));

        Assert.Equal(24, Count("республик"));
        Assert.Equal(9, Count("край"));
        Assert.Equal(48, Count("область") - Count("автономная область"));
        Assert.Equal(3, Count("г. "));
        Assert.Equal(1, Count("автономная область"));
        Assert.Equal(4, Count("автономный округ"));
    }

    [Theory]
    [InlineData("77", "г. Москва", "Moscow")]
    [InlineData("78", "г. Санкт-Петербург", "Saint Petersburg")]
    [InlineData("66", "Свердловская область", "Sverdlovsk Oblast")]
    [InlineData("16", "Республика Татарстан (Татарстан)", "Republic of Tatarstan")]
    [InlineData("79", "Еврейская автономная область", "Jewish Autonomous Oblast")]
    [InlineData(" 50 ", "Московская область", "Moscow Oblast")]
    public void Find_ReturnsTheRegion_ForItsCode(string code, string nameRu, string nameEn)
    {
        var region = RussianRegions.Find(code);

        Assert.NotNull(region);
        Assert.Equal(nameRu, region.Name("ru"));
        Assert.Equal(nameEn, region.Name("en"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("7")]
    [InlineData("00")]
    [InlineData("80")] // a vehicle code of the Donetsk People's Republic, not a tax code
    [InlineData("99")] // Baikonur: a tax code, but not a subject of the federation
    [InlineData("777")]
    public void Find_ReturnsNull_AndIsKnownCodeIsFalse_ForOtherCodes(string? code)
    {
        Assert.Null(RussianRegions.Find(code));
        Assert.False(RussianRegions.IsKnownCode(code));
    }

    [Fact]
    public void RegionCode_IsTheStartOfTheInn_OfACompanyRegisteredThere()
    {
        var sberbank = Inn.Parse("7707083893");

        Assert.Equal("г. Москва", RussianRegions.Find(sberbank.ToString()[..2])?.NameRu);
    }
}
