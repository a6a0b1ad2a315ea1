using System.Net;
using System.Text.RegularExpressions;
using GrantPortal.Testing;
using GrantPortal.Web.Features.Demo;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using static GrantPortal.Web.Tests.Features.Applications.ApplicationForms;

namespace GrantPortal.Web.Tests.Infrastructure.Security;

/// <summary>
/// Every GET route of the app, found in its endpoint data source (a new page is covered without editing this test),
/// asked for by each kind of person, with real and unknown ids: none answers with a server error or shows an
/// exception. What each may see is for the per-feature tests; this one catches a page that breaks for someone.
/// </summary>
public sealed partial class EveryRouteTests(PortalFixture fixture) : IClassFixture<PortalFixture>, IAsyncLifetime
{
    private PortalAppFactory App => fixture.App;

    public Task InitializeAsync() => App.WithServicesAsync(DemoData.SeedAsync);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task NoGetRoute_FailsForAnyone()
    {
        var applicant = await App.SignedInClientAsync("applicant1@grantportal.test", DemoData.Password);
        var application = await CreateDraftAsync(applicant);
        await FillCompletelyAsync(applicant, application);
        await ActAsync(applicant, application, "submit");
        var routes = App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains("GET") == true)
            .Select(e => e.RoutePattern.RawText!)
            .Where(p => !p.StartsWith("health", StringComparison.Ordinal))
            .Distinct()
            .ToList();
        Assert.True(routes.Count > 40, $"only {routes.Count} routes found");
        var people = new Dictionary<string, HttpClient>
        {
            ["anonymous"] = App.CreatePortalClient(),
            ["applicant"] = applicant,
            ["other company"] = await App.SignedInClientAsync("applicant2@grantportal.test", DemoData.Password),
            ["expert"] = await App.SignedInClientAsync("expert1@grantportal.test", DemoData.Password),
            ["officer"] = await App.SignedInClientAsync("officer1@grantportal.test", DemoData.Password),
            ["admin"] = await App.SignedInClientAsync("admin@grantportal.test", DemoData.Password),
        };

        var failures = new List<string>();
        foreach (var route in routes)
        {
            foreach (var known in new[] { true, false })
            {
                var url = "/" + Parameter().Replace(route.TrimStart('/'), m => Value(m.Groups["name"].Value, known, application));
                foreach (var (who, client) in people)
                {
                    var response = await client.GetAsync(url);
                    var body = await response.Content.ReadAsStringAsync();
                    if ((int)response.StatusCode >= 500 || body.Contains("Exception", StringComparison.Ordinal) || body.Contains("   at ", StringComparison.Ordinal))
                    {
                        failures.Add($"{who} GET {url}: {(int)response.StatusCode}");
                    }
                }
            }
        }

        Assert.Empty(failures);
    }

    private static string Value(string parameter, bool known, Guid application) => parameter switch
    {
        "id" or "applicationId" when known => application.ToString(),
        "callId" when known => DemoData.CallId.ToString(),
        "number" => known ? "1" : "999",
        "code" or "trigger" or "section" => known ? "ABCDEFGHJKMN" : "x",
        _ => Guid.NewGuid().ToString(),
    };

    [GeneratedRegex(@"\{(?<name>[A-Za-z]+)(:[^}]*)?\}")]
    private static partial Regex Parameter();
}
