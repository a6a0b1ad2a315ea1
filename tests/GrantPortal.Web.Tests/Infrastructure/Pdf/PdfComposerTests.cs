using GrantPortal.Testing;
using GrantPortal.Web.Infrastructure.Pdf;

namespace GrantPortal.Web.Tests.Infrastructure.Pdf;

public sealed class PdfComposerTests
{
    private static readonly PdfPageFrame Frame = new("Агентство", "Документ 1", "Код: X", "Страница {0} из {1}");
    private static readonly PdfDocumentMetadata Metadata = new("Документ", "Агентство", new DateTime(2026, 11, 21, 0, 0, 0, DateTimeKind.Utc), "doc-1");

    public PdfComposerTests() => PdfFonts.Configure(new PdfOptions().FontDirectory);

    [Fact]
    public void TableRow_TallerThanAPage_IsSplitAcrossPages_WithNothingLost()
    {
        using var pdf = new PdfComposer(Frame);
        var cell = string.Join('\n', Enumerable.Range(1, 150).Select(i => $"строка {i:000}"));
        pdf.Table([new PdfColumn("Заголовок", 1), new PdfColumn("Ещё", 1)], [["одна", cell]]);
        var bytes = pdf.Save(Metadata);

        var pages = Poppler.PageCount(bytes);
        Assert.True(pages >= 3, $"{pages} pages");
        var text = Poppler.Text(bytes);
        Assert.All(Enumerable.Range(1, 150), i => Assert.Contains($"строка {i:000}", text));
        Assert.All(Enumerable.Range(1, pages), p => Assert.Contains("Заголовок", Poppler.Text(bytes, p)));
    }

    [Fact]
    public void Paragraph_CutsAWordWiderThanTheLine_AndKeepsEveryCharacter()
    {
        using var pdf = new PdfComposer(Frame);
        var word = string.Concat(Enumerable.Repeat("абвгдежзик", 30));
        pdf.Paragraph(word);

        var lines = pdf.Wrap(word, pdf.Body, pdf.ContentWidth);

        Assert.True(lines.Count > 1);
        Assert.Equal(word, string.Concat(lines));
    }

    [Fact]
    public void Wrap_BreaksAtSpacesOnly_NotAtNoBreakSpaces()
    {
        using var pdf = new PdfComposer(Frame);
        var amount = "100\u00A0000\u00A0000,00\u00A0₽";

        var lines = pdf.Wrap($"{string.Join(' ', Enumerable.Repeat("слово", 14))} {amount} конец", pdf.Body, 200);

        Assert.Contains(lines, line => line.Contains(amount));
        Assert.All(lines, line => Assert.True(pdf.Wrap(line, pdf.Body, 200).Count == 1, line));
    }

    [Fact]
    public void Block_TallerThanAPage_IsRefused()
    {
        using var pdf = new PdfComposer(Frame);

        Assert.Throws<ArgumentOutOfRangeException>(() => pdf.Block(2000, (_, _) => { }));
    }
}
