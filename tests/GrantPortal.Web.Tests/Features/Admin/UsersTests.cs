using System.Net;
using System.Text.RegularExpressions;
using GrantPortal.Testing;
using GrantPortal.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace GrantPortal.Web.Tests.Features.Admin;

public sealed partial class UsersTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private PortalAppFactory App => fixture.App;

    [Fact]
    public async Task Admin_MakesAnExpertAnOfficer()
    {
        var expert = await App.CreateUserAsync(Roles.Expert);
        var client = await AdminClientAsync();

        var details = await client.GetDocumentAsync($"/admin/users/{expert.Id}");
        var response = await client.SubmitFormAsync(details, new Dictionary<string, string> { ["roles"] = Roles.Officer },
            $"form[action='/admin/users/{expert.Id}/roles']", $"/admin/users/{expert.Id}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal([Roles.Officer], await RolesOfAsync(expert.Id));
        var list = await client.GetStringAsync($"/admin/users?q={Uri.EscapeDataString(expert.Email!)}");
        Assert.Contains(expert.Email!, list);
    }

    [Fact]
    public async Task Admin_CannotRemoveTheirOwnAdminRole()
    {
        var client = await AdminClientAsync();
        var admin = await App.WithDbAsync(db => db.Users.SingleAsync(u => u.Email == _adminEmail));

        var details = await client.GetDocumentAsync($"/admin/users/{admin.Id}");
        await client.SubmitFormAsync(details, new Dictionary<string, string> { ["roles"] = Roles.Expert },
            $"form[action='/admin/users/{admin.Id}/roles']", $"/admin/users/{admin.Id}");

        Assert.Contains(Roles.Admin, await RolesOfAsync(admin.Id));
    }

    [Fact]
    public async Task InvitedExpert_ChoosesAPassword_AndSignsIn()
    {
        var client = await AdminClientAsync();
        var email = $"invited-{Guid.NewGuid():N}@example.test";

        var invited = await client.SubmitFormAsync("/admin/users/invite", new Dictionary<string, string>
        {
            ["Email"] = email, ["FullName"] = "Инна Приглашённая", ["Role"] = Roles.Expert, ["Language"] = "ru",
        });
        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        var mail = await App.WithDbAsync(db => db.OutboxEmails.SingleAsync(e => e.To == email));
        Assert.Equal("Приглашение в ГрантПортал", mail.Subject);
        var link = WebUtility.HtmlDecode(Link().Match(mail.HtmlBody).Groups[1].Value);

        var visitor = App.CreatePortalClient();
        var accepted = await visitor.SubmitFormAsync(link, new Dictionary<string, string>
        {
            ["Password"] = "Invited-Pass-2026", ["ConfirmPassword"] = "Invited-Pass-2026",
        });
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);

        var signedIn = await visitor.LoginAsync(email, "Invited-Pass-2026");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Contains("Инна Приглашённая", await visitor.GetStringAsync("/"));
        Assert.Equal([Roles.Expert], await RolesOfAsync((await App.WithDbAsync(db => db.Users.SingleAsync(u => u.Email == email))).Id));
    }

    [Fact]
    public async Task Invite_WithATakenEmail_IsRefused_AndSendsNothing()
    {
        var existing = await App.CreateUserAsync(Roles.Expert);
        var client = await AdminClientAsync();

        var response = await client.SubmitFormAsync("/admin/users/invite", new Dictionary<string, string>
        {
            ["Email"] = existing.Email!, ["FullName"] = "Дубль", ["Role"] = Roles.Officer, ["Language"] = "ru",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(await App.WithDbAsync(db => db.OutboxEmails.AnyAsync(e => e.To == existing.Email)));
        Assert.Equal([Roles.Expert], await RolesOfAsync(existing.Id));
    }

    private string _adminEmail = "";

    private async Task<HttpClient> AdminClientAsync()
    {
        var admin = await App.CreateUserAsync(Roles.Admin, demo: true);
        _adminEmail = admin.Email!;
        var client = App.CreatePortalClient();
        await client.LoginAsync(admin.Email!);
        return client;
    }

    private Task<List<string?>> RolesOfAsync(Guid userId) => App.WithDbAsync(db => db.UserRoles.Where(r => r.UserId == userId)
        .Join(db.Roles, r => r.RoleId, role => role.Id, (_, role) => role.Name).ToListAsync());

    [GeneratedRegex("href=\"([^\"]+)\"")]
    private static partial Regex Link();
}
