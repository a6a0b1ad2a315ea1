using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GrantPortal.BrowserTests.Features.Applications;

public sealed class NewApplicantJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ANewApplicant_Registers_RegistersTheCompany_AndSubmitsAnApplication()
    {
        await browser.App.WithServicesAsync(GrantPortal.Web.Features.Demo.DemoData.SeedAsync); // the open call
        var page = await browser.NewPageAsync();
        var email = $"founder-{Guid.NewGuid():N}@example.test";

        await page.GotoAsync("/account/register");
        await page.GetByLabel("ФИО").FillAsync("Ирина Основателева");
        await page.GetByLabel("Электронная почта").FillAsync(email);
        await page.GetByLabel("Пароль", new() { Exact = true }).FillAsync("Founder-Pass-2026");
        await page.GetByLabel("Повторите пароль").FillAsync("Founder-Pass-2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Создать учётную запись" }).ClickAsync();
        await page.GotoAsync("/dev/outbox");
        await page.GetByRole(AriaRole.Row).Filter(new() { HasText = email }).GetByRole(AriaRole.Link).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Подтвердить почту" }).ClickAsync();
        await BrowserFixture.SignInAsync(page, email, "Founder-Pass-2026");

        await page.GetByRole(AriaRole.Link, new() { Name = "Профиль компании" }).ClickAsync();
        var (inn, ogrn) = CompanyNumbers();
        await page.GetByLabel("Полное наименование").FillAsync("ООО «Новые материалы»");
        await page.GetByLabel("ИНН", new() { Exact = true }).FillAsync(inn);
        await page.GetByLabel("ОГРН", new() { Exact = true }).FillAsync(ogrn);
        await page.GetByLabel("КПП", new() { Exact = true }).FillAsync("770101001");
        await page.GetByLabel("Регион").SelectOptionAsync("77");
        await page.GetByLabel("Юридический адрес").FillAsync("г. Москва, ул. Заводская, д. 1");
        await page.GetByLabel("Контактное лицо").FillAsync("Ирина Основателева");
        await page.GetByLabel("Контактный телефон").FillAsync("+7 495 000-00-00");
        await page.GetByLabel("Контактная электронная почта").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Зарегистрировать компанию" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "ООО «Новые материалы»" })).ToBeVisibleAsync();

        await ApplicationSteps.StartFillAndSubmitAsync(page);
        await Expect(page.GetByText("ООО «Новые материалы»").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "new-applicant-submitted.png"), FullPage = true });
    }

    /// <summary>A fresh valid INN and OGRN, so the test never collides with a company registered before.</summary>
    private static (string Inn, string Ogrn) CompanyNumbers()
    {
        var digits = Random.Shared.Next(100_000, 999_999).ToString();
        var innBody = "770" + digits;
        int[] weights = [2, 4, 10, 3, 5, 9, 4, 6, 8];
        var innCheck = innBody.Select((c, i) => (c - '0') * weights[i]).Sum() % 11 % 10;
        var ogrnBody = "1027700" + digits[..5];
        var ogrnCheck = long.Parse(ogrnBody) % 11 % 10;
        return (innBody + innCheck, ogrnBody + ogrnCheck);
    }
}
