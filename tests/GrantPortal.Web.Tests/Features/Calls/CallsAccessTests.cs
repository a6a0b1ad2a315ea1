using System.Net;
using GrantPortal.Testing;
using GrantPortal.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace GrantPortal.Web.Tests.Features.Calls;

public sealed class CallsAccessTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private PortalAppFactory App => fixture.App;

    private static readonly string[] Urls = ["/officer/calls", "/officer/calls/new", $"/officer/calls/{Guid.NewGuid()}", $"/officer/calls/{Guid.NewGuid()}/edit"];

    public static TheoryData<string> OfficerPages => new(Urls);

    [Theory]
    [MemberData(nameof(OfficerPages))]
    public async Task OfficerPages_SendAnonymousVisitorsToTheLoginPage(string url)
    {
        var response = await App.CreatePortalClient().GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("https://localhost/account/login", response.Headers.Location!.ToString());
    }

    [Theory]
    [InlineData(Roles.Applicant)]
    [InlineData(Roles.Expert)]
    [InlineData(Roles.Admin)]
    public async Task OfficerPages_AreForbidden_ToOtherRoles(string role)
    {
        var client = await ClientAsync(role);

        foreach (var url in Urls)
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("https://localhost/account/access-denied", response.Headers.Location!.ToString());
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData(Roles.Applicant)]
    [InlineData(Roles.Expert)]
    [InlineData(Roles.Admin)]
    public async Task OfficerPosts_AreRefused_ToEveryoneElse_AndChangeNothing(string? role)
    {
        var client = role is null ? App.CreatePortalClient() : await ClientAsync(role);
        var title = $"Чужой конкурс {Guid.NewGuid():N}";

        // A valid token from a page the person may see, so that only the authorisation can stop the request.
        var created = await client.PostAsync("/calls", "/officer/calls/new", CallFormPosts.ValidCall(title));
        var edited = await client.PostAsync("/calls", $"/officer/calls/{Guid.NewGuid()}/edit", CallFormPosts.ValidCall(title));

        foreach (var response in new[] { created, edited })
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Matches("^https://localhost/account/(login|access-denied)", response.Headers.Location!.ToString());
        }

        Assert.False(await App.WithDbAsync(db => db.Calls.AnyAsync(c => c.TitleRu == title)));
    }

    [Fact]
    public async Task PublicCallPages_AreOpenToAnonymousVisitors()
    {
        var client = App.CreatePortalClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/calls")).StatusCode);
        Assert.DoesNotContain("/officer/calls", await client.GetStringAsync("/calls"));
    }

    private async Task<HttpClient> ClientAsync(string role)
    {
        var user = await App.CreateUserAsync(role, demo: true);
        var client = App.CreatePortalClient();
        await client.LoginAsync(user.Email!);
        return client;
    }
}
