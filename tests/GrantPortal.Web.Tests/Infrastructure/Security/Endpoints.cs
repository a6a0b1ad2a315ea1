using System.Text.RegularExpressions;
using GrantPortal.Testing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace GrantPortal.Web.Tests.Infrastructure.Security;

/// <summary>One route of the app as its endpoint data source has it, with who may pass its authorization.</summary>
internal sealed partial record Endpoint(string Method, string Pattern, bool Anonymous, IReadOnlyList<IReadOnlyList<string>> RoleSets)
{
    /// <summary>Whether the person gets past the route's [Authorize] (every attribute's roles; none means any signed-in person).</summary>
    public bool Admits(Person person) =>
        Anonymous || (person != Person.Anonymous && RoleSets.All(roles => roles.Intersect(SecurityWorld.RolesOf(person)).Any()));

    public IEnumerable<string> Parameters => Parameter().Matches(Pattern).Select(m => m.Groups["name"].Value);

    public override string ToString() => $"{Method} {Pattern}";

    /// <summary>Every route of the app for <paramref name="method"/>; a route with no method (the error pages, re-executed for any) counts as GET.</summary>
    public static List<Endpoint> All(PortalAppFactory app, string method) =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains(method) ?? method == "GET")
            .Select(e => From(method, e))
            .Where(e => !e.Pattern.StartsWith("/health", StringComparison.Ordinal))
            .DistinctBy(e => e.Pattern)
            .OrderBy(e => e.Pattern, StringComparer.Ordinal)
            .ToList();

    private static Endpoint From(string method, RouteEndpoint endpoint)
    {
        var authorize = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>();
        if (authorize.FirstOrDefault(a => a.Policy is not null || a.AuthenticationSchemes is not null) is { } unknown)
        {
            throw new InvalidOperationException(
                $"{endpoint.RoutePattern.RawText} asks for policy '{unknown.Policy}' or schemes '{unknown.AuthenticationSchemes}': teach Security/Endpoints.cs what that allows.");
        }

        return new Endpoint(
            method,
            "/" + endpoint.RoutePattern.RawText!.TrimStart('/'),
            authorize.Count == 0 || endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null,
            authorize.Where(a => !string.IsNullOrEmpty(a.Roles)).Select(a => (IReadOnlyList<string>)a.Roles!.Split(',', StringSplitOptions.TrimEntries)).ToList());
    }

    /// <summary>The route with each parameter replaced by the given value.</summary>
    public string Url(Func<string, string> value) => Parameter().Replace(Pattern, m => value(m.Groups["name"].Value));

    [GeneratedRegex(@"\{(?<name>[A-Za-z]+)(:[^}]*)?\}")]
    private static partial Regex Parameter();
}
