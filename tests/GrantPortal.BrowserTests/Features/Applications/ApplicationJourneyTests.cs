using GrantPortal.Web.Features.Demo;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GrantPortal.BrowserTests.Features.Applications;

public sealed class ApplicationJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Applicant_FillsInEverySection_AndSubmits()
    {
        await browser.App.WithServicesAsync(DemoData.SeedAsync);
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Электронная почта").FillAsync("applicant1@grantportal.test");
        await page.GetByLabel("Пароль", new() { Exact = true }).FillAsync(DemoData.Password);
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Войти" }).ClickAsync();

        await ApplicationSteps.StartFillAndSubmitAsync(page);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "application-submitted.png"), FullPage = true });
    }
}
