using GrantPortal.Web.Features.Demo;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GrantPortal.BrowserTests.Features.Admin;

public sealed class RoleChangeJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Admin_FindsAnExpert_AndMakesThemAnOfficer()
    {
        await browser.App.WithServicesAsync(DemoData.SeedAsync);
        var page = await browser.NewPageAsync();

        await BrowserFixture.SignInAsync(page, "admin@grantportal.test", DemoData.Password);

        await page.GetByRole(AriaRole.Button, new() { Name = "Управление" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Пользователи" }).ClickAsync();
        await page.GetByLabel("Почта или имя").FillAsync("expert3@");
        await page.GetByRole(AriaRole.Button, new() { Name = "Найти" }).ClickAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "admin-users.png"), FullPage = true });
        await page.GetByRole(AriaRole.Link, new() { Name = "Евгений Рецензентов" }).ClickAsync();

        await page.GetByLabel("Эксперт", new() { Exact = true }).UncheckAsync();
        await page.GetByLabel("Сотрудник агентства", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Сохранить роли" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Сотрудник агентства", new() { Exact = true })).ToBeCheckedAsync();
        await Expect(page.GetByLabel("Эксперт", new() { Exact = true })).Not.ToBeCheckedAsync();
    }

    [Fact]
    public async Task Admin_OpensTheGrantWorkflowDiagram()
    {
        await browser.App.WithServicesAsync(DemoData.SeedAsync);
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "admin@grantportal.test", DemoData.Password);

        await page.GetByRole(AriaRole.Button, new() { Name = "Управление" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Процессы" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Грант на замещение импортных комплектующих" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "Грант на замещение импортных комплектующих" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "admin-workflow.png"), FullPage = true });
    }
}
