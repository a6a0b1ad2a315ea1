using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GrantPortal.BrowserTests.Features.Account;

public sealed class RegistrationJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Applicant_Registers_ConfirmsEmailFromTheOutbox_SignsIn_SwitchesLanguage_AndSignsOut()
    {
        var page = await browser.NewPageAsync();
        var email = $"browser-{Guid.NewGuid():N}@example.test";

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Регистрация", Exact = true }).ClickAsync();
        await page.GetByLabel("ФИО").FillAsync("Пётр Браузеров");
        await page.GetByLabel("Электронная почта").FillAsync(email);
        await page.GetByLabel("Пароль", new() { Exact = true }).FillAsync("Browser-Pass-2026");
        await page.GetByLabel("Повторите пароль").FillAsync("Browser-Pass-2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Создать учётную запись" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Проверьте почту" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Исходящая почта" }).ClickAsync();
        await page.GetByRole(AriaRole.Row).Filter(new() { HasText = email })
            .GetByRole(AriaRole.Link, new() { Name = "Подтвердите адрес электронной почты" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Подтвердить почту" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Адрес электронной почты подтверждён" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Войти" }).ClickAsync();
        await page.GetByLabel("Электронная почта").FillAsync(email);
        await page.GetByLabel("Пароль", new() { Exact = true }).FillAsync("Browser-Pass-2026");
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Войти" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Пётр Браузеров" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Открытые конкурсы" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "front-page-ru.png"), FullPage = true });

        await page.GetByRole(AriaRole.Button, new() { Name = "EN", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Open calls" })).ToBeVisibleAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await page.GetByRole(AriaRole.Button, new() { Name = "RU", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Открытые конкурсы" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Пётр Браузеров" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Выйти" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Регистрация", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Пётр Браузеров" })).ToHaveCountAsync(0);
        Assert.Matches(new Regex("/$"), page.Url);
    }
}
