using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GrantPortal.BrowserTests.Features.Decisions;

/// <summary>What happens after an officer decides, as the applicant and the public see it.</summary>
internal static class DecisionSteps
{
    /// <summary>
    /// The applicant waits on the application page for the decision letter (made by a background job within
    /// seconds), downloads it and opens its public verification page; an anonymous visitor checks the file there.
    /// </summary>
    /// <returns>The visitor's page on the verification result.</returns>
    public static async Task<IPage> DownloadAndVerifyAsync(BrowserFixture browser, IPage applicant, string applicationUrl, string pdfName)
    {
        await applicant.GotoAsync(applicationUrl);
        for (var tries = 0; tries < 30 && (await applicant.Locator("#application-state").TextContentAsync())!.Trim() != "Решение выдано"; tries++)
        {
            await Task.Delay(1000);
            await applicant.ReloadAsync();
        }

        await Expect(applicant.Locator("#application-state")).ToHaveTextAsync("Решение выдано");
        var download = await applicant.RunAndWaitForDownloadAsync(() => applicant.GetByRole(AriaRole.Link, new() { Name = "Скачать решение (PDF)" }).ClickAsync());
        var pdf = Path.Combine(BrowserFixture.ArtifactsDirectory, pdfName);
        await download.SaveAsAsync(pdf);

        await applicant.GetByRole(AriaRole.Link, new() { Name = "Страница проверки" }).ClickAsync();
        var visitor = await browser.NewPageAsync();
        await visitor.GotoAsync(applicant.Url);
        await visitor.GetByLabel("PDF решения").SetInputFilesAsync(pdf);
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Проверить" }).ClickAsync();
        await Expect(visitor.Locator("#verification-result")).ToContainTextAsync("в точности совпадает");
        return visitor;
    }
}
