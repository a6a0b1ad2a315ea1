using System.Diagnostics;
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
        var call = await app.WithDbAsync(db => db.Calls.SingleAsync());
        Assert.Empty(call.CheckRules());
        Assert.Equal(5, call.Criteria.Count);
        Assert.Contains(call.RequiredDocumentTypes, d => d.NameRu == "Бизнес-план");
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

/// <summary>Apart from the seeding tests, so that its database has never been seeded.</summary>
public sealed class DemoSwitchTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task SeedDemoSwitch_IsRefusedOutsideDevelopment_AndCreatesNoAccounts()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(typeof(Program).Assembly.Location);
        start.ArgumentList.Add(DemoData.Switch);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__GrantPortal"] = fixture.App.ConnectionString;
        start.Environment["Logging__Console__FormatterName"] = "simple";

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(2, process.ExitCode);
        Assert.Contains("refused outside Development", output);
        Assert.False(await fixture.App.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == "admin@grantportal.test")));
    }
}
