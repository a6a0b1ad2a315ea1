using System.Net;
using GrantPortal.Testing;
using GrantPortal.Web.Domain;

namespace GrantPortal.Web.Tests.Features.Account;

public sealed class LoginTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private PortalAppFactory App => fixture.App;

    [Fact]
    public async Task Login_LocksTheAccount_AfterFiveWrongPasswords()
    {
        var user = await App.CreateUserAsync(Roles.Applicant);
        var client = App.CreatePortalClient();

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            var wrong = await client.LoginAsync(user.Email!, "Wrong-Password-1");
            Assert.Contains("Неверный адрес электронной почты или пароль", await wrong.Content.ReadAsStringAsync());
        }

        var fifth = await client.LoginAsync(user.Email!, "Wrong-Password-1");
        Assert.Contains("Слишком много неудачных попыток", await fifth.Content.ReadAsStringAsync());

        var right = await client.LoginAsync(user.Email!);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode); // the form again, not a redirect into the app
        Assert.Contains("Слишком много неудачных попыток", await right.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Login_WithTheRightPassword_RedirectsToTheLocalReturnUrlOnly()
    {
        var user = await App.CreateUserAsync(Roles.Applicant);
        var client = App.CreatePortalClient();

        var response = await client.SubmitFormAsync("/account/login?returnUrl=https%3A%2F%2Fevil.example%2F",
            new Dictionary<string, string> { ["Email"] = user.Email!, ["Password"] = TestAccounts.Password });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Logout_EndsTheSession()
    {
        var user = await App.CreateUserAsync(Roles.Applicant);
        var client = App.CreatePortalClient();
        await client.LoginAsync(user.Email!);
        var home = await client.GetDocumentAsync("/");

        var response = await client.SubmitFormAsync(home, new Dictionary<string, string>(), "form[action='/account/logout']", "/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain("Test Applicant", await client.GetStringAsync("/"));
    }

    [Theory]
    [InlineData(Roles.Officer)]
    [InlineData(Roles.Admin)]
    public async Task StaffWithoutTwoFactor_AreSentToSetUpAnAuthenticator(string role)
    {
        var user = await App.CreateUserAsync(role);
        var client = App.CreatePortalClient();
        await client.LoginAsync(user.Email!);

        var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/two-factor/enable", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task DemoStaffAccounts_SkipTheTwoFactorSetUp()
    {
        var user = await App.CreateUserAsync(Roles.Officer, demo: true);
        var client = App.CreatePortalClient();
        await client.LoginAsync(user.Email!);

        var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
