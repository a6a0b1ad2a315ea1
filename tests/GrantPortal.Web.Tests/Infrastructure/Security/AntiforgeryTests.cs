using System.Net;
using System.Reflection;
using GrantPortal.Web.Features.Home;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace GrantPortal.Web.Tests.Infrastructure.Security;

/// <summary>
/// Every POST route of the app (from its endpoint data source), posted by a person it admits, on a real record, with the
/// session's anti-forgery cookie but without the token: refused with 400, and nothing changes.
/// </summary>
[Collection(SecurityWorldCollection.Name)]
public sealed class AntiforgeryTests(SecurityWorld world, ITestOutputHelper output)
{
    /// <summary>Who posts: the first of these the route admits.</summary>
    private static readonly Person[] Posters = [Person.Anonymous, Person.Applicant, Person.Expert, Person.Officer, Person.Admin];

    [Fact]
    public async Task EveryPost_WithoutTheToken_IsRefused_AndChangesNothing()
    {
        var routes = Endpoint.All(world.App, "POST");
        Assert.True(routes.Count > 40, $"only {routes.Count} POST routes found");
        var before = await world.FingerprintAsync();
        var failures = new List<string>();
        foreach (var route in routes)
        {
            var person = Posters.First(route.Admits);
            var url = world.PostUrl(route);
            var response = await world.Clients[person].PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["comment"] = "no token", ["Email"] = "someone@example.test", ["Password"] = "Whatever-2026", ["language"] = "en",
            }));
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.BadRequest || ErrorLeaks.Find(body) is not null)
            {
                failures.Add($"{person} POST {url} ({route.Pattern}) without a token: {(int)response.StatusCode}");
            }
        }

        output.WriteLine($"{routes.Count} POST routes posted without a token");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(before, await world.FingerprintAsync());
    }

    [Fact]
    public async Task ARefusedPost_GetsTheFriendlyPage()
    {
        var response = await world.Clients[Person.Applicant].PostAsync($"/applications/{world.Draft}/team", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Возможно, форма устарела", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public void TheGlobalFilter_CoversEveryController_AndOnlyTheErrorPagesOptOut()
    {
        var filters = world.App.Services.GetRequiredService<IOptions<MvcOptions>>().Value.Filters;
        Assert.Contains(filters, f => f is AutoValidateAntiforgeryTokenAttribute);

        var controllers = typeof(Program).Assembly.GetTypes().Where(t => typeof(ControllerBase).IsAssignableFrom(t) && !t.IsAbstract).ToList();
        var optingOut = controllers
            .SelectMany(c => c.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Cast<MemberInfo>().Prepend(c))
            .Where(m => m.IsDefined(typeof(IgnoreAntiforgeryTokenAttribute), inherit: true))
            .Select(m => m is Type t ? t.Name : $"{m.DeclaringType!.Name}.{m.Name}")
            .ToList();

        // The error pages only show a page for a request that already failed (a refused POST among them), see ErrorController.
        Assert.Equal([nameof(ErrorController)], optingOut);
        Assert.True(controllers.Count > 20, $"only {controllers.Count} controllers found");
    }
}
