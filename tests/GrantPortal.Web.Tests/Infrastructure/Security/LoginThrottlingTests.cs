using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
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

    [Fact]
    public async Task BehindTheTrustedProxy_EachClientAddressHasItsOwnLimit()
    {
        await using var proxied = App.WithWebHostBuilder(b => b
            .UseSetting("Security:TrustedProxies:0", "10.0.0.1")
            .ConfigureServices(s => s.AddSingleton<IStartupFilter, FromProxy>()));
        HttpClient ClientAt(string address)
        {
            var client = proxied.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
            client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
            return client;
        }

        var attacker = ClientAt("203.0.113.7");
        for (var i = 0; i < RealThrottlingFixture.Limit; i++)
        {
            await attacker.LoginAsync($"victim{i}@example.test", "Spring-Password-2026");
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await attacker.LoginAsync("one-more@example.test", "Spring-Password-2026")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ClientAt("198.51.100.20").LoginAsync("someone@example.test", "Wrong-Password-2026")).StatusCode);
    }

    /// <summary>Every request arrives from the proxy's address, as on the agency's servers.</summary>
    private sealed class FromProxy : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse("10.0.0.1");
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
