using GrantPortal.BrowserTests.Features.Accessibility;
using GrantPortal.BrowserTests.Features.Applications;
using GrantPortal.BrowserTests.Features.Decisions;
using GrantPortal.BrowserTests.Features.Reviews;
using GrantPortal.Web.Features.Demo;
using GrantPortal.Web.Infrastructure.Localization;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace GrantPortal.BrowserTests.Features.Mission;

/// <summary>
/// The agency's whole mission in one browser run, as its people do it: a call opened, two companies apply, a
/// formal check, experts assigned and scoring, the ranking, a four-eyes approval and a rejection, both decision
/// letters issued and verified by the public. A screenshot of each major page goes to artifacts/mission.
/// </summary>
public sealed class MissionJourneyTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private const string CallTitle = "Подшипники и композиты 2027";
    private static readonly PageGetByLabelOptions Exact = new() { Exact = true };

    [Fact]
    public async Task ACallOpens_TwoCompaniesApply_ExpertsScore_OneIsApprovedByTwoOfficers_OneRejected_AndBothLettersVerify()
    {
        await browser.App.WithServicesAsync(DemoData.SeedAsync); // the people; the demo's own call is not used
        var officer1 = await SignedInAsync("officer1@grantportal.test");
        var callUrl = await OpenCallAsync(officer1);

        var applicantA = await SignedInAsync("applicant1@grantportal.test");
        await ApplicationSteps.StartFillAndSubmitAsync(applicantA, CallTitle);
        await ShotAsync(applicantA, "03-application-submitted");
        var (urlA, numberA) = (applicantA.Url, await ApplicationSteps.NumberAsync(applicantA));
        var applicantB = await SignedInAsync("applicant2@grantportal.test");
        await ApplicationSteps.StartFillAndSubmitAsync(applicantB, CallTitle);
        var (urlB, numberB) = (applicantB.Url, await ApplicationSteps.NumberAsync(applicantB));

        await officer1.GotoAsync(callUrl);
        await officer1.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Заявки", Exact = true }).ClickAsync();
        await Expect(officer1.Locator("main table tbody tr")).ToHaveCountAsync(2);
        await ShotAsync(officer1, "04-officer-application-list");

        // Company A's application: the expert affiliated with company A cannot be chosen.
        await ReviewSteps.PassFormalCheckAsync(officer1, urlA);
        await Expect(officer1.GetByLabel("Евгений Рецензентов")).ToBeDisabledAsync();
        await ReviewSteps.AssignAsync(officer1, "mission/05-formal-check-and-experts.png", ["Эдуард Экспертов", "Елена Оценщикова"]);
        await ReviewSteps.ReviewAsync(browser, "expert1@grantportal.test", 8, "mission/06-review-form.png");
        await ReviewSteps.ReviewAsync(browser, "expert2@grantportal.test", 7, null);

        // Company B's application: that expert is free to review it.
        await ReviewSteps.PassFormalCheckAsync(officer1, urlB);
        await ReviewSteps.AssignAsync(officer1, "mission/07-experts-for-b.png", ["Эдуард Экспертов", "Евгений Рецензентов"]);
        await ReviewSteps.ReviewAsync(browser, "expert1@grantportal.test", 5, null);
        await ReviewSteps.ReviewAsync(browser, "expert3@grantportal.test", 4, null);

        var expert = await SignedInAsync("expert1@grantportal.test");
        await expert.GetByRole(AriaRole.Link, new() { Name = "Мои экспертизы" }).ClickAsync();
        await Expect(expert.Locator("main")).ToContainTextAsync(numberB);
        await ShotAsync(expert, "08-expert-dashboard");

        await officer1.GotoAsync(callUrl);
        await officer1.GetByRole(AriaRole.Link, new() { Name = "Сводка экспертизы" }).ClickAsync();
        await Expect(officer1.Locator("main")).ToContainTextAsync(numberA);
        await ShotAsync(officer1, "09-review-board");

        // The ranking: A scored higher, and the budget of 10 000 000 ₽ runs out before B's 8 000 000 ₽.
        await officer1.GotoAsync(callUrl);
        await officer1.GetByRole(AriaRole.Link, new() { Name = "Рейтинг" }).ClickAsync();
        await Expect(officer1.Locator(".ranking-chart")).ToBeVisibleAsync();
        var rows = officer1.Locator("#ranking tbody tr");
        await Expect(rows.Filter(new() { HasText = numberA })).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync(numberA);
        await Expect(rows.Filter(new() { HasText = "Экспертиза завершена" })).ToHaveCountAsync(2);
        await ShotAsync(officer1, "10-ranking");

        // Four eyes: officer 1 proposes approving A; only a second officer can confirm it.
        await rows.GetByRole(AriaRole.Link, new() { Name = numberA }).ClickAsync();
        await officer1.GetByRole(AriaRole.Button, new() { Name = "Перейти к решению" }).ClickAsync();
        await ShotAsync(officer1, "11-decision-panel");
        await officer1.GetByLabel("Условия").FillAsync("Отчёт о выполнении этапа 1 до 01.10.2027.");
        await officer1.GetByRole(AriaRole.Button, new() { Name = "Одобрить" }).ClickAsync();
        await Expect(officer1.GetByRole(AriaRole.Status)).ToContainTextAsync("должен подтвердить второй сотрудник");
        await Expect(officer1.GetByRole(AriaRole.Button, new() { Name = "Подтвердить одобрение" })).ToBeDisabledAsync();
        var officer2 = await SignedInAsync("officer2@grantportal.test");
        await officer2.GotoAsync(urlA);
        await officer2.GetByRole(AriaRole.Button, new() { Name = "Подтвердить одобрение" }).ClickAsync();
        await Expect(officer2.Locator("#application-state")).ToHaveTextAsync("Одобрена");

        await officer1.GotoAsync(urlB);
        await officer1.GetByRole(AriaRole.Button, new() { Name = "Перейти к решению" }).ClickAsync();
        await officer1.GetByLabel("Причины отказа").FillAsync("Бюджет конкурса исчерпан заявками с более высокой оценкой экспертов.");
        await officer1.GetByRole(AriaRole.Button, new() { Name = "Отклонить" }).ClickAsync();
        await Expect(officer1.Locator("#application-state")).ToHaveTextAsync("Отклонена");

        var approved = await DecisionSteps.DownloadAndVerifyAsync(browser, applicantA, urlA, "mission/decision-approved.pdf");
        await Expect(approved.Locator("#verified-decision")).ToContainTextAsync("Одобрено: 8");
        await applicantA.GotoAsync(urlA);
        await ShotAsync(applicantA, "12-approved-application");
        await ShotAsync(approved, "13-verified-approval");
        var rejected = await DecisionSteps.DownloadAndVerifyAsync(browser, applicantB, urlB, "mission/decision-rejected.pdf");
        await Expect(rejected.Locator("#verified-decision")).ToHaveTextAsync("Отклонена");
        await ShotAsync(rejected, "14-verified-rejection");

        // Pages only an issued decision shows, which the accessibility test's pages do not reach.
        var audit = new AxeAudit(output);
        await audit.CheckAsync(applicantA, "applicant ru, issued decision");
        await audit.CheckAsync(approved, "anonymous ru, verified approval");
        await audit.CheckAsync(rejected, "anonymous ru, verified rejection");
        audit.AssertNoSeriousOrCritical();
    }

    /// <summary>The officer creates the call through the form, open from now for a month.</summary>
    /// <returns>The officer's page of the call.</returns>
    private async Task<string> OpenCallAsync(IPage officer)
    {
        await officer.GetByRole(AriaRole.Link, new() { Name = "Управление конкурсами" }).ClickAsync();
        await officer.GetByRole(AriaRole.Link, new() { Name = "Новый конкурс" }).ClickAsync();
        await officer.GetByLabel("Название на русском", Exact).FillAsync(CallTitle);
        await officer.GetByLabel("Название на английском", Exact).FillAsync("Bearings and composites 2027");
        await officer.GetByLabel("Описание на русском", Exact).FillAsync("Гранты на разработку и запуск производства подшипников и композитов.");
        await officer.GetByLabel("Описание на английском", Exact).FillAsync("Grants for developing and producing bearings and composites.");
        var now = Formats.ToMoscow(DateTime.UtcNow);
        await officer.GetByLabel("Открытие (московское время)", Exact).FillAsync(now.AddMinutes(-5).ToString("yyyy-MM-ddTHH:mm"));
        await officer.GetByLabel("Окончание приёма (московское время)", Exact).FillAsync(now.AddDays(30).ToString("yyyy-MM-ddTHH:mm"));
        await officer.GetByLabel("Максимальный грант на заявку, ₽", Exact).FillAsync("10 000 000,00");
        await officer.GetByLabel("Бюджет конкурса, ₽", Exact).FillAsync("10 000 000,00");
        await officer.GetByLabel("Экспертов на заявку", Exact).FillAsync("2");
        await officer.GetByLabel("Срок экспертизы, дней", Exact).FillAsync("14");
        await officer.GetByLabel("Допустимое расхождение, баллов из 100", Exact).FillAsync("30");
        await CriterionAsync(officer, 1, "tech", "Научно-технический уровень", "Technical merit", "60");
        await CriterionAsync(officer, 2, "market", "Рынок и спрос", "Market and demand", "40");
        await officer.GetByLabel("Документ 1: код", Exact).FillAsync("business-plan");
        await officer.GetByLabel("Документ 1: название на русском", Exact).FillAsync("Бизнес-план");
        await officer.GetByLabel("Документ 1: название на английском", Exact).FillAsync("Business plan");
        await ShotAsync(officer, "01-new-call-form");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Создать конкурс" }).ClickAsync();
        await Expect(officer.GetByRole(AriaRole.Status).First).ToHaveTextAsync("Конкурс создан.");
        var callUrl = officer.Url;

        await officer.GetByRole(AriaRole.Link, new() { Name = "Публичная страница" }).ClickAsync();
        await Expect(officer.GetByRole(AriaRole.Heading, new() { Name = CallTitle })).ToBeVisibleAsync();
        await ShotAsync(officer, "02-public-call");
        return callUrl;
    }

    private static async Task CriterionAsync(IPage officer, int n, string code, string nameRu, string nameEn, string weight)
    {
        await officer.GetByLabel($"Критерий {n}: код", Exact).FillAsync(code);
        await officer.GetByLabel($"Критерий {n}: название на русском", Exact).FillAsync(nameRu);
        await officer.GetByLabel($"Критерий {n}: название на английском", Exact).FillAsync(nameEn);
        await officer.GetByLabel($"Критерий {n}: вес, %", Exact).FillAsync(weight);
        await officer.GetByLabel($"Критерий {n}: максимальная оценка", Exact).FillAsync("10");
        await officer.GetByLabel($"Критерий {n}: порог", Exact).FillAsync("3");
    }

    private async Task<IPage> SignedInAsync(string email)
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, email, DemoData.Password);
        return page;
    }

    private static Task ShotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "mission", name + ".png"), FullPage = true });
}
