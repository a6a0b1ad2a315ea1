using GrantPortal.Web.Features.Demo;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GrantPortal.BrowserTests.Features.Reviews;

/// <summary>The officer's formal check and assignment, and two experts' reviews, as they do them in the browser.</summary>
internal static class ReviewSteps
{
    /// <param name="look">When given, called with the page at each form on the way (the officer's formal check before and
    /// after it, the first expert's offer and filled-in review), e.g. to audit it.</param>
    /// <returns>The officer's page, signed in.</returns>
    public static async Task<IPage> CheckAssignAndScoreAsync(BrowserFixture browser, string applicationUrl, Func<IPage, Task>? look = null)
    {
        look ??= _ => Task.CompletedTask;
        var officer = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(officer, "officer1@grantportal.test", DemoData.Password);
        await officer.GotoAsync(applicationUrl);
        await officer.GetByRole(AriaRole.Button, new() { Name = "Начать формальную проверку" }).ClickAsync();
        await officer.GetByRole(AriaRole.Link, new() { Name = "Формальная проверка и эксперты" }).ClickAsync();
        await look(officer);
        await officer.GetByLabel("Компания — российское юридическое лицо", new() { Exact = false }).CheckAsync();
        await officer.GetByLabel("Приложенные документы читаемы", new() { Exact = false }).CheckAsync();
        await officer.GetByRole(AriaRole.Button, new() { Name = "Записать результат проверки" }).ClickAsync();
        await Expect(officer.GetByRole(AriaRole.Status)).ToContainTextAsync("Формальная проверка пройдена");
        await Expect(officer.GetByLabel("Евгений Рецензентов")).ToBeDisabledAsync(); // tied to the applicant
        await officer.GetByLabel("Эдуард Экспертов").CheckAsync();
        await officer.GetByLabel("Елена Оценщикова").CheckAsync();
        await officer.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "officer-assign-experts.png"), FullPage = true });
        await officer.GetByRole(AriaRole.Button, new() { Name = "Назначить выбранных экспертов" }).ClickAsync();
        await Expect(officer.GetByRole(AriaRole.Status)).ToContainTextAsync("Эксперты назначены");
        await look(officer);

        await ReviewAsync(browser, "expert1@grantportal.test", 8, "review-form.png", look);
        await ReviewAsync(browser, "expert2@grantportal.test", 7, null, _ => Task.CompletedTask);
        return officer;

    }

    private static async Task ReviewAsync(BrowserFixture browser, string email, int score, string? screenshot, Func<IPage, Task> look)
    {
        var expert = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(expert, email, DemoData.Password);
        await expert.GetByRole(AriaRole.Link, new() { Name = "Мои экспертизы" }).ClickAsync();
        await expert.Locator("#offered a").First.ClickAsync();
        await look(expert);
        await expert.GetByLabel("Заявляю, что у меня нет конфликта интересов", new() { Exact = false }).CheckAsync();
        await expert.GetByRole(AriaRole.Button, new() { Name = "Принять экспертизу" }).ClickAsync();
        await Expect(expert.Locator("#review-status")).ToHaveTextAsync("В работе");

        var scores = expert.Locator("select[name$='.Score']");
        for (var i = 0; i < await scores.CountAsync(); i++)
        {
            await scores.Nth(i).SelectOptionAsync(score.ToString());
            await expert.Locator($"#reason-{i}").FillAsync($"Оценка {score}: обоснование по критерию изложено подробно и по существу.");
        }

        await expert.GetByLabel("Поддержать", new() { Exact = true }).CheckAsync();
        await expert.GetByLabel("Общее заключение").FillAsync("Проект обоснован, команда опытная, спрос подтверждён письмами покупателей.");
        await look(expert);
        if (screenshot is not null)
        {
            await expert.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, screenshot), FullPage = false });
        }

        await expert.GetByRole(AriaRole.Button, new() { Name = "Подать заключение" }).ClickAsync();
        await Expect(expert.Locator("#review-status")).ToHaveTextAsync("Подано");
        await expert.Context.CloseAsync();
    }
}
