using System.Net;
using GrantPortal.Testing;
using GrantPortal.Web.Features.Demo;
using Xunit.Abstractions;

namespace GrantPortal.Web.Tests.Infrastructure.Security;

/// <summary>
/// SQL-injection strings, LIKE wildcards and out-of-range numbers in every filter, search, sort and page parameter of
/// every list: the page answers (200, or its documented 404 for a parameter that is not a number), never a server
/// error; a search finds no more than a search for nonsense does; the tables are all still there and unchanged.
/// </summary>
[Collection(SecurityWorldCollection.Name)]
public sealed class SqlInjectionTests(SecurityWorld world, ITestOutputHelper output)
{
    private static readonly string[] Payloads =
    [
        "' OR 1=1 --", "' OR '1'='1", "'; DROP TABLE \"Applications\"; --", "1; SELECT pg_sleep(5); --", "\" OR \"\"=\"", "') OR ('a'='a",
        "%' _ \\", "%", "_", "\\", "' UNION SELECT NULL, NULL --", "x\0' OR 1=1 --", "1 OR 1=1", "2147483647", "-2147483648", "99999999999999999999",
        "-1", "0", "1e9", "NaN", "１２", new string('\'', 2000),
    ];

    /// <summary>The lists, who may see them, their parameters, and which parameters are searches (results may only narrow).</summary>
    private static IEnumerable<(string Url, Person Who, string[] Parameters, string[] Searches)> Lists() =>
    [
        ($"/officer/calls/{DemoData.CallId}/applications", Person.Officer, ["status", "region", "sector", "from", "to", "q", "sort", "page"], ["q"]),
        ($"/officer/calls/{DemoData.CallId}/reviews", Person.Officer, ["overdue", "divergent", "page"], []),
        ($"/officer/calls/{DemoData.CallId}/ranking", Person.Officer, ["sort", "page"], []),
        ("/officer/experts", Person.Officer, ["q", "sector", "sort"], ["q"]),
        ("/officer/calls", Person.Officer, ["q", "page"], []),
        ("/admin/audit", Person.Admin, ["kind", "actor", "subject", "from", "to", "page"], ["actor", "subject"]),
        ("/admin/users", Person.Admin, ["q", "role", "page"], ["q"]),
        ("/notifications", Person.Applicant, ["page"], []),
        ("/applications", Person.Applicant, ["page"], []),
        ("/calls", Person.Anonymous, ["q", "page"], []),
        ("/tasks", Person.Officer, ["page"], []),
        ("/reviews", Person.Expert, ["page"], []),
    ];

    [Fact]
    public async Task InjectionStrings_InEveryFilter_NeverBreakOrWidenAList()
    {
        var before = await world.FingerprintAsync();
        var failures = new List<string>();
        var cases = 0;
        foreach (var (url, who, parameters, searches) in Lists())
        {
            var client = world.Clients[who];
            var everything = await RowsAsync(client, url);
            foreach (var parameter in parameters)
            {
                var nothing = searches.Contains(parameter) ? await RowsAsync(client, $"{url}?{parameter}=zz-no-such-thing-zz") : everything;
                foreach (var payload in Payloads)
                {
                    cases++;
                    var request = $"{url}?{parameter}={Uri.EscapeDataString(payload)}";
                    var response = await client.GetAsync(request);
                    var body = await response.Content.ReadAsStringAsync();
                    if (response.StatusCode != HttpStatusCode.OK || ErrorLeaks.Find(body) is { })
                    {
                        failures.Add($"{who} GET {request}: {(int)response.StatusCode} {ErrorLeaks.Find(body)}");
                        continue;
                    }

                    var rows = Rows(await response.ParseAsync());
                    if (rows > nothing && payload is not ("%" or "_" or "\\" or "0" or "-1"))
                    {
                        failures.Add($"{who} GET {request}: {rows} rows, a search for nothing gives {nothing}");
                    }
                }
            }
        }

        output.WriteLine($"{cases} filtered requests");
        Assert.True(failures.Count == 0, $"{failures.Count} of {cases}:\n" + string.Join("\n", failures));
        Assert.Equal(before, await world.FingerprintAsync());
    }

    [Fact]
    public async Task LikeWildcards_AreSearchedForLiterally()
    {
        var admin = world.Clients[Person.Admin];

        var all = await RowsAsync(admin, "/admin/users?q=%25");
        var underscore = await RowsAsync(admin, "/admin/users?q=_");

        Assert.Equal(0, all);
        Assert.Equal(0, underscore);
    }

    private static async Task<int> RowsAsync(HttpClient client, string url) => Rows(await client.GetDocumentAsync(url));

    private static int Rows(AngleSharp.Html.Dom.IHtmlDocument page) => page.QuerySelectorAll("main tbody tr, main .list-group-item, main .card").Length;
}
