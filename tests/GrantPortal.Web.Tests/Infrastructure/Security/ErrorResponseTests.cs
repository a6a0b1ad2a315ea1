using System.Net;
using System.Net.Http.Headers;
using System.Text;
using GrantPortal.Testing;
using GrantPortal.Web.Features.Calls;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace GrantPortal.Web.Tests.Infrastructure.Security;

/// <summary>
/// Malformed requests get a client error, and no response, a server error included, shows a stack trace, an exception
/// or library name, a connection string or a path on the server; the error page speaks the reader's language.
/// </summary>
[Collection(SecurityWorldCollection.Name)]
public sealed class ErrorResponseTests(SecurityWorld world, ITestOutputHelper output)
{
    [Fact]
    public async Task MalformedRequests_GetAClientError_WithoutInternals()
    {
        var applicant = world.Clients[Person.Applicant];
        var token = await world.TokenAsync(Person.Applicant);
        var upload = $"/applications/{world.Draft}/documents";
        var failures = new List<string>();
        var requests = new List<(string Label, HttpClient Client, Func<HttpRequestMessage> Request)>
        {
            ("an id that is not a guid", applicant, () => Get("/applications/not-a-guid")),
            ("a version that is not a number", applicant, () => Get($"/applications/{world.Draft}/versions/abc")),
            ("a huge query string", applicant, () => Get("/applications?page=1&x=" + new string('a', 60_000))),
            ("a thousand parameters", applicant, () => Get("/applications?" + string.Join("&", Enumerable.Range(0, 1000).Select(i => $"p{i}={i}")))),
            ("a bad percent-encoding", applicant, () => Get("/applications?page=%%zz%")),
            ("a path with encoded dots", applicant, () => Get("/applications/%2e%2e/%2e%2e/etc/passwd")),
            ("multipart without a boundary", applicant, () => Post(upload, token, new StringContent("--x\r\n", Encoding.ASCII, "multipart/form-data"))),
            ("multipart cut short", applicant, () => Post(upload, token, Raw("multipart/form-data; boundary=xyz", "--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n%PDF-1.4"))),
            ("multipart with a bad header", applicant, () => Post(upload, token, Raw("multipart/form-data; boundary=xyz", "--xyz\r\nContent-Disposition\r\n\r\nx\r\n--xyz--\r\n"))),
            ("not multipart at all", applicant, () => Post(upload, token, Raw("application/json", "{\"file\":"))),
            ("JSON to a form", applicant, () => Post($"/applications/{world.Draft}/team", token, Raw("application/json", "{\"Form\":{\"Team\": [1,2,"))),
            ("a form in a bogus charset", applicant, () => Post($"/applications/{world.Draft}/team", token, Raw("application/x-www-form-urlencoded; charset=bogus-9", "Form.Team=x"))),
            ("a form with broken encoding", applicant, () => Post($"/applications/{world.Draft}/team", token, Raw("application/x-www-form-urlencoded", "Form.Team=%E0%A4%A&rowVersion=%%%"))),
            ("a form with invalid UTF-8", applicant, () => Post($"/applications/{world.Draft}/team", token, Bytes("application/x-www-form-urlencoded", [.. "Form.Team="u8, 0xC3, 0x28, 0xFF]))),
            ("a garbage sign-in cookie", world.App.CreatePortalClient(), () => WithCookie(Get("/applications"), "GrantPortal.Auth=CfDJ8garbage")),
            ("a garbage anti-forgery cookie", world.App.CreatePortalClient(), () => WithCookie(Get("/account/login"), "GrantPortal.Antiforgery=%%%; .AspNetCore.Culture=c=xx|uic=<script>")),
            ("a garbage culture cookie", applicant, () => WithCookie(Get("/"), ".AspNetCore.Culture=c%3D%00%7Cuic%3Dzz-ZZ-Latn-x-y")),
            ("an unknown method", applicant, () => new HttpRequestMessage(new HttpMethod("PROPFIND"), "/applications")),
            ("a DELETE on a page", applicant, () => new HttpRequestMessage(HttpMethod.Delete, $"/applications/{world.Draft}")),
        };
        foreach (var (label, client, request) in requests)
        {
            var response = await client.SendAsync(request());
            var body = await response.Content.ReadAsStringAsync();
            if ((int)response.StatusCode >= 500 || ErrorLeaks.Find(body) is not null || body.Contains("ParseException", StringComparison.Ordinal))
            {
                failures.Add($"{label}: {(int)response.StatusCode} {ErrorLeaks.Find(body)}");
            }
        }

        output.WriteLine($"{requests.Count} malformed requests");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task AnExceptionDeepInside_GivesTheLocalizedErrorPage_WithoutItsMessageOrStack()
    {
        const string Secret = "Npgsql failed: Host=db.internal;Password=s3cret at /work/src/GrantPortal.Web/Features/Calls/CallList.cs:line 42";
        await using var broken = world.App.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddScoped<CallList>(_ => throw new InvalidOperationException(Secret))));
        var client = broken.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });

        var russian = await client.GetAsync("/calls");
        client.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c%3Den-GB%7Cuic%3Den-GB");
        var english = await client.GetAsync("/calls");

        Assert.Equal(HttpStatusCode.InternalServerError, russian.StatusCode);
        var page = await russian.Content.ReadAsStringAsync();
        Assert.Contains("Что-то пошло не так", page);
        Assert.Null(ErrorLeaks.Find(page));
        Assert.DoesNotContain("s3cret", page);
        Assert.Contains("Something went wrong", await english.Content.ReadAsStringAsync());
    }

    private static HttpRequestMessage Get(string url) => new(HttpMethod.Get, url);

    private static HttpRequestMessage Post(string url, string token, HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        request.Headers.Add("X-CSRF-TOKEN", token);
        return request;
    }

    private static HttpRequestMessage WithCookie(HttpRequestMessage request, string cookie)
    {
        request.Headers.Add("Cookie", cookie);
        return request;
    }

    private static ByteArrayContent Raw(string contentType, string body) => Bytes(contentType, Encoding.UTF8.GetBytes(body));

    private static ByteArrayContent Bytes(string contentType, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }
}
