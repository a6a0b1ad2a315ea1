using System.Net;
using GrantPortal.Testing;
using GrantPortal.Web.Infrastructure.Security;

namespace GrantPortal.Web.Tests.Infrastructure.Security;

/// <summary>The app with the limit it ships with (other test factories raise it, see PortalAppFactory).</summary>
public sealed class RealThrottlingFixture : PortalFixture
{
    public static readonly int Limit = new SecurityOptions().LoginAttemptsPerMinute;

    protected override IReadOnlyDictionary<string, string> Settings =>
        new Dictionary<string, string> { [AccountThrottling.LoginAttemptsKey] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture) };
}

/// <summary>
/// One account locks after five wrong passwords (Features/Account/LoginTests); an attacker who tries one password on
/// many accounts never reaches five on any of them, so the account forms are also limited per client address.
/// </summary>
public sealed class LoginThrottlingTests(RealThrottlingFixture fixture) : IClassFixture<RealThrottlingFixture>
{
    private PortalAppFactory App => fixture.App;

    [Fact]
    public async Task PasswordSpraying_FromOneClient_IsRefusedWithAFriendlyPage_AfterTheLimit()
    {
        var attacker = App.CreatePortalClient();
        for (var i = 0; i < RealThrottlingFixture.Limit; i++)
        {
            var attempt = await attacker.LoginAsync($"victim{i}@example.test", "Spring-Password-2026");
            Assert.True(attempt.StatusCode == HttpStatusCode.OK, $"attempt {i + 1} of {RealThrottlingFixture.Limit} answered {(int)attempt.StatusCode}");
        }

        var refused = await attacker.LoginAsync("one-more@example.test", "Spring-Password-2026");
        var page = await refused.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("60", refused.Headers.GetValues("Retry-After").Single());
        Assert.Contains("Слишком много попыток", page);
        // The other account forms share the limit: the attacker cannot move on to password resets or registrations.
        var reset = await attacker.SubmitFormAsync("/account/forgot-password", new Dictionary<string, string> { ["Email"] = "victim1@example.test" });
        Assert.Equal(HttpStatusCode.TooManyRequests, reset.StatusCode);
        // Pages are still shown; only the posts wait.
        Assert.Equal(HttpStatusCode.OK, (await attacker.GetAsync("/account/login")).StatusCode);
        // The limit is per address, not per cookie jar: a fresh client from the same address waits too, in its language.
        var english = App.CreatePortalClient();
        english.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c%3Den-GB%7Cuic%3Den-GB");
        var again = await english.LoginAsync("victim2@example.test", "Spring-Password-2026");
        Assert.Equal(HttpStatusCode.TooManyRequests, again.StatusCode);
        Assert.Contains("Too many attempts", await again.Content.ReadAsStringAsync());
    }
}
