using System.Net;
using System.Text.RegularExpressions;
using GrantPortal.Testing;
using GrantPortal.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace GrantPortal.Web.Tests.Features.Account;

public sealed partial class RegistrationTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private PortalAppFactory App => fixture.App;

    [Fact]
    public async Task Register_ThenConfirmEmail_LetsTheApplicantSignIn()
    {
        var client = App.CreatePortalClient();
        var email = $"new-{Guid.NewGuid():N}@example.test";

        var registered = await client.SubmitFormAsync("/account/register", Fields(email));
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);

        var refused = await client.LoginAsync(email, "Strong-Pass-2026");
        Assert.Contains("Подтвердите адрес электронной почты", await refused.Content.ReadAsStringAsync());

        var mail = await App.WithDbAsync(db => db.OutboxEmails.SingleAsync(e => e.To == email));
        var link = WebUtility.HtmlDecode(ConfirmationLink().Match(mail.HtmlBody).Groups[1].Value);
        Assert.StartsWith("https://localhost/account/confirm-email", link);
        var confirmation = await client.GetStringAsync(link);
        Assert.Contains("Адрес электронной почты подтверждён", confirmation);

        var signedIn = await client.LoginAsync(email, "Strong-Pass-2026");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Contains("Анна Новая", await client.GetStringAsync("/"));
        var roles = await App.WithDbAsync(db => db.UserRoles.Where(r => db.Users.Any(u => u.Id == r.UserId && u.Email == email))
            .Join(db.Roles, r => r.RoleId, role => role.Id, (_, role) => role.Name).ToListAsync());
        Assert.Equal([Roles.Applicant], roles);
    }

    [Fact]
    public async Task Register_WithBadInput_ShowsEveryProblemInRussian_AndSavesNothing()
    {
        var client = App.CreatePortalClient();
        var email = $"weak-{Guid.NewGuid():N}@example.test";
        var fields = Fields(email);
        fields["Password"] = fields["ConfirmPassword"] = "short";
        fields["FullName"] = "";

        var response = await client.SubmitFormAsync("/account/register", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("Укажите полное имя", page);
        Assert.False(await App.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email)));

        fields["FullName"] = "Анна Новая";
        page = await (await client.SubmitFormAsync("/account/register", fields)).Content.ReadAsStringAsync();
        Assert.Contains("Пароль должен содержать не менее 10 символов", page);
        Assert.False(await App.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email)));
        Assert.False(await App.WithDbAsync(db => db.OutboxEmails.AnyAsync(e => e.To == email)));
    }

    [Fact]
    public async Task Register_WithATakenEmail_IsRefusedWithAMessage()
    {
        var existing = await App.CreateUserAsync(Roles.Applicant);
        var client = App.CreatePortalClient();

        var response = await client.SubmitFormAsync("/account/register", Fields(existing.Email!));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"Учётная запись с адресом {existing.Email} уже существует", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ConfirmEmail_WithAForgedCode_DoesNotConfirm()
    {
        var client = App.CreatePortalClient();
        var email = $"forged-{Guid.NewGuid():N}@example.test";
        await client.SubmitFormAsync("/account/register", Fields(email));
        var user = await App.WithDbAsync(db => db.Users.SingleAsync(u => u.Email == email));

        var page = await client.GetStringAsync($"/account/confirm-email?userId={user.Id}&code=bm90LWEtdG9rZW4");

        Assert.Contains("Ссылка недействительна или устарела", page);
        Assert.False((await App.WithDbAsync(db => db.Users.SingleAsync(u => u.Email == email))).EmailConfirmed);
    }

    private static Dictionary<string, string> Fields(string email) => new()
    {
        ["FullName"] = "Анна Новая",
        ["Email"] = email,
        ["Password"] = "Strong-Pass-2026",
        ["ConfirmPassword"] = "Strong-Pass-2026",
    };

    [GeneratedRegex("href=\"([^\"]+)\"")]
    private static partial Regex ConfirmationLink();
}
