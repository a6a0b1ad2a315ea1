using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace GrantPortal.BrowserTests.Features.Accessibility;

/// <summary>
/// Runs axe-core (from npm, copied into the test output by Axe.targets) on pages and collects what it finds.
/// Serious and critical violations of WCAG 2.x A/AA fail the test; every violation is written to the test output.
/// </summary>
internal sealed class AxeAudit(ITestOutputHelper output)
{
    // WCAG 2.0, 2.1 and 2.2, levels A and AA (axe's own tags).
    private const string RunAxe = """
        async () => {
            const result = await axe.run(document, {
                runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
                resultTypes: ['violations'],
            });
            return result.violations.map(v => ({
                id: v.id,
                impact: v.impact ?? '',
                targets: v.nodes.map(n => n.target.join(' ')),
            }));
        }
        """;

    /// <summary>Pages audited that answer with an error status on purpose.</summary>
    private static readonly HashSet<string> ErrorPages = ["/no-such-page", "/account/access-denied"];

    private static readonly Lazy<string> Script = new(() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "axe", "axe.min.js")));

    private readonly List<string> _failures = [];
    private readonly Dictionary<string, int> _countByRule = [];
    private TimeSpan _axeTime;

    public int PagesAudited { get; private set; }

    /// <summary>Opens each path and audits it.</summary>
    public async Task PagesAsync(IPage page, string who, IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            var response = await page.GotoAsync(path);
            if (response is null || (response.Status >= 400 && !ErrorPages.Contains(path)))
            {
                _failures.Add($"{who} {path}: HTTP {response?.Status}");
                continue;
            }

            await CheckAsync(page, who);
        }
    }

    /// <summary>
    /// The paths in Russian (the default), then <paramref name="english"/> (by default the same) through the language
    /// switch, then back to Russian; and the navigation bar in both languages.
    /// </summary>
    public async Task PagesInBothLanguagesAsync(IPage page, string who, IReadOnlyList<string> paths, IReadOnlyList<string>? english = null)
    {
        await PagesAsync(page, $"{who} ru", paths);
        await NavbarOnOneLineAsync(page, $"{who} ru");
        await page.Locator("button[name=language][value=en]").ClickAsync();
        await PagesAsync(page, $"{who} en", english ?? paths);
        await NavbarOnOneLineAsync(page, $"{who} en");
        await page.Locator("button[name=language][value=ru]").ClickAsync();
    }

    /// <summary>Audits the page as it is now.</summary>
    public async Task CheckAsync(IPage page, string who)
    {
        // Evaluated through the DevTools protocol, so the page's Content-Security-Policy (script-src 'self') does not
        // stop it, whereas AddScriptTagAsync's inline script would be blocked; the page is audited under its real CSP.
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync(Script.Value);
        }

        var where = $"{who} {new Uri(page.Url).PathAndQuery}";
        var started = Stopwatch.GetTimestamp();
        var violations = await page.EvaluateAsync<JsonElement>(RunAxe);
        _axeTime += Stopwatch.GetElapsedTime(started);
        PagesAudited++;
        foreach (var violation in violations.EnumerateArray())
        {
            var rule = violation.GetProperty("id").GetString()!;
            var impact = violation.GetProperty("impact").GetString()!;
            var targets = violation.GetProperty("targets").EnumerateArray().Select(t => t.GetString()!).ToList();
            var line = $"{where}: {rule} ({impact}) at {string.Join(" | ", targets)}";
            output.WriteLine(line);
            var key = $"{rule} ({impact})";
            _countByRule[key] = _countByRule.GetValueOrDefault(key) + targets.Count;
            if (impact is "serious" or "critical")
            {
                _failures.Add(line);
            }
        }
    }

    /// <summary>The navigation bar keeps to one line (the width is the context's viewport, 1280 px by default).</summary>
    private async Task NavbarOnOneLineAsync(IPage page, string who)
    {
        var height = await page.EvaluateAsync<int>("() => Math.round(document.querySelector('.portal-navbar').getBoundingClientRect().height)");
        if (height > 64)
        {
            _failures.Add($"{who} {new Uri(page.Url).PathAndQuery}: the navigation bar wraps ({height} px high)");
        }
    }

    public void AssertNoSeriousOrCritical()
    {
        var summary = new StringBuilder($"{PagesAudited} pages audited, axe.run {_axeTime.TotalSeconds:0.0} s in all; violations by rule (elements): ");
        summary.Append(_countByRule.Count == 0 ? "none" : string.Join(", ", _countByRule.OrderBy(r => r.Key).Select(r => $"{r.Key} {r.Value}")));
        output.WriteLine(summary.ToString());
        Assert.True(_failures.Count == 0, $"{_failures.Count} serious or critical accessibility problems:\n{string.Join("\n", _failures)}\n{summary}");
    }
}
