using System.Text;
using GrantPortal.Web.Infrastructure.Web;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace GrantPortal.Web.Infrastructure.Pdf;

public enum PdfAlign
{
    Left,
    Center,
    Right,
}

/// <param name="Width">A share of the table's width; the shares need not add up to 1.</param>
public sealed record PdfColumn(string Header, double Width, PdfAlign Align = PdfAlign.Left);

/// <summary>What every page shows above and below its content.</summary>
/// <param name="PageNumber">The footer's page number with {0} for the page and {1} for the count, e.g. "Страница {0} из {1}".</param>
public sealed record PdfPageFrame(string HeaderLeft, string HeaderRight, string FooterLeft, string PageNumber);

/// <summary>The document's metadata, also what makes its bytes the same each time (see <see cref="PdfReproducible"/>).</summary>
/// <param name="Key">Names the document for good, e.g. its decision number: the file identifier is made from it.</param>
public sealed record PdfDocumentMetadata(string Title, string Author, DateTime CreatedUtc, string Key);

/// <summary>
/// A small flow layout over PDFsharp, which has none: A4 pages with margins, a header and a footer on each, and
/// content placed from the top down, breaking to a new page when the next piece does not fit. Text is wrapped at
/// spaces by measured widths (no hyphenation); a table repeats its header row on each page and breaks between rows,
/// or inside a row only when it is taller than a page. "Page N of M" is written in a second pass, once M is known.
/// </summary>
/// <remarks>
/// One instance makes one document and is not thread-safe; <see cref="PdfFonts.Configure"/> must have run.
/// </remarks>
public sealed class PdfComposer : IDisposable
{
    private const double Mm = 72 / 25.4;
    private const double MarginLeft = 20 * Mm;
    private const double MarginRight = 15 * Mm;
    private const double ContentTop = 24 * Mm;
    private const double ContentBottom = 20 * Mm; // from the page's bottom edge
    private const double CellPadding = 3;
    private const double ParagraphSpacing = 4;

