using System.Net;
using GrantPortal.Testing;
using GrantPortal.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace GrantPortal.Web.Tests.Features.Companies;

public sealed class CompanyAccessTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private static readonly string[] Pages = ["/company", "/company/new", "/company/edit", "/company/invite"];

    private PortalAppFactory App => fixture.App;

    [Fact]
    public async Task Member_SeesOnlyTheirOwnCompany()
    {
        var companyA = await App.AddCompanyAsync();
        var companyB = await App.AddCompanyAsync();
        var (clientA, memberA) = await App.ApplicantClientAsync(companyA);
        var (_, memberB) = await App.ApplicantClientAsync(companyB);

        var profile = WebUtility.HtmlDecode(await clientA.GetStringAsync("/company"));
        var edit = WebUtility.HtmlDecode(await clientA.GetStringAsync("/company/edit"));

        Assert.Contains(companyA.LegalName, profile);
        Assert.Contains(memberA.Email!, profile);
        Assert.Contains(companyA.LegalName, edit);
        foreach (var page in new[] { profile, edit })
        {
            Assert.DoesNotContain(companyB.LegalName, page);
            Assert.DoesNotContain(companyB.Inn.ToString(), page);
            Assert.DoesNotContain(memberB.Email!, page);
        }
    }

    [Fact]
    public async Task Edit_ChangesTheMembersOwnCompany_WhateverTheRequestNames()
    {
        var companyA = await App.AddCompanyAsync();
        var companyB = await App.AddCompanyAsync();
        var (clientA, _) = await App.ApplicantClientAsync(companyA);

        // Ids of the other company slipped into the form, as a crafted request might.
        var response = await clientA.SubmitFormAsync("/company/edit", new Dictionary<string, string>
        {
            ["LegalName"] = companyA.LegalName + " (изменено)", ["Region"] = "63",
            ["Id"] = companyB.Id.ToString(), ["CompanyId"] = companyB.Id.ToString(),
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(companyA.LegalName + " (изменено)", (await ReloadAsync(companyA.Id)).LegalName);
        Assert.Equal(companyB.LegalName, (await ReloadAsync(companyB.Id)).LegalName);
    }

    public static TheoryData<string> CompanyPages => new(Pages);

    [Theory]
    [MemberData(nameof(CompanyPages))]
    public async Task CompanyPages_SendAnonymousVisitorsToTheLoginPage(string url)
    {
        var response = await App.CreatePortalClient().GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("https://localhost/account/login", response.Headers.Location!.ToString());
    }

    [Theory]
    [InlineData(Roles.Expert)]
    [InlineData(Roles.Officer)]
    [InlineData(Roles.Admin)]
    public async Task CompanyPages_AreForbidden_ToStaffAndExperts(string role)
    {
        var user = await App.CreateUserAsync(role, demo: true);
        var client = App.CreatePortalClient();
        await client.LoginAsync(user.Email!);

        foreach (var url in Pages)
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("https://localhost/account/access-denied", response.Headers.Location!.ToString());
        }

        Assert.DoesNotContain("href=\"/company\"", await client.GetStringAsync("/"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(Roles.Expert)]
    [InlineData(Roles.Officer)]
    [InlineData(Roles.Admin)]
    public async Task CompanyPosts_AreRefused_ToEveryoneButApplicants_AndChangeNothing(string? role)
    {
        var client = App.CreatePortalClient();
        if (role is not null)
        {
            var user = await App.CreateUserAsync(role, demo: true);
            await client.LoginAsync(user.Email!);
        }

        var name = CompanyData.UniqueName();
        // A valid token from a page the person may see, so that only the authorisation can stop the request.
        var token = (await client.GetDocumentAsync("/")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var email = $"colleague-{Guid.NewGuid():N}@example.test";
        var posts = new (string Url, Dictionary<string, string> Fields)[]
        {
            ("/company/new", CompanyData.ValidForm(name)),
            ("/company/edit", CompanyData.ValidForm(name)),
            ("/company/invite", new() { ["Email"] = email, ["FullName"] = "Чужой" }),
        };

        foreach (var (url, fields) in posts)
        {
            var response = await client.PostAsync(url, new FormUrlEncodedContent([.. fields, new("__RequestVerificationToken", token)]));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Matches("^https://localhost/account/(login|access-denied)", response.Headers.Location!.ToString());
        }

        Assert.False(await App.WithDbAsync(db => db.Companies.AnyAsync(c => c.LegalName == name)));
        Assert.False(await App.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email)));
    }

    private Task<Company> ReloadAsync(Guid id) => App.WithDbAsync(db => db.Companies.AsNoTracking().SingleAsync(c => c.Id == id));
}
