using System.Globalization;
using CsvHelper;
using GrantPortal.Web.Domain;
using Microsoft.Extensions.Localization;

namespace GrantPortal.Web.Features.Decisions;

/// <summary>
/// The ranking as CSV with the page's columns, for a spreadsheet: semicolons and decimal commas as Russian Excel
/// expects, UTF-8 with a byte order mark so it reads the Cyrillic, amounts as plain numbers with kopecks.
/// </summary>
public static class RankingExport
{
    private static readonly CultureInfo Russian = CultureInfo.GetCultureInfo("ru-RU");

    public static byte[] ToCsv(CallRankingModel ranking, IStringLocalizer l)
    {
        var options = new CsvWriterOptions
        {
            Separator = ';',
            FormatProvider = Russian,
            WriteByteOrderMark = true,
            // A title like "=HYPERLINK(...)" must stay text in the officer's spreadsheet, not run as a formula.
            Injection = CsvInjection.Escape,
        };
        using var buffer = new MemoryStream();
        using (var csv = CsvWriter.Create(buffer, options, leaveOpen: true))
        {
            foreach (var header in new[]
                     {
                         l["Rank"], l["Number"], l["Project"], l["Company"], l["Region"], l["Status"], l["Score"], l["First criterion"],
                         l["Requested grant"], l["Approved"], l["Running total"], l["Within the budget"], l["Below a threshold"], l["Scores diverged"],
                     })
            {
                csv.WriteField(header.Value);
            }

            csv.EndRecord();
            foreach (var row in ranking.Rows)
            {
                csv.WriteField(row.Rank, "");
                csv.WriteField(row.Number);
                csv.WriteField(row.Title);
                csv.WriteField(row.Company);
                csv.WriteField(RussianRegions.Find(row.RegionCode)?.Name("ru") ?? row.RegionCode ?? "");
                csv.WriteField(row.State);
                csv.WriteField(row.Score, "0.00");
                csv.WriteField(row.FirstCriterionMean, "0.00");
                csv.WriteField(row.Requested, "0.00");
                csv.WriteField(row.Approved?.ToString("0.00", Russian) ?? "");
                csv.WriteField(row.RunningTotal, "0.00");
                csv.WriteField(row.WithinBudget ? l["Yes"].Value : l["No"].Value);
                csv.WriteField(row.BelowThreshold ? l["Yes"].Value : l["No"].Value);
                csv.WriteField(row.Divergent ? l["Yes"].Value : l["No"].Value);
                csv.EndRecord();
            }
        }

        return buffer.ToArray();
    }
}
