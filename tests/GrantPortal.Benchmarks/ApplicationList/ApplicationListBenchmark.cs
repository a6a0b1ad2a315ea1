using System.Diagnostics;
using System.Globalization;
using GrantPortal.Testing;
using GrantPortal.Testing.Seeding;
using GrantPortal.Web.Domain;
using GrantPortal.Web.Infrastructure.Database;
using Npgsql;

namespace GrantPortal.Benchmarks.ApplicationList;

/// <param name="Small">The size the large one is compared with.</param>
/// <param name="Requests">Requests per filter and size, after the warm-up.</param>
/// <param name="Explain">Also log the plan of every query on Applications of one request per filter (auto_explain, with ANALYZE and BUFFERS), and print them.</param>
public sealed record ApplicationListOptions(int Applications = 100_000, int Small = 1_000, int Requests = 200, bool Explain = false)
{
    public const string Usage = "application-list [--applications N] [--small M] [--requests R] [--explain]";

    /// <exception cref="ArgumentException">An unknown option or a missing number.</exception>
    public static ApplicationListOptions Parse(string[] arguments)
    {
        var options = new ApplicationListOptions();
        for (var i = 0; i < arguments.Length; i++)
        {
            int Number() => i + 1 < arguments.Length && int.TryParse(arguments[++i], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
                ? n
                : throw new ArgumentException($"{arguments[i]} needs a positive whole number. usage: {Usage}");
            options = arguments[i] switch
            {
                "--applications" => options with { Applications = Number() },
                "--small" => options with { Small = Number() },
                "--requests" => options with { Requests = Number() },
                "--explain" => options with { Explain = true },
                _ => throw new ArgumentException($"Unknown option {arguments[i]}. usage: {Usage}"),
            };
        }

        return options;
    }
}

/// <summary>
/// The officers' list of a call's applications, fetched over HTTP from the real app (routing, sign-in cookie, the use
/// case's EF queries, the Razor page), on the largest call of a database holding a small number of applications and
/// of one holding many, for the filters officers use most. Requests to the two take turns, so a change in the
/// machine's load weighs on both alike. Issue 7's aim: p95 with many at most 1.5 × p95 with few.
/// </summary>
public static class ApplicationListBenchmark
{
    private const double Aim = 1.5;

    public static readonly IReadOnlyList<(string Name, string Query)> Filters =
    [
        ("no filter, newest first", ""),
        ("status: expert review", "status=ExpertReview"),
        ("status: returned", "status=RevisionRequested"),
        ("region: Moscow", "region=77"),
        ("region: Tomsk (rare)", "region=70"),
        ("sector: energy", "sector=Energy"),
        ("amount 10-20 million", "from=10+000+000&to=20+000+000"),
        ("largest amount first", "sort=amount-desc"),
        ("status + region + sector", "status=Rejected&region=50&sector=Industry"),
        ("text: подшип", "q=%D0%BF%D0%BE%D0%B4%D1%88%D0%B8%D0%BF"),
        ("page 10", "page=10"),
    ];

    public static async Task RunAsync(ApplicationListOptions options, CancellationToken cancellationToken)
    {
        await using var bench = PortalBench.Start();
        var sizes = new[] { options.Small, options.Applications };
        var apps = new List<PortalAppFactory>();
        var clients = new List<HttpClient>();
        foreach (var size in sizes)
        {
            // The app migrates its database as it starts; the data goes in after.
            var app = bench.App($"list_{size}");
            apps.Add(app);
            var officer = await app.CreateUserAsync(Roles.Officer, demo: true);
            await ApplicationSeed.SeedAsync(app.ConnectionString, size, Progress, cancellationToken);
            clients.Add(await app.SignedInClientAsync(officer.Email!));
        }

        var url = $"/officer/calls/{ApplicationSeed.CallId(0)}/applications";
        var inCall = new List<long>();
        foreach (var app in apps)
        {
            inCall.Add(await PortalBench.ScalarAsync<long>(app.ConnectionString, $"""
                SELECT count(*) FROM "Applications" WHERE "CallId" = '{ApplicationSeed.CallId(0)}' AND "SubmittedAt" IS NOT NULL
                """, cancellationToken));
        }

        Progress("warm-up");
        for (var round = 0; round < Math.Max(20, options.Requests / 5); round++)
        {
            foreach (var (_, query) in Filters)
            {
                foreach (var client in clients)
                {
                    await TimeAsync(client, $"{url}?{query}", cancellationToken);
                }
            }
        }

        var latencies = Filters.Select(_ => sizes.Select(_ => new List<double>()).ToArray()).ToArray();
        var rows = new int[Filters.Count, sizes.Length];
        for (var round = 0; round < options.Requests; round++)
        {
            for (var f = 0; f < Filters.Count; f++)
            {
                // Which size goes first alternates, so neither always follows the other's cache misses.
                for (var k = 0; k < sizes.Length; k++)
                {
                    var s = (k + round) % sizes.Length;
                    var (ms, found) = await TimeAsync(clients[s], $"{url}?{Filters[f].Query}", cancellationToken);
                    latencies[f][s].Add(ms);
                    rows[f, s] = found;
                }
            }

            if ((round + 1) % Math.Max(1, options.Requests / 4) == 0)
            {
                Progress($"measured {round + 1} / {options.Requests} rounds");
            }
        }

        Report(options, sizes, inCall, latencies, rows);
        if (options.Explain)
        {
            await ExplainAsync(bench.Server, Path.Combine(bench.Root, "server.log"), apps[^1], clients[^1], url, cancellationToken);
        }
    }

