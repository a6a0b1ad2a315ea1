using GrantPortal.Testing;
using GrantPortal.Web.Data;
using GrantPortal.Web.Domain;
using GrantPortal.Web.Features.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GrantPortal.BrowserTests.Features.Notifications;

public sealed class NotificationJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AnExpert_SeesTheBell_OpensANotification_MarksTheRestRead_AndChoosesTheBellOnly()
    {
        var expert = await browser.App.CreateUserAsync(Roles.Expert);
        await browser.App.WithServicesAsync(async services =>
        {
            var notifier = services.GetRequiredService<Notifier>();
            foreach (var subject in new[] { "Заявка на экспертизу: ATR-2026-000001", "Напоминание: экспертиза ATR-2026-000001" })
            {
                await notifier.NotifyAsync([expert.Id], NotificationKind.Assigned, _ => new NotificationMessage(subject, "Подробности в заявке.", "/calls", "Открыть"), CancellationToken.None);
            }

            await services.GetRequiredService<PortalDbContext>().SaveChangesAsync();
        });
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, expert.Email!, TestAccounts.Password);

        var bell = page.GetByRole(AriaRole.Link, new() { Name = "Уведомления: непрочитанных — 2" });
        await Expect(bell).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "notification-bell.png") });
        await bell.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Уведомления" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "notifications.png"), FullPage = true });

        await page.GetByRole(AriaRole.Button, new() { Name = "Заявка на экспертизу: ATR-2026-000001" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Уведомления: непрочитанных — 1" })).ToBeVisibleAsync();
        Assert.EndsWith("/calls", page.Url);

        await page.GotoAsync("/notifications");
        await page.GetByRole(AriaRole.Button, new() { Name = "Отметить все как прочитанные" }).ClickAsync();
        await Expect(page.GetByText("Все уведомления отмечены как прочитанные.")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Уведомления", Exact = true })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Настройки писем" }).ClickAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "Напоминания о сроках экспертизы Только на портале" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Сохранить настройки" }).ClickAsync();
        await Expect(page.GetByText("Настройки уведомлений сохранены.")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Radio, new() { Name = "Напоминания о сроках экспертизы Только на портале" })).ToBeCheckedAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "notification-settings.png"), FullPage = true });
    }
}
