using GrantPortal.Web.Features.Demo;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GrantPortal.BrowserTests.Features.Reviews;

/// <summary>The officer's formal check and assignment, and the experts' reviews, as they do them in the browser.</summary>
internal static class ReviewSteps
{
    /// <summary>From the application page to a passed formal check, leaving the officer on the experts page.</summary>
    /// <param name="look">When given, called with the page at each form on the way, e.g. to audit it.</param>
    public static async Task PassFormalCheckAsync(IPage officer, string applicationUrl, Func<IPage, Task>? look = null)
    {
        await officer.GotoAsync(applicationUrl);
        await officer.GetByRole(AriaRole.Button, new() { Name = "Начать формальную проверку" }).ClickAsync();
        await officer.GetByRole(AriaRole.Link, new() { Name = "Формальная проверка и эксперты" }).ClickAsync();
        await (look ?? Nothing)(officer);
        await officer.GetByLabel("Компания — российское юридическое лицо", new() { Exact = false }).CheckAsync();
        await officer.GetByLabel("Приложенные документы читаемы", new() { Exact = false }).CheckAsync();
        await officer.GetByRole(AriaRole.Button, new() { Name = "Записать результат проверки" }).ClickAsync();
        await Expect(officer.GetByRole(AriaRole.Status)).ToContainTextAsync("Формальная проверка пройдена");
    }

    public static async Task AssignAsync(IPage officer, string screenshot, string[] experts, Func<IPage, Task>? look = null)
    {
        foreach (var expert in experts)
        {
            await officer.GetByLabel(expert).CheckAsync();
        }

        await officer.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, screenshot), FullPage = true });
        await officer.GetByRole(AriaRole.Button, new() { Name = "Назначить выбранных экспертов" }).ClickAsync();
        await Expect(officer.GetByRole(AriaRole.Status)).ToContainTextAsync("Эксперты назначены");
        await (look ?? Nothing)(officer);
    }

    /// <summary>The expert accepts their first offered review, declaring no conflict, and submits the same score on every criterion.</summary>
    public static async Task ReviewAsync(BrowserFixture browser, string email, int score, string? screenshot, Func<IPage, Task>? look = null)
    {
        var expert = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(expert, email, DemoData.Password);
        await expert.GetByRole(AriaRole.Link, new() { Name = "Мои экспертизы" }).ClickAsync();
        await expert.Locator("#offered a").First.ClickAsync();
        await (look ?? Nothing)(expert);
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
        await (look ?? Nothing)(expert);
        if (screenshot is not null)
        {
            await expert.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, screenshot), FullPage = false });
        }

        await expert.GetByRole(AriaRole.Button, new() { Name = "Подать заключение" }).ClickAsync();
        await Expect(expert.Locator("#review-status")).ToHaveTextAsync("Подано");
        await expert.Context.CloseAsync();
    }

    private static Task Nothing(IPage page) => Task.CompletedTask;
}
