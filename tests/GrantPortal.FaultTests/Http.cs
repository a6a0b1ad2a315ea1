using System.Net;
using System.Net.Sockets;
using AngleSharp.Html.Dom;
using GrantPortal.Testing;
using GrantPortal.Web.Features.Demo;

namespace GrantPortal.FaultTests;

/// <summary>Clients of an app process, and a browser user's patience: an answer lost to a crash is asked for again.</summary>
public static class Http
{
    /// <summary>A client with its own cookies that does not follow redirects and trusts the tests' own certificate.</summary>
    public static HttpClient Client(Uri baseAddress) =>
        new(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = true,
            CookieContainer = new CookieContainer(),
            ConnectTimeout = TimeSpan.FromSeconds(2),
            SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
        })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };

    public static async Task<HttpClient> SignedInAsync(Uri baseAddress, string email)
    {
        var client = Client(baseAddress);
        var response = await client.LoginAsync(email, DemoData.Password);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"signing in {email} answered {(int)response.StatusCode}");
        return client;
    }

    /// <summary>
    /// GET, again and again while the app is down or answers 5xx (a person reloading), up to <paramref name="patience"/>.
    /// </summary>
    public static async Task<IHtmlDocument> PageAsync(HttpClient client, string url, TimeSpan? patience = null) =>
        await (await RetryAsync(() => client.GetAsync(url), patience)).ParseAsync();

    /// <summary>
    /// Posts the same form fields until an answer below 500 arrives: what a person does who clicked, saw the page fail
    /// (connection lost, server error) and clicks again on the same page — same token, same sequence, same key.
    /// </summary>
    /// <returns>The answer, and how many posts it took.</returns>
    public static async Task<(HttpResponseMessage Response, int Posts)> PostUntilAnsweredAsync(
        HttpClient client, string url, IReadOnlyList<KeyValuePair<string, string>> fields, TimeSpan? patience = null)
    {
        var posts = 0;
        var response = await RetryAsync(() =>
        {
            posts++;
            return client.PostAsync(url, new FormUrlEncodedContent(fields));
        }, patience);
        return (response, posts);
    }

    /// <summary>The fields a form would post: its inputs (hidden token, sequence, key) with <paramref name="extra"/> added.</summary>
    public static List<KeyValuePair<string, string>> FormFields(IHtmlDocument page, string formSelector, params (string Name, string Value)[] extra)
    {
        var form = page.QuerySelector(formSelector) as IHtmlFormElement
            ?? throw new InvalidOperationException($"No form '{formSelector}' on the page: {page.QuerySelector("main")?.TextContent.Trim()[..200]}");
        var fields = form.QuerySelectorAll("input[name]").OfType<IHtmlInputElement>()
            .Where(i => i.Type is not "submit" and not "checkbox" and not "radio")
            .Select(i => new KeyValuePair<string, string>(i.Name!, i.Value))
            .ToList();
        fields.AddRange(extra.Select(e => new KeyValuePair<string, string>(e.Name, e.Value)));
        return fields;
    }

    private static async Task<HttpResponseMessage> RetryAsync(Func<Task<HttpResponseMessage>> send, TimeSpan? patience)
    {
        var deadline = DateTime.UtcNow + (patience ?? TimeSpan.FromSeconds(90));
        while (true)
        {
            try
            {
                var response = await send();
                if ((int)response.StatusCode < 500)
                {
                    return response;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException or SocketException)
            {
                // The process is down or died mid-answer. A connection the dying process accepted and reset at once
                // can surface as a bare SocketException ("Transport endpoint is not connected"), not wrapped by HttpClient.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The app did not answer within the patience given.");
            }

            await Task.Delay(150);
        }
    }
}