    private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);
    private static readonly XColor Rule = XColor.FromArgb(160, 160, 160);
    private static readonly XColor HeaderFill = XColor.FromArgb(232, 236, 241);
    private static readonly XBrush Muted = new XSolidBrush(XColor.FromArgb(90, 90, 90));

    private readonly PdfDocument _document = new();
    private readonly PdfPageFrame _frame;
    private readonly XFont _small = new(PdfFonts.Family, 8, XFontStyleEx.Regular, Unicode);
    private readonly Dictionary<(string, XFont), double> _widths = [];
    private XGraphics _graphics = null!;
    private double _pageWidth;
    private double _pageHeight;
    private double _y;

    // Where content starts on the current page once the frame and any repeated table header are drawn: a piece that
    // does not fit even there is split rather than moved on, or it would move on for ever.
    private double _pageTop;

    public PdfComposer(PdfPageFrame frame)
    {
        if (!PdfFonts.IsConfigured)
        {
            throw new InvalidOperationException("PdfFonts.Configure must run before a PDF is made (AddPortalPdf does it at start-up).");
        }

        _frame = frame;
        NewPage();
    }

    public XFont Body { get; } = new(PdfFonts.Family, 10, XFontStyleEx.Regular, Unicode);

    public XFont Bold { get; } = new(PdfFonts.Family, 10, XFontStyleEx.Bold, Unicode);

    /// <summary>Tables are a point smaller than the text, so that six columns of amounts and dates fit an A4 width.</summary>
    public XFont TableFont { get; } = new(PdfFonts.Family, 9, XFontStyleEx.Regular, Unicode);

    public XFont TableBold { get; } = new(PdfFonts.Family, 9, XFontStyleEx.Bold, Unicode);

    public XFont HeadingFont { get; } = new(PdfFonts.Family, 12, XFontStyleEx.Bold, Unicode);

    public XFont TitleFont { get; } = new(PdfFonts.Family, 15, XFontStyleEx.Bold, Unicode);

    public double ContentWidth => _pageWidth - MarginLeft - MarginRight;

    private double BottomY => _pageHeight - ContentBottom;

    public void Title(string text)
    {
        Paragraph(text, TitleFont, PdfAlign.Center);
    }

    /// <summary>A section heading, kept on the page with at least three lines of what follows it.</summary>
    public void Heading(string text)
    {
        Space(6);
        var lines = Wrap(text, HeadingFont, ContentWidth);
        KeepTogether(lines.Count * HeadingFont.GetHeight() + 3 * Body.GetHeight() + ParagraphSpacing);
        Lines(lines, HeadingFont, PdfAlign.Left);
        _y += 2;
    }

    public void Paragraph(string text, PdfAlign align = PdfAlign.Left) => Paragraph(text, Body, align);

    public void Paragraph(string text, XFont font, PdfAlign align = PdfAlign.Left)
    {
        Lines(Wrap(text, font, ContentWidth), font, align);
        _y += ParagraphSpacing;
    }

    /// <summary>A label and its value side by side, e.g. "ИНН" and the number; a long value wraps in its column.</summary>
    public void KeyValue(string key, string value)
    {
        var keyWidth = ContentWidth * 0.3;
        Row([key, value], [keyWidth, ContentWidth - keyWidth], [PdfAlign.Left, PdfAlign.Left], [Muted, XBrushes.Black], Body, boxed: false, fill: null, repeatHeader: null);
    }

    /// <summary>A table with a header row, repeated at the top of each page the table runs onto.</summary>
    /// <param name="totals">A last row in bold, e.g. the sums.</param>
    public void Table(IReadOnlyList<PdfColumn> columns, IEnumerable<IReadOnlyList<string>> rows, IReadOnlyList<string>? totals = null)
    {
        var share = columns.Sum(c => c.Width);
        var widths = columns.Select(c => ContentWidth * c.Width / share).ToArray();
        var aligns = columns.Select(c => c.Align).ToArray();
        var headers = columns.Select(c => c.Header).ToArray();
        var black = columns.Select(_ => XBrushes.Black).ToArray<XBrush>();
        void Header() => Row(headers, widths, aligns, black, TableBold, boxed: true, fill: HeaderFill, repeatHeader: null);

        // The header row and at least one line of the first row together, never the header alone at a page's foot.
        KeepTogether(RowHeight(headers, widths, TableBold) + TableFont.GetHeight() + 2 * CellPadding);
        Header();
        foreach (var row in rows)
        {
            Row(row, widths, aligns, black, TableFont, boxed: true, fill: null, repeatHeader: Header);
        }

        if (totals is not null)
        {
            Row(totals, widths, aligns, black, TableBold, boxed: true, fill: null, repeatHeader: Header);
        }

        _y += ParagraphSpacing;
    }

    public void Space(double points) => _y = Math.Min(_y + points, BottomY);

    /// <summary>A piece of fixed height drawn by the caller, e.g. a QR code with text beside it; never split.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The piece is taller than a page's content area.</exception>
    public void Block(double height, Action<XGraphics, XRect> draw)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(height, BottomY - ContentTop);
        KeepTogether(height);
        draw(_graphics, new XRect(MarginLeft, _y, ContentWidth, height));
        _y += height;
    }

    /// <summary>Text wrapped to <paramref name="width"/>, for drawing inside a <see cref="Block"/>.</summary>
    public IReadOnlyList<string> Wrap(string text, XFont font, double width)
    {
        var lines = new List<string>();
        var space = Width(" ", font);
        foreach (var paragraph in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = new StringBuilder();
            var lineWidth = 0.0;
            // Only plain spaces break: a no-break space (as in "100 000,00 ₽") keeps its neighbours together.
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var wordWidth = Width(word, font);
                if (line.Length > 0 && lineWidth + space + wordWidth <= width)
                {
                    line.Append(' ').Append(word);
                    lineWidth += space + wordWidth;
                    continue;
                }

                if (line.Length > 0)
                {
                    lines.Add(line.ToString());
                    line.Clear();
                }

                if (wordWidth <= width)
                {
                    line.Append(word);
                    lineWidth = wordWidth;
                    continue;
                }

                // A word wider than the line (a long URL, say) is cut where it reaches the edge.
                foreach (var character in word)
                {
                    if (line.Length > 0 && Width(line.ToString() + character, font) > width)
                    {
                        lines.Add(line.ToString());
                        line.Clear();
                    }

                    line.Append(character);
                }

                lineWidth = Width(line.ToString(), font);
            }

            lines.Add(line.ToString());
        }

        return lines;
    }

    /// <summary>Draws lines from the top of <paramref name="area"/> down, for use inside a <see cref="Block"/>.</summary>
    /// <returns>The height drawn.</returns>
    public static double DrawLines(XGraphics graphics, IReadOnlyList<string> lines, XFont font, XBrush brush, XRect area, PdfAlign align = PdfAlign.Left)
    {
        var lineHeight = font.GetHeight();
        for (var i = 0; i < lines.Count; i++)
        {
            DrawLine(graphics, lines[i], font, brush, area.X, area.Y + i * lineHeight, area.Width, align);
        }

        return lines.Count * lineHeight;
    }

    /// <summary>A QR code of <paramref name="text"/> as vector squares filling <paramref name="area"/>'s width, quiet zone included.</summary>
    public static void DrawQrCode(XGraphics graphics, string text, XRect area)
    {
        var modules = QrCodeModules.Of(text);
        var module = Math.Min(area.Width, area.Height) / modules.Size;
        var path = new XGraphicsPath { FillMode = XFillMode.Winding };
        foreach (var run in modules.DarkRuns)
        {
            path.AddRectangle(area.X + run.X * module, area.Y + run.Y * module, run.Length * module, module);
        }

        graphics.DrawRectangle(XBrushes.White, area.X, area.Y, modules.Size * module, modules.Size * module);
        graphics.DrawPath(XBrushes.Black, path);
    }

    /// <summary>Writes each page's footer with its number and the count, and the document's bytes.</summary>
    public byte[] Save(PdfDocumentMetadata metadata)
    {
        _graphics.Dispose();
        var count = _document.PageCount;
        for (var i = 0; i < count; i++)
        {
            using var graphics = XGraphics.FromPdfPage(_document.Pages[i], XGraphicsPdfPageOptions.Append);
            var y = _pageHeight - ContentBottom + 4 * Mm;
            graphics.DrawLine(new XPen(Rule, 0.5), MarginLeft, y, _pageWidth - MarginRight, y);
            var width = ContentWidth;
            DrawLine(graphics, _frame.FooterLeft, _small, Muted, MarginLeft, y + 3, width, PdfAlign.Left);
            DrawLine(graphics, string.Format(System.Globalization.CultureInfo.InvariantCulture, _frame.PageNumber, i + 1, count), _small, Muted, MarginLeft, y + 3, width, PdfAlign.Right);
        }

        return PdfReproducible.Save(_document, metadata);
    }

    public void Dispose()
    {
        _graphics.Dispose();
        _document.Dispose();
    }

    private void NewPage()
    {
        _graphics?.Dispose();
        var page = _document.AddPage();
        page.Size = PageSize.A4;
        _pageWidth = page.Width.Point;
        _pageHeight = page.Height.Point;
        _graphics = XGraphics.FromPdfPage(page);
        var y = 12 * Mm;
        DrawLine(_graphics, _frame.HeaderLeft, _small, Muted, MarginLeft, y, ContentWidth * 0.7, PdfAlign.Left);
        DrawLine(_graphics, _frame.HeaderRight, _small, Muted, MarginLeft, y, ContentWidth, PdfAlign.Right);
        var rule = y + _small.GetHeight() + 2;
        _graphics.DrawLine(new XPen(Rule, 0.5), MarginLeft, rule, _pageWidth - MarginRight, rule);
        _y = _pageTop = ContentTop;
    }

    /// <summary>Starts a new page unless <paramref name="height"/> fits on this one or this one is still empty.</summary>
    private void KeepTogether(double height)
    {
        if (_y + height > BottomY && _y > _pageTop)
        {
            NewPage();
        }
    }

    private void Lines(IReadOnlyList<string> lines, XFont font, PdfAlign align)
    {
        var lineHeight = font.GetHeight();
        foreach (var line in lines)
        {
            KeepTogether(lineHeight);
            DrawLine(_graphics, line, font, XBrushes.Black, MarginLeft, _y, ContentWidth, align);
            _y += lineHeight;
        }
    }

    private double RowHeight(IReadOnlyList<string> cells, double[] widths, XFont font) =>
        cells.Select((cell, i) => Wrap(cell, font, widths[i] - 2 * CellPadding).Count).Max() * font.GetHeight() + 2 * CellPadding;

    /// <summary>
    /// One row of cells; moved whole to the next page when it does not fit, split across pages only when it is taller
    /// than a page. <paramref name="repeatHeader"/> draws the table's header on each new page.
    /// </summary>
    private void Row(
        IReadOnlyList<string> cells, double[] widths, PdfAlign[] aligns, XBrush[] brushes, XFont font, bool boxed, XColor? fill, Action? repeatHeader)
    {
        var lines = cells.Select((cell, i) => Wrap(cell, font, widths[i] - 2 * CellPadding)).ToArray();
        var lineHeight = font.GetHeight();
        var count = lines.Max(l => l.Count);
        var from = 0;
        while (from < count)
        {
            var fitting = (int)Math.Floor((BottomY - _y - 2 * CellPadding) / lineHeight);
            if (fitting < count - from && _y > _pageTop)
            {
                BreakPage(repeatHeader);
                continue;
            }

            var take = Math.Clamp(fitting, 1, count - from);
            var height = take * lineHeight + 2 * CellPadding;
            var x = MarginLeft;
            for (var i = 0; i < cells.Count; i++)
            {
                if (fill is { } color)
                {
                    _graphics.DrawRectangle(new XSolidBrush(color), x, _y, widths[i], height);
                }

                if (boxed)
                {
                    _graphics.DrawRectangle(new XPen(Rule, 0.5), x, _y, widths[i], height);
                }

                var shown = lines[i].Skip(from).Take(take).ToList();
                DrawLines(_graphics, shown, font, brushes[i], new XRect(x + CellPadding, _y + CellPadding, widths[i] - 2 * CellPadding, height), aligns[i]);
                x += widths[i];
            }

            _y += height;
            from += take;
            if (from < count)
            {
                BreakPage(repeatHeader);
            }
        }
    }

    private void BreakPage(Action? repeatHeader)
    {
        NewPage();
        repeatHeader?.Invoke();
        _pageTop = _y;
    }

    private static void DrawLine(XGraphics graphics, string text, XFont font, XBrush brush, double x, double y, double width, PdfAlign align)
    {
        if (text.Length == 0)
        {
            return;
        }

        var format = align switch
        {
            PdfAlign.Center => XStringFormats.TopCenter,
            PdfAlign.Right => XStringFormats.TopRight,
            _ => XStringFormats.TopLeft,
        };
        graphics.DrawString(text, font, brush, new XRect(x, y, width, font.GetHeight()), format);
    }

    private double Width(string text, XFont font)
    {
        if (!_widths.TryGetValue((text, font), out var width))
        {
            width = _graphics.MeasureString(text, font).Width;
            _widths[(text, font)] = width;
        }

        return width;
    }
}
