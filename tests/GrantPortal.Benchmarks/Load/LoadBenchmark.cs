using System.Diagnostics;
using System.Globalization;
using System.Text;
using GrantPortal.Benchmarks.ApplicationList;
using GrantPortal.Testing;
using GrantPortal.Testing.Seeding;
using GrantPortal.Web.Domain;
using GrantPortal.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace GrantPortal.Benchmarks.Load;

/// <param name="Applications">How many applications the database grows to (reviews: about three per application).</param>
/// <param name="Small">The size the officers' list is first measured at.</param>
/// <param name="Clients">Concurrent clients, each sending its next request when the last one is answered.</param>
/// <param name="Seconds">Measured seconds per page, split over <paramref name="Rounds"/>.</param>
/// <param name="Rounds">The pages take turns this many times, so a change in the machine's load weighs on all alike.</param>
/// <param name="ShowQueries">Print the database commands of one request per page (Npgsql's diagnostics).</param>
public sealed record LoadOptions(int Applications = 100_000, int Small = 1_000, int Clients = 4, int Seconds = 20, int Rounds = 4, bool ShowQueries = false)
{
    public const string Usage = "load [--applications N] [--small M] [--clients C] [--seconds S] [--rounds R] [--show-queries]";

    /// <exception cref="ArgumentException">An unknown option or a missing number.</exception>
    public static LoadOptions Parse(string[] arguments)
    {
        var options = new LoadOptions();
        for (var i = 0; i < arguments.Length; i++)
        {
            int Number() => i + 1 < arguments.Length && int.TryParse(arguments[++i], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
                ? n
                : throw new ArgumentException($"{arguments[i]} needs a positive whole number. usage: {Usage}");
            options = arguments[i] switch
            {
                "--applications" => options with { Applications = Number() },
                "--small" => options with { Small = Number() },
                "--clients" => options with { Clients = Number() },
                "--seconds" => options with { Seconds = Number() },
                "--rounds" => options with { Rounds = Number() },
                "--show-queries" => options with { ShowQueries = true },
                _ => throw new ArgumentException($"Unknown option {arguments[i]}. usage: {Usage}"),
            };
        }

        return options.Small >= options.Applications
            ? throw new ArgumentException($"--small must be below --applications. usage: {Usage}")
            : options;
    }
}

/// <summary>
/// Issue 7's load benchmark: the busiest pages of the real app under concurrent clients, and in the same run a trivial
/// endpoint of the same app through the same middleware, over a database seeded as years of the programme leave it
/// (<see cref="ApplicationSeed"/>, <see cref="ReviewSeed"/>): 100,000 applications over twenty calls, 300,000 reviews by
/// 200 experts. The officers' list is measured first at 1,000 applications, then the database grows and every page is
/// measured, with the list of a second database kept at 1,000 in the same rounds. Aims: each page at least 20 % of the trivial endpoint's requests/s; the list's p95 at 100,000 at most
/// 1.5 × its p95 at 1,000.
/// </summary>
public static class LoadBenchmark
{
    private const double RateAim = 0.20;
    private const double ListAim = 1.5;

    private sealed record Page(string Name, HttpClient Client, Func<Random, string> Url);

    /// <param name="Timed">Each request's address and milliseconds.</param>
    private sealed record Measured(string Name, List<(string Url, double Ms)> Timed, double Seconds, double QueriesPerRequest, int Bytes)
    {
        public double PerSecond => Timed.Count / Seconds;

        public List<double> Latencies => [.. Timed.Select(t => t.Ms)];

        /// <summary>The p95 of the requests whose address ends with <paramref name="suffix"/>.</summary>
        public double P95Of(string suffix) => PortalBench.Percentile([.. Timed.Where(t => t.Url.EndsWith(suffix, StringComparison.Ordinal)).Select(t => t.Ms)], 95);
    }

