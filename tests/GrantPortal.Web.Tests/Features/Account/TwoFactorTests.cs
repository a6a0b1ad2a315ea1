using System.Net;
using GrantPortal.Testing;
using GrantPortal.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace GrantPortal.Web.Tests.Features.Account;

public sealed class TwoFactorTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private PortalAppFactory App => fixture.App;

    [Fact]
    public async Task Officer_SetsUpAnAuthenticator_ThenSignsInWithItsCode()
    {
        var officer = await App.CreateUserAsync(Roles.Officer);
        var client = App.CreatePortalClient();
        await client.LoginAsync(officer.Email!);

        var setup = await client.GetDocumentAsync("/account/two-factor/enable");
        var key = setup.QuerySelector("main code")!.TextContent;
        Assert.NotNull(setup.QuerySelector(".qr-code svg"));
        var wrong = await client.SubmitFormAsync(setup, new Dictionary<string, string> { ["Code"] = "000000" }, "main form", "/account/two-factor/enable");
        Assert.Contains("Код неверен", await wrong.Content.ReadAsStringAsync());
        Assert.False((await FindAsync(officer.Id)).TwoFactorEnabled);

        var enabled = await client.SubmitFormAsync(setup, new Dictionary<string, string> { ["Code"] = Totp.Code(key) }, "main form", "/account/two-factor/enable");
        var codes = (await enabled.ParseAsync()).QuerySelectorAll("main li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(10, codes.Count);
        Assert.True((await FindAsync(officer.Id)).TwoFactorEnabled);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode); // no longer held at the set-up page

        var again = App.CreatePortalClient();
        var password = await again.LoginAsync(officer.Email!);
        Assert.StartsWith("/account/login-2fa", password.Headers.Location!.OriginalString);
        Assert.DoesNotContain("Test Officer", await again.GetStringAsync("/"));

        var signedIn = await again.SubmitFormAsync(password.Headers.Location.OriginalString,
            new Dictionary<string, string> { ["Code"] = codes[0] }); // a recovery code works once
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Contains("Test Officer", await again.GetStringAsync("/"));
    }

    [Fact]
    public async Task Officer_CannotSwitchTwoFactorOff()
    {
        var officer = await App.CreateUserAsync(Roles.Officer);
        var client = App.CreatePortalClient();
        await client.LoginAsync(officer.Email!);
        var setup = await client.GetDocumentAsync("/account/two-factor/enable");
        await client.SubmitFormAsync(setup, new Dictionary<string, string> { ["Code"] = Totp.Code(setup.QuerySelector("main code")!.TextContent) }, "main form", "/account/two-factor/enable");

        var overview = await client.GetDocumentAsync("/account/two-factor");
        Assert.Null(overview.QuerySelector("form[action='/account/two-factor/disable']"));

        // The page offers no switch, and the server refuses a hand-made request too.
        var token = overview.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        await client.PostAsync("/account/two-factor/disable",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.True((await FindAsync(officer.Id)).TwoFactorEnabled);
    }

    private Task<PortalUser> FindAsync(Guid id) => App.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == id));
}
