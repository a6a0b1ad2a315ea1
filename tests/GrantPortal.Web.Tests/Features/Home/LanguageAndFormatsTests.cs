using System.Net;
using GrantPortal.Testing;
using GrantPortal.Web.Features.Demo;

namespace GrantPortal.Web.Tests.Features.Home;

public sealed class LanguageAndFormatsTests(PortalFixture fixture) : IClassFixture<PortalFixture>, IAsyncLifetime
{
    private PortalAppFactory App => fixture.App;

    public Task InitializeAsync() => App.WithServicesAsync(DemoData.SeedAsync);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task FrontPage_IsRussianByDefault_WithRoublesAndMoscowTime()
    {
        var page = WebUtility.HtmlDecode(await App.CreatePortalClient().GetStringAsync("/"));

        Assert.Contains("lang=\"ru\"", page);
        Assert.Contains("Открытые конкурсы", page);
        Assert.Contains("100\u00A0000\u00A0000,00\u00A0₽", page);
        Assert.Contains(" МСК", page);
    }

    [Fact]
    public async Task LanguageSwitch_ShowsEnglish_AndBackToRussian()
    {
        var client = App.CreatePortalClient();
        var home = await client.GetDocumentAsync("/");

        var switched = await client.SubmitFormAsync(home, new Dictionary<string, string> { ["language"] = "en" }, "form[action='/language']", "/");
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/", switched.Headers.Location!.OriginalString);
        var english = WebUtility.HtmlDecode(await client.GetStringAsync("/"));
        Assert.Contains("lang=\"en\"", english);
        Assert.Contains("Open calls", english);
        Assert.Contains("100,000,000.00\u00A0₽", english);

        await client.SubmitFormAsync(await client.GetDocumentAsync("/"), new Dictionary<string, string> { ["language"] = "ru" }, "form[action='/language']", "/");
        Assert.Contains("Открытые конкурсы", await client.GetStringAsync("/"));
    }

    [Fact]
    public async Task LanguageSwitch_NeverRedirectsOffSite()
    {
        var client = App.CreatePortalClient();
        var home = await client.GetDocumentAsync("/");

        var response = await client.SubmitFormAsync(home,
            new Dictionary<string, string> { ["language"] = "en", ["returnUrl"] = "//evil.example/" }, "form[action='/language']", "/");

        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }
}
