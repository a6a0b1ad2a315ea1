using System.Diagnostics;
using System.Globalization;
using GrantPortal.Testing;
using GrantPortal.Web.Features.Decisions;
using GrantPortal.Web.Infrastructure.Pdf;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace GrantPortal.Benchmarks.Pdf;

/// <summary>
/// Decision letters rendered per second on one thread, against the floor PDFsharp itself sets: a one-page document
/// with a single line of text in the same embedded font. The ratio says what our layout layer and the letter's
/// content cost over what any PDFsharp document costs.
/// </summary>
public static class PdfBenchmark
{
    private const string Line = "Решение № РГ-2026/0042 от 21.11.2026: 100 000 000,00 ₽";

    public static void Run(int count)
    {
        var renderer = SampleDecisions.Renderer();
        var decision = SampleDecisions.Approval();
        var font = new XFont(PdfFonts.Family, 10, XFontStyleEx.Regular, new XPdfFontOptions(PdfFontEncoding.Unicode));
        byte[] Decision() => renderer.Render(decision);
        byte[] OneLine() => OneLineDocument(font);

        // Long enough for tiered compilation to reach its final code.
        var warmUp = Math.Max(50, count / 4);
        Progress($"warm-up: {warmUp} of each");
        Phase(Decision, warmUp);
        Phase(OneLine, warmUp);

        // Turns in the order decision, one line, one line, decision: a drift in the machine's load weighs on both alike.
        var first = count / 2;
        var second = count - first;
        var decisions = Phase(Decision, first);
        var lines = Phase(OneLine, first);
        lines += Phase(OneLine, second);
        decisions += Phase(Decision, second);

        var sample = Decision();
        Report(count, decisions, lines, sample.Length, OneLine().Length, PageCount(sample));
    }

    private static byte[] OneLineDocument(XFont font)
    {
        using var document = new PdfDocument();
        var page = document.AddPage();
        page.Size = PageSize.A4;
        using (var graphics = XGraphics.FromPdfPage(page))
        {
            graphics.DrawString(Line, font, XBrushes.Black, 57, 72);
        }

        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    private static PhaseResult Phase(Func<byte[]> render, int count)
    {
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            render();
        }

        clock.Stop();
        process.Refresh();
        return new PhaseResult(count, clock.Elapsed, process.TotalProcessorTime - cpu);
    }

    private static int PageCount(byte[] pdf)
    {
        using var document = PdfSharp.Pdf.IO.PdfReader.Open(new MemoryStream(pdf), PdfSharp.Pdf.IO.PdfDocumentOpenMode.Import);
        return document.PageCount;
    }

    private static void Report(int count, PhaseResult decisions, PhaseResult lines, int decisionBytes, int lineBytes, int decisionPages)
    {
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine($"Decision PDFs against one-line PDFsharp documents: {count} of each on one thread, {Environment.ProcessorCount} CPUs, load {LoadAverage():F1}");
        Console.WriteLine();
        Console.WriteLine(string.Create(c, $"{"document",-34} {"count",6} {"seconds",7} {"per s",7} {"ms each",7} {"CPU ms each",11} {"bytes",7} {"pages",5}"));
        Console.WriteLine(string.Create(c,
            $"{"decision letter (3 stages)",-34} {decisions.Count,6} {decisions.Elapsed.TotalSeconds,7:F2} {decisions.PerSecond,7:F1} {decisions.MsEach,7:F2} {decisions.CpuMsEach,11:F2} {decisionBytes,7} {decisionPages,5}"));
        Console.WriteLine(string.Create(c,
            $"{"one line of text",-34} {lines.Count,6} {lines.Elapsed.TotalSeconds,7:F2} {lines.PerSecond,7:F1} {lines.MsEach,7:F2} {lines.CpuMsEach,11:F2} {lineBytes,7} {1,5}"));
        Console.WriteLine("(CPU ms include the garbage collector's threads; other work on the machine skews the per-second figures more than the CPU ones)");
        Console.WriteLine();
        Console.WriteLine(string.Create(c, $"one-line documents/s ÷ decision letters/s: {lines.PerSecond / decisions.PerSecond:F2}"));
        Console.WriteLine();
        foreach (var (name, value) in new[]
        {
            ("count", count),
            ("decisions_per_s", decisions.PerSecond),
            ("decision_cpu_ms_each", decisions.CpuMsEach),
            ("one_line_documents_per_s", lines.PerSecond),
            ("one_line_cpu_ms_each", lines.CpuMsEach),
            ("ratio_one_line_to_decision", lines.PerSecond / decisions.PerSecond),
            ("decision_bytes", (double)decisionBytes),
            ("decision_pages", decisionPages),
        })
        {
            Console.WriteLine(string.Create(c, $"{name}={Math.Round(value, 3)}"));
        }
    }

    private static double LoadAverage() =>
        double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);

    private static void Progress(string message) => Console.Error.WriteLine(message);

    private sealed record PhaseResult(int Count, TimeSpan Elapsed, TimeSpan Cpu)
    {
        public double PerSecond => Count / Elapsed.TotalSeconds;

        public double MsEach => Elapsed.TotalMilliseconds / Count;

        public double CpuMsEach => Cpu.TotalMilliseconds / Count;

        public static PhaseResult operator +(PhaseResult left, PhaseResult right) =>
            new(left.Count + right.Count, left.Elapsed + right.Elapsed, left.Cpu + right.Cpu);
    }
}