    private static void Report(ApplicationListOptions options, int[] sizes, List<long> inCall, List<double>[][] latencies, int[,] rows)
    {
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine(string.Create(c,
            $"Officers' list of the largest call over HTTP: {options.Requests} requests per filter and size, {Environment.ProcessorCount} CPUs, load {LoadAverage()}"));
        Console.WriteLine(string.Create(c,
            $"small: {sizes[0]:N0} applications, {inCall[0]:N0} submitted in the call; large: {sizes[1]:N0} applications, {inCall[1]:N0} submitted in the call"));
        Console.WriteLine();
        Console.WriteLine(string.Create(c,
            $"{"filter",-26} {"rows",9} {"small p50",9} {"p95",7} {"large p50",9} {"p95",7} {"p95 large/small",15}"));
        var worst = 0.0;
        var figures = new List<(string Name, double Value)>();
        for (var f = 0; f < Filters.Count; f++)
        {
            var (p50Small, p95Small) = (Percentile(latencies[f][0], 50), Percentile(latencies[f][0], 95));
            var (p50Large, p95Large) = (Percentile(latencies[f][1], 50), Percentile(latencies[f][1], 95));
            var ratio = p95Large / p95Small;
            worst = Math.Max(worst, ratio);
            Console.WriteLine(string.Create(c,
                $"{Filters[f].Name,-26} {$"{rows[f, 0]}/{rows[f, 1]}",9} {p50Small,9:F2} {p95Small,7:F2} {p50Large,9:F2} {p95Large,7:F2} {ratio,15:F2}"));
            var key = string.Concat(Filters[f].Name.Select(ch => char.IsAsciiLetterOrDigit(ch) ? ch : '_'));
            figures.Add(($"p95_ms_small_{key}", p95Small));
            figures.Add(($"p95_ms_large_{key}", p95Large));
        }

        Console.WriteLine("(milliseconds per page; rows: rows on the page, small/large)");
        Console.WriteLine();
        Console.WriteLine(string.Create(c, $"worst p95 large ÷ small: {worst:F2}   (aim: at most {Aim:F1})"));
        foreach (var (name, value) in figures.Append(("worst_p95_ratio", worst)))
        {
            Console.WriteLine(string.Create(c, $"{name}={Math.Round(value, 3)}"));
        }
    }

    /// <summary>
    /// One request per filter with auto_explain logging the plan (ANALYZE, BUFFERS) of every query, then the plans of
    /// the queries on Applications, read back from the server's log.
    /// </summary>
    private static async Task ExplainAsync(
        LocalPostgres server, string log, PortalAppFactory app, HttpClient client, string url, CancellationToken cancellationToken)
    {
        var database = new NpgsqlConnectionStringBuilder(app.ConnectionString).Database;
        await using (var connection = new NpgsqlConnection(server.ConnectionString("postgres")))
        {
            await connection.OpenAsync(cancellationToken);
            foreach (var setting in new[]
                     {
                         "session_preload_libraries = 'auto_explain'", "auto_explain.log_min_duration = 0", "auto_explain.log_analyze = on",
                         "auto_explain.log_buffers = on", "auto_explain.log_timing = on",
                     })
            {
                await using var command = new NpgsqlCommand($"ALTER DATABASE \"{database}\" SET {setting}", connection);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        NpgsqlConnection.ClearAllPools(); // new sessions load auto_explain
        foreach (var (name, query) in Filters)
        {
            var start = new FileInfo(log).Length;
            await TimeAsync(client, $"{url}?{query}", cancellationToken);
            await Task.Delay(200, cancellationToken); // the server writes its log asynchronously
            Console.WriteLine();
            Console.WriteLine($"=== {name} ({(query.Length == 0 ? "no query string" : Uri.UnescapeDataString(query))})");
            await using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            stream.Seek(start, SeekOrigin.Begin);
            using var reader = new StreamReader(stream);
            var entries = (await reader.ReadToEndAsync(cancellationToken)).Split("LOG:  duration:").Skip(1);
            foreach (var entry in entries.Where(e => e.Contains("\"Applications\"", StringComparison.Ordinal)))
            {
                var lines = entry.Split('\n').Where(l => !l.Contains("Query Text:", StringComparison.Ordinal) && !string.IsNullOrWhiteSpace(l));
                Console.WriteLine("duration:" + string.Join('\n', lines.Where(l => !l.Contains(" LOG:", StringComparison.Ordinal))));
            }
        }
    }

    private static async Task<(double Ms, int Rows)> TimeAsync(HttpClient client, string url, CancellationToken cancellationToken)
    {
        var (ms, html) = await PortalBench.GetAsync(client, url, cancellationToken);
        return (ms, RowsOf(html));
    }

    /// <summary>How many applications the list page shows.</summary>
    public static int RowsOf(string html) => html.Split("<tr data-id=").Length - 1;

    private static double Percentile(List<double> values, double p) => PortalBench.Percentile(values, p);

    private static string LoadAverage() => PortalBench.LoadAverage();

    private static void Progress(string message) => PortalBench.Progress(message);
}
