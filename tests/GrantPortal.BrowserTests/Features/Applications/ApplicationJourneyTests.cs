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
        await BrowserFixture.SignInAsync(page, "applicant1@grantportal.test", DemoData.Password);

        await ApplicationSteps.StartFillAndSubmitAsync(page);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "application-submitted.png"), FullPage = true });
    }
}
