using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.Extensions.Localization;

namespace GrantPortal.Web.Features.Decisions;

/// <summary>
/// The ranking drawn: one bar per application (its score out of 100), green while the budget covers it, grey after,
/// with the line where the budget runs out. Server-rendered SVG with classes for colours (the CSP forbids inline style).
/// </summary>
public static class RankingChart
{
    public const int MaxBars = 60;

    private const int RowHeight = 18;
    private const int LabelWidth = 150;
    private const int BarWidth = 460;
    private const int Width = LabelWidth + BarWidth + 60;

    public static string ToSvg(CallRankingModel ranking, IStringLocalizer l)
    {
        var rows = ranking.Rows.Where(r => r.Rank <= MaxBars).ToList();
        var height = rows.Count * RowHeight + 30;
        var encoder = HtmlEncoder.Default;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {Width} {height}" class="ranking-chart" role="img" aria-label="{encoder.Encode(l["Scores in rank order, and where the budget runs out"])}">""");
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var y = i * RowHeight;
            var length = (double)row.Score / 100 * BarWidth;
            svg.Append(CultureInfo.InvariantCulture,
                $"""<text x="{LabelWidth - 6}" y="{y + 13}" class="ranking-label">{encoder.Encode(row.Number)}</text>""");
            svg.Append(CultureInfo.InvariantCulture,
                $"""<rect x="{LabelWidth}" y="{y + 3}" width="{length:0.#}" height="{RowHeight - 6}" class="{(row.WithinBudget ? "ranking-bar-within" : "ranking-bar-beyond")}"><title>{encoder.Encode($"{row.Number}: {row.Score:0.00}")}</title></rect>""");
            svg.Append(CultureInfo.InvariantCulture,
                $"""<text x="{LabelWidth + length + 4:0.#}" y="{y + 13}" class="ranking-value">{row.Score.ToString("0.00", CultureInfo.CurrentCulture)}</text>""");
            if (ranking.FirstBeyondBudget == row)
            {
                svg.Append(CultureInfo.InvariantCulture,
                    $"""<line x1="0" x2="{Width}" y1="{y + 1}" y2="{y + 1}" class="ranking-budget-line" /><text x="{Width - 4}" y="{y - 3}" class="ranking-budget-label">{encoder.Encode(l["the budget runs out"])}</text>""");
            }
        }

        var axis = rows.Count * RowHeight + 18;
        foreach (var tick in new[] { 0, 25, 50, 75, 100 })
        {
            svg.Append(CultureInfo.InvariantCulture,
                $"""<text x="{LabelWidth + tick / 100.0 * BarWidth:0.#}" y="{axis}" class="ranking-axis">{tick}</text>""");
        }

        svg.Append("</svg>");
        return svg.ToString();
    }
}