    public static async Task RunAsync(LoadOptions options, CancellationToken cancellationToken)
    {
        await using var bench = PortalBench.Start();
        // The database that grows, and one that stays at the small size, whose list is measured in the same rounds as
        // the grown one's: a change in the machine's load between phases then weighs on both alike.
        var (app, officer, expert) = await StartAsync(bench, "load");
        var (smallApp, smallOfficer, _) = await StartAsync(bench, "small");
        await using var connection = await OpenAsync(app, cancellationToken);
        await using var smallConnection = await OpenAsync(smallApp, cancellationToken);
        var (version, content) = ReviewSeed.GrantWorkflow(app.Services.GetRequiredService<WorkflowCatalog>());
        var seeding = Stopwatch.StartNew();
        async Task<int> SeedAsync(NpgsqlConnection database, Guid officerId)
        {
            var companies = await ApplicationSeed.SeedCallsAsync(database, options.Applications, ApplicationSeed.TwentyCalls, Progress, cancellationToken);
            await ReviewSeed.SeedExpertsAsync(database, ReviewSeed.Experts, Progress, cancellationToken);
            await GrowAsync(database, officerId, companies, 0, options.Small);
            return companies;
        }

        async Task GrowAsync(NpgsqlConnection database, Guid officerId, int companies, int from, int to)
        {
            await ApplicationSeed.SeedApplicationsAsync(database, from, to, options.Applications, companies, ApplicationSeed.TwentyCalls, Progress, cancellationToken);
            await ReviewSeed.SeedAsync(database, version, content, officerId, Progress, cancellationToken);
            Progress("VACUUM ANALYZE");
            await TestSql.ExecuteAsync(database, "VACUUM ANALYZE", cancellationToken);
        }

        var companies = await SeedAsync(connection, officer.Id);
        await SeedAsync(smallConnection, smallOfficer.Id);
        var officerClient = await app.SignedInClientAsync(officer.Email!);
        var expertClient = await app.SignedInClientAsync(expert.Email!);
        var smallClient = await smallApp.SignedInClientAsync(smallOfficer.Email!);
        var call = ApplicationSeed.CallId(0);
        string ListUrl(Random random) =>
            $"/officer/calls/{call}/applications?{ApplicationListBenchmark.Filters[random.Next(ApplicationListBenchmark.Filters.Count)].Query}";
        var trivial = new Page("trivial: /health/live", officerClient, _ => "/health/live");
        // A second yardstick: a page through MVC and the layout (its notification bell) whose own work is one empty list.
        var minimal = new Page("minimal page: /notifications", officerClient, _ => "/notifications");
        var list = new Page("officers' list, 11 filters", officerClient, ListUrl);

        Progress($"measuring the list at {options.Small:N0} applications");
        var small = await MeasureAsync([trivial, minimal, list], options, cancellationToken);
        var smallLoad = PortalBench.LoadAverage();

        Progress($"growing the database to {options.Applications:N0} applications");
        var growing = Stopwatch.StartNew();
        await GrowAsync(connection, officer.Id, companies, options.Small, options.Applications);
        Progress($"grown in {growing.Elapsed.TotalMinutes:F1} min (all seeding {seeding.Elapsed.TotalMinutes:F1} min)");

        var applications = await IdsAsync(connection, $"""
            SELECT "Id" FROM "Applications" WHERE "CallId" = '{call}' AND "SubmittedAt" IS NOT NULL ORDER BY md5("Id"::text) LIMIT 500
            """, cancellationToken);
        var facts = await FactsAsync(connection, call, expert.Id, cancellationToken);
        Page[] pages =
        [
            trivial,
            minimal,
            list,
            new("application page (officer)", officerClient, random => $"/applications/{applications[random.Next(applications.Count)]}"),
            new("expert dashboard", expertClient, _ => "/reviews"),
            new("ranking of the largest call", officerClient, _ => $"/officer/calls/{call}/ranking"),
            new($"the list at {options.Small:N0}, 2nd db", smallClient, ListUrl),
        ];
        Progress($"measuring {pages.Length} pages at {options.Applications:N0} applications");
        var large = await MeasureAsync(pages, options, cancellationToken);
        Report(options, facts, small, smallLoad, large, PortalBench.LoadAverage());
    }

    /// <summary>The app over a database of its own, with its officer and expert.</summary>
    private static async Task<(PortalAppFactory App, PortalUser Officer, PortalUser Expert)> StartAsync(PortalBench bench, string database)
    {
        // The background jobs run once at start-up (on an empty database) and not again while pages are measured: the
        // seeded approvals would otherwise have their decision PDFs made meanwhile.
        var app = bench.App(database, new Dictionary<string, string>
        {
            ["Decisions:PdfPollInterval"] = "1.00:00:00",
            ["Workflows:TimerPollInterval"] = "1.00:00:00",
        });
        var officer = await app.CreateUserAsync(Roles.Officer, demo: true);
        var expert = await app.CreateUserAsync(Roles.Expert, demo: true);
        return (app, officer, expert);
    }

