using System.Diagnostics;

namespace GrantPortal.Testing;

/// <summary>
/// Reads PDFs back with poppler-utils (pdftotext, pdfinfo, pdffonts, pdftoppm): what a reader's viewer would
/// find in the file, not what the code meant to write.
/// </summary>
public static partial class Poppler
{
    /// <summary>
    /// The text of the document, or of one page (from 1), with each run of white space (line ends, no-break spaces)
    /// made one plain space, so that a phrase is found wherever the layout wrapped it.
    /// </summary>
    public static string Text(byte[] pdf, int? page = null) => WhiteSpace().Replace(
        page is { } p
            ? Run(pdf, "pdftotext", "-f", $"{p}", "-l", $"{p}", "-enc", "UTF-8", File, "-")
            : Run(pdf, "pdftotext", "-enc", "UTF-8", File, "-"),
        " ");

    public static int PageCount(byte[] pdf)
    {
        var line = Run(pdf, "pdfinfo", File).Split('\n').Single(l => l.StartsWith("Pages:", StringComparison.Ordinal));
        return int.Parse(line["Pages:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>pdffonts' table: one line per font, with whether it is embedded.</summary>
    public static string Fonts(byte[] pdf) => Run(pdf, "pdffonts", File);

    /// <summary>Writes each page as a PNG beside <paramref name="prefix"/> (prefix-1.png, ...), to look at.</summary>
    public static void Pictures(byte[] pdf, string prefix, int dpi = 60) => Run(pdf, "pdftoppm", "-png", "-r", $"{dpi}", File, prefix);

    // Stands for the PDF's temporary file among a tool's arguments.
    private const string File = "\u0000pdf";

    private static string Run(byte[] pdf, string tool, params string[] arguments)
    {
        var file = Path.Combine(Path.GetTempPath(), $"grantportal-{Guid.NewGuid():N}.pdf");
        System.IO.File.WriteAllBytes(file, pdf);
        try
        {
            var start = new ProcessStartInfo(tool, arguments.Select(a => a == File ? file : a))
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                StandardOutputEncoding = System.Text.Encoding.UTF8,
            };
            using var process = Start(start);
            var errors = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? output : throw new InvalidOperationException($"{tool} failed: {errors.Result}");
        }
        finally
        {
            System.IO.File.Delete(file);
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\s+")]
    private static partial System.Text.RegularExpressions.Regex WhiteSpace();

    private static Process Start(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{start.FileName} is missing: apt-get install poppler-utils.", e);
        }
    }
}
