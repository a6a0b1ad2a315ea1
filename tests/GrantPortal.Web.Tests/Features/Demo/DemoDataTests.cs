using GrantPortal.Testing;
using GrantPortal.Web.Features.Demo;
using Microsoft.EntityFrameworkCore;

namespace GrantPortal.Web.Tests.Features.Demo;

public sealed class DemoDataTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task Seed_TwiceGivesTheSameDemo_AndEveryAccountSignsInWithThePublishedPassword()
    {
        var app = fixture.App;
        await app.WithServicesAsync(DemoData.SeedAsync);
        await app.WithServicesAsync(DemoData.SeedAsync);

        Assert.Equal(DemoData.Accounts.Count, await app.WithDbAsync(db => db.Users.CountAsync()));
        Assert.Equal(1, await app.WithDbAsync(db => db.Calls.CountAsync()));
        Assert.Equal(2, await app.WithDbAsync(db => db.Companies.CountAsync()));
        foreach (var (email, _, _, _) in DemoData.Accounts)
        {
            var client = app.CreatePortalClient();
            var response = await client.LoginAsync(email, DemoData.Password);
            Assert.True(response.StatusCode == System.Net.HttpStatusCode.Redirect, $"{email} could not sign in");
            Assert.Equal("/", response.Headers.Location!.OriginalString); // demo staff skip the two-factor set-up
        }
    }
}
