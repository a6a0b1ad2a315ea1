using GrantPortal.Web.Infrastructure.Pdf;

namespace GrantPortal.Web.Tests.Infrastructure.Pdf;

public sealed class PdfFontsTests
{
    [Fact]
    public void Configure_SaysWhichPackageToInstall_WhenTheFontsAreMissing()
    {
        var error = Assert.Throws<PdfFontsMissingException>(() => PdfFonts.Configure("/nonexistent/fonts"));

        Assert.Contains("/nonexistent/fonts/DejaVuSans.ttf", error.Message);
        Assert.Contains("fonts-dejavu-core", error.Message);
        Assert.Contains("Pdf:FontDirectory", error.Message);
    }
}
