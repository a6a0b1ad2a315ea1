using System.Net;
using GrantPortal.Testing;

namespace GrantPortal.Web.Tests.Infrastructure.Security;

public sealed class SecurityTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private PortalAppFactory App => fixture.App;

    [Fact]
    public async Task EveryPage_CarriesTheSecurityHeaders()
    {
        // HSTS is never sent to localhost, so the request names the agency's host.
        var client = App.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("https://grants.example") });
        var response = await client.GetAsync("/account/login");

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("max-age=", response.Headers.GetValues("Strict-Transport-Security").Single());
    }

    [Fact]
    public async Task Cookies_AreSecureAndHttpOnly_OutsideDevelopment()
    {
        var response = await App.CreatePortalClient().GetAsync("/account/login");

        var cookies = response.Headers.GetValues("Set-Cookie").ToList();
        Assert.NotEmpty(cookies);
        Assert.All(cookies, c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));
        Assert.All(cookies, c => Assert.Contains("httponly", c, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task PlainHttp_IsRedirectedToHttps_OutsideDevelopment()
    {
        var client = App.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("http://localhost") });

        var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.RedirectKeepVerb, response.StatusCode);
        Assert.Equal("https", response.Headers.Location!.Scheme);
    }

    [Fact]
    public async Task DevelopmentOutbox_DoesNotExist_OutsideDevelopment()
    {
        var response = await App.CreatePortalClient().GetAsync("/dev/outbox");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task UnknownPages_GiveAFriendlyNotFoundPage()
    {
        var response = await App.CreatePortalClient().GetAsync("/no/such/page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Страница не найдена", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task HealthEndpoints_ReportLiveAndReady()
    {
        var client = App.CreatePortalClient();

        Assert.Equal("Healthy", await client.GetStringAsync("/health/live"));
        Assert.Equal("Healthy", await client.GetStringAsync("/health/ready"));
    }
}
