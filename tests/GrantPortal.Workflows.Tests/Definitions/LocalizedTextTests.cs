using GrantPortal.Workflows.Definitions;

namespace GrantPortal.Workflows.Tests.Definitions;

public sealed class LocalizedTextTests
{
    [Theory]
    [InlineData("ru", "Черновик")]
    [InlineData("en", "Draft")]
    [InlineData("de", "Черновик")]
    public void In_PicksTheLanguage_AndFallsBackToRussian(string language, string expected) =>
        Assert.Equal(expected, new LocalizedText("Черновик", "Draft").In(language));
}