    private static async Task<NpgsqlConnection> OpenAsync(PortalAppFactory app, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>
    /// Each page for a few warm-up seconds, then its queries counted over a few requests, then <see cref="LoadOptions.Rounds"/>
    /// rounds in which every page runs for its share of the seconds with all clients.
    /// </summary>
    private static async Task<List<Measured>> MeasureAsync(Page[] pages, LoadOptions options, CancellationToken cancellationToken)
    {
        var random = new Random(7);
        var queries = new double[pages.Length];
        var bytes = new int[pages.Length];
        for (var p = 0; p < pages.Length; p++)
        {
            await DriveAsync(pages[p], options.Clients, TimeSpan.FromSeconds(3), cancellationToken);
            (queries[p], bytes[p]) = await CountQueriesAsync(pages[p], random, options.ShowQueries, cancellationToken);
        }

        var latencies = pages.Select(_ => new List<(string, double)>()).ToArray();
        var seconds = new double[pages.Length];
        var slice = TimeSpan.FromSeconds((double)options.Seconds / options.Rounds);
        for (var round = 0; round < options.Rounds; round++)
        {
            for (var p = 0; p < pages.Length; p++)
            {
                var (times, elapsed) = await DriveAsync(pages[p], options.Clients, slice, cancellationToken);
                latencies[p].AddRange(times);
                seconds[p] += elapsed;
            }

            Progress($"round {round + 1} / {options.Rounds} (load {PortalBench.LoadAverage()})");
        }

        return [.. pages.Select((page, p) => new Measured(page.Name, latencies[p], seconds[p], queries[p], bytes[p]))];
    }

    /// <summary><paramref name="clients"/> loops, each sending its next request when the last one is answered, until the time is up.</summary>
    /// <returns>Every request's address and milliseconds, and the seconds from the first request to the last answer.</returns>
    private static async Task<(List<(string Url, double Ms)> Latencies, double Seconds)> DriveAsync(
        Page page, int clients, TimeSpan duration, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var loops = Enumerable.Range(0, clients).Select(async c =>
        {
            var random = new Random(c);
            var times = new List<(string, double)>();
            while (watch.Elapsed < duration)
            {
                var url = page.Url(random);
                times.Add((url, (await PortalBench.GetAsync(page.Client, url, cancellationToken)).Ms));
            }

            return times;
        }).ToList();
        var all = await Task.WhenAll(loops);
        return ([.. all.SelectMany(t => t)], watch.Elapsed.TotalSeconds);
    }

    /// <summary>Database commands per request (Npgsql's activities, a batch counting once), over requests one at a time.</summary>
    /// <param name="show">Print the commands of the first request.</param>
    private static async Task<(double Queries, int Bytes)> CountQueriesAsync(Page page, Random random, bool show, CancellationToken cancellationToken)
    {
        const int requests = 10;
        using var log = new DatabaseCommandLog();
        var commands = 0;
        var bytes = 0;
        for (var i = 0; i < requests; i++)
        {
            var request = await log.GetAsync(page.Client, page.Url(random), cancellationToken);
            commands += request.Commands.Count;
            bytes = Math.Max(bytes, Encoding.UTF8.GetByteCount(request.Body));
            if (show && i == 0)
            {
                Console.WriteLine($"=== {page.Name}: {request.Commands.Count} commands");
                Console.WriteLine(string.Join("\n", request.Commands.Select(c =>
                    string.Create(CultureInfo.InvariantCulture, $"{c.Duration.TotalMilliseconds,7:F2} ms  {c.Text}"))));
            }
        }

        return ((double)commands / requests, bytes);
    }

    private static async Task<List<Guid>> IdsAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var ids = new List<Guid>();
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    private static async Task<string> FactsAsync(NpgsqlConnection connection, Guid call, Guid expert, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            SELECT (SELECT count(*) FROM "Applications"), (SELECT count(*) FROM "Calls"), (SELECT count(*) FROM "Reviews"),
                (SELECT count(*) FROM "ExpertProfiles"), (SELECT count(*) FROM "WorkflowJournal"),
                (SELECT count(*) FROM "Applications" WHERE "CallId" = '{call}' AND "SubmittedAt" IS NOT NULL),
                (SELECT count(*) FROM "Applications" AS a JOIN "ApplicationScores" AS s ON s."ApplicationId" = a."Id"
                    WHERE a."CallId" = '{call}' AND a."State" IN ('ReviewsComplete', 'Decision', 'Approved', 'Rejected', 'DecisionIssued')),
                (SELECT count(*) FROM "Reviews" WHERE "ExpertId" = '{expert}' AND "Status" <> 'Replaced'),
                (SELECT count(*) FROM "Reviews" WHERE "ExpertId" = '{expert}' AND "Status" IN ('Offered', 'Accepted'))
            """, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return string.Create(CultureInfo.InvariantCulture,
            $"{reader.GetInt64(0):N0} applications in {reader.GetInt64(1)} calls, {reader.GetInt64(2):N0} reviews by {reader.GetInt64(3)} experts, "
            + $"{reader.GetInt64(4):N0} journal entries; largest call: {reader.GetInt64(5):N0} submitted, {reader.GetInt64(6):N0} ranked; "
            + $"the measured expert: {reader.GetInt64(7):N0} reviews on the dashboard, {reader.GetInt64(8)} open");
    }

    private static void Report(LoadOptions options, string facts, List<Measured> small, string smallLoad, List<Measured> large, string largeLoad)
    {
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine(string.Create(c,
            $"Load: {options.Clients} concurrent in-process clients, {options.Seconds} s per page in {options.Rounds} rounds, {Environment.ProcessorCount} CPUs"));
        Console.WriteLine(facts);
        Console.WriteLine("The trivial endpoint is /health/live with the officer's cookie: the same middleware (HTTPS redirection, security");
        Console.WriteLine("headers, localization, cookie authentication, authorization), no controller, no view, no database. The minimal page");
        Console.WriteLine("(/notifications, the officer has none) adds MVC, a Razor view in the layout and the layout's unread count.");
        var figures = new List<(string Name, double Value)>();
        void Table(string prefix, string title, List<Measured> rows, string load)
        {
            Console.WriteLine();
            Console.WriteLine(string.Create(c, $"{title} (load average {load})"));
            Console.WriteLine(string.Create(c,
                $"{"page",-30} {"req/s",8} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"÷ trivial",9} {"÷ minimal",9} {"queries",7} {"KB",6}  aim"));
            var trivialRate = rows[0].PerSecond;
            var minimalRate = rows[1].PerSecond;
            foreach (var row in rows)
            {
                var ratio = row.PerSecond / trivialRate;
                var aim = row == rows[0] || row == rows[1] ? "" : ratio >= RateAim ? "met" : "MISSED";
                Console.WriteLine(string.Create(c,
                    $"{row.Name,-30} {row.PerSecond,8:F0} {PortalBench.Percentile(row.Latencies, 50),8:F1} {PortalBench.Percentile(row.Latencies, 95),8:F1} {PortalBench.Percentile(row.Latencies, 99),8:F1} {ratio,9:F3} {row.PerSecond / minimalRate,9:F3} {row.QueriesPerRequest,7:F1} {row.Bytes / 1024.0,6:F0}  {aim}"));
                var key = string.Concat(row.Name.TakeWhile(ch => ch != ',' && ch != ':').Select(ch => char.IsAsciiLetterOrDigit(ch) ? ch : '_'));
                figures.Add(($"{prefix}_{key}_rps", row.PerSecond));
                figures.Add(($"{prefix}_{key}_p95_ms", PortalBench.Percentile(row.Latencies, 95)));
            }
        }

        Table("small", string.Create(c, $"At {options.Small:N0} applications:"), small, smallLoad);
        Table("large", string.Create(c, $"At {options.Applications:N0} applications:"), large, largeLoad);
        var listFirst = PortalBench.Percentile(small[2].Latencies, 95);
        var (listSmall, listLarge) = (PortalBench.Percentile(large[^1].Latencies, 95), PortalBench.Percentile(large[2].Latencies, 95));
        var (trivialSmall, trivialLarge) = (PortalBench.Percentile(small[0].Latencies, 95), PortalBench.Percentile(large[0].Latencies, 95));
        Console.WriteLine();
        Console.WriteLine(string.Create(c,
            $"officers' list p95 in the same rounds: {listSmall:F1} ms at {options.Small:N0} (2nd database), {listLarge:F1} ms at {options.Applications:N0}: × {listLarge / listSmall:F2}   (aim: at most × {ListAim:F1}: {(listLarge / listSmall <= ListAim ? "met" : "MISSED")})"));
        Console.WriteLine(string.Create(c,
            $"(measured first, before the database grew: {listFirst:F1} ms at {options.Small:N0}, × {listLarge / listFirst:F2}; the trivial endpoint's p95 then and later: {trivialSmall:F1} ms, {trivialLarge:F1} ms)"));
        Console.WriteLine("(queries: database commands per request, one request at a time; KB: the largest page of those requests)");
        Console.WriteLine();
        Console.WriteLine("the list's p95 in ms per filter, in the same rounds:");
        Console.WriteLine(string.Create(c, $"{"filter",-26} {options.Small,9:N0} {options.Applications,9:N0}  ratio"));
        foreach (var (name, query) in ApplicationListBenchmark.Filters)
        {
            var (atSmall, atLarge) = (large[^1].P95Of($"?{query}"), large[2].P95Of($"?{query}"));
            Console.WriteLine(string.Create(c, $"{name,-26} {atSmall,9:F1} {atLarge,9:F1}  {atLarge / atSmall,5:F2}"));
        }

        figures.Add(("list_p95_ratio", listLarge / listSmall));
        foreach (var (name, value) in figures)
        {
            Console.WriteLine(string.Create(c, $"{name}={Math.Round(value, 3)}"));
        }
    }

    private static void Progress(string message) => PortalBench.Progress(message);
}
