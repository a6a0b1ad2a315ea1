using System.Net;
using System.Text.RegularExpressions;
using GrantPortal.Testing;
using GrantPortal.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GrantPortal.Web.Tests.Features.Companies;

public sealed partial class InviteColleagueTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private const string InvitePage = "/company/invite";

    private PortalAppFactory App => fixture.App;

    [Fact]
    public async Task Invite_CreatesAnUnconfirmedApplicantOfTheCompany_AndQueuesTheEmail_ThenTheColleagueAcceptsAndSeesTheCompany()
    {
        var company = await App.AddCompanyAsync();
        var (client, _) = await App.ApplicantClientAsync(company);
        var email = $"colleague-{Guid.NewGuid():N}@example.test";

        var response = await client.SubmitFormAsync(InvitePage, new Dictionary<string, string>
        {
            ["Email"] = email, ["FullName"] = "Коллега Приглашённый",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var invited = await App.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == email));
        Assert.Equal(company.Id, invited.CompanyId);
        Assert.False(invited.EmailConfirmed);
        Assert.Null(invited.PasswordHash);
        Assert.Equal([Roles.Applicant], await RolesOfAsync(invited));
        var mail = await App.WithDbAsync(db => db.OutboxEmails.SingleAsync(e => e.To == email));
        Assert.Equal("Приглашение в ГрантПортал", mail.Subject);
        Assert.Contains("Приглашён, ещё не принял приглашение", await client.GetStringAsync("/company"));

        var link = WebUtility.HtmlDecode(Link().Match(mail.HtmlBody).Groups[1].Value);
        Assert.StartsWith("https://localhost/account/accept-invitation?", link);
        var colleague = App.CreatePortalClient();
        var accepted = await colleague.SubmitFormAsync(link, new Dictionary<string, string>
        {
            ["Password"] = "Colleague-Pass-2026", ["ConfirmPassword"] = "Colleague-Pass-2026",
        });
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await colleague.LoginAsync(email, "Colleague-Pass-2026")).StatusCode);

        var profile = WebUtility.HtmlDecode(await colleague.GetStringAsync("/company"));
        Assert.Contains(company.LegalName, profile);
        Assert.Null((await colleague.GetDocumentAsync("/")).QuerySelector("#company-prompt"));
    }

    [Theory]
    [InlineData(Roles.Expert)]
    [InlineData(Roles.Officer)]
    [InlineData(Roles.Admin)]
    [InlineData(Roles.Applicant)]
    public async Task Invite_OfAnExistingAccount_IsRefused_AndChangesNothing(string role)
    {
        var company = await App.AddCompanyAsync();
        var (client, _) = await App.ApplicantClientAsync(company);
        var existing = await App.CreateUserAsync(role);

        var response = await client.SubmitFormAsync(InvitePage, new Dictionary<string, string>
        {
            ["Email"] = existing.Email!.ToUpperInvariant(), ["FullName"] = "Кто-то Существующий",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("уже есть на портале, поэтому её нельзя пригласить в вашу компанию", page);
        var stored = await App.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == existing.Id));
        Assert.Null(stored.CompanyId);
        Assert.Equal(existing.FullName, stored.FullName);
        Assert.Equal([role], await RolesOfAsync(stored));
        Assert.False(await App.WithDbAsync(db => db.OutboxEmails.AnyAsync(e => e.To == existing.Email || e.To == existing.Email!.ToUpperInvariant())));
    }

    [Fact]
    public async Task Invite_OfAMember_SaysTheyAreAlreadyInTheCompany()
    {
        var company = await App.AddCompanyAsync();
        var (client, _) = await App.ApplicantClientAsync(company);
        var (_, member) = await App.ApplicantClientAsync(company);

        var response = await client.SubmitFormAsync(InvitePage, new Dictionary<string, string>
        {
            ["Email"] = member.Email!, ["FullName"] = member.FullName,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"{member.Email} уже работает с вашей компанией на портале.", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task InvitingAgain_APendingColleague_SendsANewLink()
    {
        var company = await App.AddCompanyAsync();
        var (client, _) = await App.ApplicantClientAsync(company);
        var email = $"colleague-{Guid.NewGuid():N}@example.test";
        var fields = new Dictionary<string, string> { ["Email"] = email, ["FullName"] = "Коллега Забывчивый" };

        await client.SubmitFormAsync(InvitePage, fields);
        var again = await client.SubmitFormAsync(InvitePage, fields);

        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(2, await App.WithDbAsync(db => db.OutboxEmails.CountAsync(e => e.To == email)));
        Assert.Equal(1, await App.WithDbAsync(db => db.Users.CountAsync(u => u.Email == email)));
    }

    [Fact]
    public async Task ApplicantWithoutACompany_CannotInvite()
    {
        var (client, _) = await App.ApplicantClientAsync();
        var email = $"colleague-{Guid.NewGuid():N}@example.test";
        var token = (await client.GetDocumentAsync("/")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var response = await client.PostAsync(InvitePage, new FormUrlEncodedContent(
        [
            new("Email", email), new("FullName", "Кто-то"), new("__RequestVerificationToken", token),
        ]));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/company/new", response.Headers.Location!.OriginalString);
        Assert.False(await App.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email)));
    }

    private async Task<IList<string>> RolesOfAsync(PortalUser user)
    {
        IList<string> roles = [];
        await App.WithServicesAsync(async services =>
            roles = await services.GetRequiredService<UserManager<PortalUser>>().GetRolesAsync(user));
        return roles;
    }

    [GeneratedRegex("href=\"([^\"]+)\"")]
    private static partial Regex Link();
}
