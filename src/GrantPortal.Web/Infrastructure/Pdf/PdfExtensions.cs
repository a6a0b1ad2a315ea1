namespace GrantPortal.Web.Infrastructure.Pdf;

public static class PdfExtensions
{
    /// <summary>Takes the PDF fonts now, so that a machine without them fails at start-up, not at the first decision.</summary>
    /// <exception cref="PdfFontsMissingException">The fonts are not where <see cref="PdfOptions"/> says.</exception>
    public static void AddPortalPdf(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(PdfOptions.Section);
        builder.Services.Configure<PdfOptions>(section);
        PdfFonts.Configure((section.Get<PdfOptions>() ?? new PdfOptions()).FontDirectory);
    }
}
