using GrantPortal.BrowserTests.Features.Applications;
using GrantPortal.BrowserTests.Features.Reviews;
using GrantPortal.Web.Features.Demo;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GrantPortal.BrowserTests.Features.Decisions;

public sealed class DecisionJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task FromTheRanking_AFourEyesApproval_IssuesAPdf_ThatTheApplicantDownloads_AndThePublicVerifies()
    {
        await browser.App.WithServicesAsync(DemoData.SeedAsync);
        var applicant = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(applicant, "applicant1@grantportal.test", DemoData.Password);
        await ApplicationSteps.StartFillAndSubmitAsync(applicant);
        var applicationUrl = applicant.Url;
        var number = (await applicant.GetByText(new System.Text.RegularExpressions.Regex(@"ATR-20\d\d-\d{6}")).First.TextContentAsync())!
            .Split(' ').First(w => w.StartsWith("ATR-", StringComparison.Ordinal));
        var officer1 = await ReviewSteps.CheckAssignAndScoreAsync(browser, applicationUrl);

        await officer1.GotoAsync("/officer/calls");
        await officer1.GetByRole(AriaRole.Link, new() { Name = "Компонентозамещение 2026", Exact = false }).First.ClickAsync();
        await officer1.GetByRole(AriaRole.Link, new() { Name = "Рейтинг" }).ClickAsync();
        await Expect(officer1.Locator(".ranking-chart")).ToBeVisibleAsync();
        await officer1.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "ranking.png"), FullPage = true });
        await officer1.Locator("#ranking").GetByRole(AriaRole.Link, new() { Name = number }).ClickAsync();
        await officer1.GetByRole(AriaRole.Button, new() { Name = "Перейти к решению" }).ClickAsync();
        await officer1.GetByLabel("Условия").FillAsync("Отчёт о выполнении этапа 1 до 01.10.2027.");
        await officer1.GetByRole(AriaRole.Button, new() { Name = "Одобрить" }).ClickAsync();
        await Expect(officer1.GetByRole(AriaRole.Status)).ToContainTextAsync("должен подтвердить второй сотрудник");
        await Expect(officer1.GetByRole(AriaRole.Button, new() { Name = "Подтвердить одобрение" })).ToBeDisabledAsync();

        var officer2 = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(officer2, "officer2@grantportal.test", DemoData.Password);
        await officer2.GotoAsync(applicationUrl);
        await officer2.GetByRole(AriaRole.Button, new() { Name = "Подтвердить одобрение" }).ClickAsync();
        await Expect(officer2.Locator("#application-state")).ToHaveTextAsync("Одобрена");

        // The PDF is made by the background job within seconds; the applicant reloads until it is there.
        await applicant.GotoAsync(applicationUrl);
        for (var tries = 0; tries < 30 && (await applicant.Locator("#application-state").TextContentAsync())!.Trim() != "Решение выдано"; tries++)
        {
            await Task.Delay(1000);
            await applicant.ReloadAsync();
        }

        await Expect(applicant.Locator("#application-state")).ToHaveTextAsync("Решение выдано");
        var download = await applicant.RunAndWaitForDownloadAsync(() => applicant.GetByRole(AriaRole.Link, new() { Name = "Скачать решение (PDF)" }).ClickAsync());
        var pdf = Path.Combine(BrowserFixture.ArtifactsDirectory, "decision.pdf");
        await download.SaveAsAsync(pdf);

        await applicant.GetByRole(AriaRole.Link, new() { Name = "Страница проверки" }).ClickAsync();
        var visitor = await browser.NewPageAsync();
        await visitor.GotoAsync(applicant.Url);
        await Expect(visitor.Locator("#verified-decision")).ToContainTextAsync("Одобрено: 8");
        await visitor.GetByLabel("PDF решения").SetInputFilesAsync(pdf);
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Проверить" }).ClickAsync();
        await Expect(visitor.Locator("#verification-result")).ToContainTextAsync("в точности совпадает");
        await visitor.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "verification.png"), FullPage = true });
    }
}
