using GrantPortal.Testing;
using GrantPortal.Web.Domain;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GrantPortal.BrowserTests.Features.Account;

public sealed class TwoFactorJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task NewOfficer_IsMadeToSetUpAnAuthenticator_AndThenSignsInWithACode()
    {
        var officer = await browser.App.CreateUserAsync(Roles.Officer);
        var page = await browser.NewPageAsync();

        await BrowserFixture.SignInAsync(page, officer.Email!, TestAccounts.Password);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Настроить приложение-аутентификатор" })).ToBeVisibleAsync();
        await page.GotoAsync("/"); // nothing else opens until it is done
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/two-factor/enable$"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "two-factor-setup.png"), FullPage = true });

        var key = await page.Locator("main code").InnerTextAsync();
        await page.GetByLabel("Код из приложения").FillAsync(Totp.Code(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Подтвердить" }).ClickAsync();
        await Expect(page.Locator("main li")).ToHaveCountAsync(10);

        await page.Context.ClearCookiesAsync();
        await BrowserFixture.SignInAsync(page, officer.Email!, TestAccounts.Password);
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login-2fa"));
        // A fresh time step, so the code differs from the one used during set-up (each code works once).
        await page.GetByLabel("Код из приложения-аутентификатора или код восстановления").FillAsync(Totp.Code(key, DateTimeOffset.UtcNow.AddSeconds(30)));
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Войти" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Test Officer" })).ToBeVisibleAsync();
    }
}
