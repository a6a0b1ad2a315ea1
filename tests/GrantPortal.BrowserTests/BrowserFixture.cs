using System.Diagnostics;
using GrantPortal.Testing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace GrantPortal.BrowserTests;

/// <summary>
/// The app on a real Kestrel port (Development, as a person runs it) and Debian's Chromium driven by Playwright.
/// Playwright never downloads a browser here: Chromium comes from apt, installed on first use when missing.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private const string ChromiumPath = "/usr/bin/chromium";

    private PortalAppFactory? _app;
    private IPlaywright? _playwright;

    public PortalAppFactory App => _app!;

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    /// <summary>Where screenshots go: test artifacts, never committed.</summary>
    public static string ArtifactsDirectory { get; } =
        Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts")).FullName;

    public async Task InitializeAsync()
    {
        EnsureChromium();
        _app = await PortalAppFactory.CreateAsync("Development", new Dictionary<string, string>
        {
            // Decision PDFs within a second, and four eyes for the demo's 8 000 000 ₽ requests.
            ["Decisions:PdfPollInterval"] = "00:00:01",
            ["Decisions:FourEyesThreshold"] = "5000000",
            // Development delivers e-mail to a pickup folder, by default inside the source tree: keep it with the artifacts.
            ["Email:PickupDirectory"] = Path.Combine(ArtifactsDirectory, "mail"),
        });
        _app.UseKestrel(0);
        _app.StartServer();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal);

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // The machine has no network beyond package registries; these stop Chromium calling home.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new() { BaseURL = BaseUrl, Locale = "ru-RU" });
        return await context.NewPageAsync();
    }

    /// <summary>Signs in through the login form, as a person does.</summary>
    public static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Электронная почта").FillAsync(email);
        await page.GetByLabel("Пароль", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Войти" }).ClickAsync();
    }

    public async Task DisposeAsync()
    {
        if (_playwright is not null)
        {
            await Browser.DisposeAsync();
            _playwright.Dispose();
        }

        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private static void EnsureChromium()
    {
        if (File.Exists(ChromiumPath))
        {
            return;
        }

        if (Environment.UserName != "root")
        {
            throw new InvalidOperationException("Chromium is missing: install it with 'sudo apt-get install chromium'.");
        }

        Run("apt-get", "update -qq");
        Run("apt-get", "install -y -qq chromium");
    }

    private static void Run(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { UseShellExecute = false })!;
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{file} {arguments}' failed with exit code {process.ExitCode}.");
        }
    }
}
