using System.Globalization;
using GrantPortal.Web.Domain;
using Npgsql;

namespace GrantPortal.Testing.Seeding;

/// <summary>
/// Fills a migrated database with applications as years of the programme would leave them, written by the server
/// itself in batches (INSERT ... SELECT generate_series), far faster than going through the app. The spread, fixed by
/// a seed so every run gets the same data:
/// <list type="bullet">
/// <item>ten (or twenty) calls of unequal size, the largest holding 30 % (15 %) of all applications (it is the one measured), each
/// scored on the programme's five standard criteria;</item>
/// <item>a company per ten applications, in regions as unequal as Russia's industry: Moscow, its oblast and
/// St Petersburg first, a long tail of small ones;</item>
/// <item>20 % never submitted (drafts, and drafts the call's closing withdrew), the rest spread over every state
/// from just submitted to decision issued;</item>
/// <item>sectors mostly industry; requested grants from 1 to 100 million roubles, small ones more common; ~3 KB of
/// content each, so rows are as wide as real ones.</item>
/// </list>
/// </summary>
public static class ApplicationSeed
{
    private const int BatchSize = 10_000;

    /// <summary>Ten calls of unequal size, the largest holding 30 % of all applications.</summary>
    public static readonly IReadOnlyList<double> TenCalls = [0.30, 0.20, 0.12, 0.10, 0.08, 0.06, 0.05, 0.04, 0.03, 0.02];

    /// <summary>Twenty calls of unequal size, the largest holding 15 % of all applications.</summary>
    public static readonly IReadOnlyList<double> TwentyCalls =
        [0.15, 0.10, 0.08, 0.07, 0.06, 0.06, 0.05, 0.05, 0.05, 0.04, 0.04, 0.04, 0.035, 0.035, 0.03, 0.03, 0.025, 0.025, 0.02, 0.01];

    private static readonly (string State, double Share, bool Submitted)[] States =
    [
        ("Draft", 0.15, false), ("Withdrawn", 0.05, false),
        ("Submitted", 0.10, true), ("FormalCheck", 0.10, true), ("RevisionRequested", 0.05, true), ("ExpertReview", 0.15, true),
        ("ReviewsComplete", 0.05, true), ("Decision", 0.05, true), ("Approved", 0.05, true), ("Rejected", 0.10, true),
        ("DecisionIssued", 0.10, true), ("Withdrawn", 0.05, true),
    ];

    private static readonly (string Sector, double Share)[] Sectors =
        [(nameof(Sector.Industry), 0.5), (nameof(Sector.Transport), 0.2), (nameof(Sector.Energy), 0.2), (nameof(Sector.Infrastructure), 0.1)];

    // Regions by how many applicants they have; the rest follow in the order of RussianRegions.
    private static readonly string[] BusyRegions = ["77", "50", "78", "66", "16", "63", "52", "74", "54", "23", "02", "59", "61", "24", "38", "42"];

    /// <summary>The programme's five standard criteria (those 0004 gave the calls before it), each scored 0..10, threshold 4.</summary>
    public static readonly IReadOnlyList<(string Code, int Weight)> Criteria =
        [("technology", 25), ("import-substitution", 25), ("demand", 20), ("capacity", 15), ("budget", 15)];

    private static string CriteriaJson => "[" + string.Join(", ", Criteria.Select(c =>
        $$"""{"Code": "{{c.Code}}", "NameRu": "{{c.Code}}", "NameEn": "{{c.Code}}", "Weight": {{c.Weight}}, "MaxScore": 10, "Threshold": 4}""")) + "]";

    public static readonly Guid AuthorId = Guid.Parse("a0000000-0000-0000-0000-00000000be00");

    /// <summary>The id of call <paramref name="index"/> (0 is the largest).</summary>
    public static Guid CallId(int index) => Guid.Parse($"c0000000-0000-0000-0000-{index + 1:D12}");

    /// <summary>The calls, the companies and <paramref name="count"/> applications over ten calls, then VACUUM ANALYZE.</summary>
    public static async Task SeedAsync(string connectionString, int count, Action<string> progress, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var companies = await SeedCallsAsync(connection, count, TenCalls, progress, cancellationToken);
        await SeedApplicationsAsync(connection, 0, count, count, companies, TenCalls, progress, cancellationToken);
        progress("VACUUM ANALYZE");
        await TestSql.ExecuteAsync(connection, "VACUUM ANALYZE", cancellationToken);
    }

    /// <summary>The author of every application, the calls, and a company per ten of <paramref name="planned"/> applications.</summary>
    /// <returns>How many companies.</returns>
    public static async Task<int> SeedCallsAsync(
        NpgsqlConnection connection, int planned, IReadOnlyList<double> callShares, Action<string> progress, CancellationToken cancellationToken)
    {
        var companies = Math.Max(20, planned / 10);
        await TestSql.ExecuteAsync(connection, Basics(companies, callShares.Count), cancellationToken);
        progress($"seeded {callShares.Count} calls and {companies:N0} companies");
        return companies;
    }

    /// <summary>
    /// Applications number <paramref name="from"/> to <paramref name="to"/> (excluded) of <paramref name="planned"/>, in
    /// batches: the same applications whether seeded at once or in steps.
    /// </summary>
    public static async Task SeedApplicationsAsync(
        NpgsqlConnection connection, int from, int to, int planned, int companies, IReadOnlyList<double> callShares, Action<string> progress,
        CancellationToken cancellationToken)
    {
        for (var start = from; start < to; start += BatchSize)
        {
            var end = Math.Min(start + BatchSize, to);
            // The same seed for every batch but a different start: reproducible, and each batch its own numbers.
            await TestSql.ExecuteAsync(connection, string.Create(CultureInfo.InvariantCulture, $"SELECT setseed({0.5 * start / planned:0.######})"), cancellationToken);
            await TestSql.ExecuteAsync(connection, Applications(start, end, companies, callShares), cancellationToken);
            progress($"seeded {end:N0} / {to:N0} applications ({100.0 * (end - from) / (to - from):F0} %)");
        }
    }

    private static string Basics(int companies, int calls)
    {
        var regions = BusyRegions.Concat(RussianRegions.All.Select(r => r.Code).Except(BusyRegions)).ToList();
        var callRows = string.Join(",\n", Enumerable.Range(0, calls).Select(i => $"""
            ('{CallId(i)}', 'Конкурс {i + 1}', 'Call {i + 1}', now() - interval '{120 * i + 60} days', now() - interval '{120 * i} days' + interval '30 days')
            """));
        return $$"""
            SELECT setseed(0.42);
            INSERT INTO "AspNetUsers" ("Id", "FullName", "PreferredCulture", "CreatedAt", "UserName", "NormalizedUserName", "Email",
                "NormalizedEmail", "EmailConfirmed", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount", "IsDemoAccount")
            VALUES ('{{AuthorId}}', 'Автор заявок', 'ru', now(), 'seed@example.test', 'SEED@EXAMPLE.TEST', 'seed@example.test',
                'SEED@EXAMPLE.TEST', TRUE, FALSE, FALSE, TRUE, 0, FALSE);
            INSERT INTO "Calls" ("Id", "TitleRu", "TitleEn", "DescriptionRu", "DescriptionEn", "MaxGrant", "TotalBudget", "MinCoFinancingShare",
                "OpensAt", "ClosesAt", "AllowedStageKinds", "Sectors", "CreatedAt", "Criteria", "RequiredDocumentTypes")
            SELECT id::uuid, ru, en, '', '', 100000000.00, 5000000000.00, 0.2, opens, closes,
                ARRAY['Prototype', 'Tests', 'ProductionLaunch'], ARRAY['Industry', 'Transport', 'Energy', 'Infrastructure'], opens,
                '{{CriteriaJson}}', '[]'
            FROM (VALUES
            {{callRows}}) AS c (id, ru, en, opens, closes);
            -- The first of 89 regions often, the last rarely: the index is 89 × r³.
            INSERT INTO "Companies" ("Id", "LegalName", "Inn", "Ogrn", "Kpp", "Region", "Address", "ContactPerson", "ContactPhone",
                "ContactEmail", "IsSme", "CreatedAt", "UpdatedAt")
            -- Valid numbers, as the app reads them back: the INN's check digit weighs its nine digits, the OGRN's is its
            -- first twelve modulo 11.
            SELECT {{CompanyIdSql("k")}}, 'ООО «Завод № ' || k || '»',
                n.inn || (SELECT sum(w * substr(n.inn, p::int, 1)::int) FROM unnest(ARRAY[2, 4, 10, 3, 5, 9, 4, 6, 8]) WITH ORDINALITY AS x (w, p)) % 11 % 10,
                n.ogrn || n.ogrn::bigint % 11 % 10, NULL,
                (ARRAY[{{string.Join(", ", regions.Select(r => $"'{r}'"))}}])[1 + floor(89 * random() ^ 3)::int],
                '', '', '', '', random() < 0.7, now(), now()
            FROM generate_series(1, {{companies}}) AS k,
            LATERAL (SELECT '77' || lpad(k::text, 7, '0') AS inn, '10277' || lpad(k::text, 7, '0') AS ogrn) AS n;
            """;
    }

    private static string Applications(int from, int to, int companies, IReadOnlyList<double> callShares)
    {
        var c = CultureInfo.InvariantCulture;
        string Pick<T>(IEnumerable<(T Value, double Share)> choices, string random, Func<T, string> sql)
        {
            var cumulative = 0.0;
            var cases = choices.Select(choice => (cumulative += choice.Share, choice.Value))
                .Select(x => string.Create(c, $"WHEN {random} < {x.Item1:0.####} THEN {sql(x.Value)}"));
            return $"CASE {string.Join(" ", cases)} ELSE {sql(choices.Last().Value)} END";
        }

        var call = Pick(callShares.Select((share, i) => (i, share)), "r.call", i => $"'{CallId(i)}'::uuid");
        var state = Pick(States.Select((s, i) => (i, s.Share)), "r.state", i => (i + 1).ToString(c));
        return $"""
            INSERT INTO "Applications" ("Id", "CallId", "CompanyId", "CreatedById", "Number", "Content", "Title", "Sector", "RequestedGrant",
                "CreatedAt", "UpdatedAt", "SubmittedAt", "State", "RegionCode")
            SELECT gen_random_uuid(), a.call, co."Id", '{AuthorId}',
                CASE WHEN s.submitted THEN 'BEN-2026-' || lpad(a.n::text, 8, '0') END,
                jsonb_build_object('Project', jsonb_build_object('Title', a.title, 'Summary',
                    (SELECT string_agg(md5(a.n::text || '-' || k), ' ') FROM generate_series(1, 90) AS k))),
                a.title, a.sector, a.amount, a.created, a.created + interval '3 days',
                CASE WHEN s.submitted THEN a.created + interval '2 days' + a.n * interval '1 second' END,
                s.state, co."Region"
            FROM (
                SELECT n, {call} AS call, {state} AS state_index,
                    {Pick(Sectors.Select(x => (x.Sector, x.Share)), "r.sector", x => $"'{x}'")} AS sector,
                    round((1000000 + 99000000 * r.amount ^ 2)::numeric, 2) AS amount,
                    (ARRAY['подшипников', 'редукторов', 'клапанов', 'датчиков', 'кабелей', 'композитов', 'турбинных лопаток', 'насосов',
                        'микросхем', 'сплавов'])[1 + n % 10] || ' для ' ||
                        (ARRAY['вагонов', 'станков', 'энергоблоков', 'мостов', 'тракторов', 'судов', 'самолётов'])[1 + (n / 10) % 7]
                        || ', проект ' || n AS title,
                    now() - interval '3 years' + r.created * interval '3 years' AS created,
                    1 + floor(r.company * {companies})::int AS company
                FROM generate_series({from}, {to - 1}) AS n,
                LATERAL (SELECT random() + n * 0 AS call, random() AS state, random() AS sector, random() AS amount, random() AS created,
                    random() AS company) AS r
            ) AS a
            JOIN (VALUES {string.Join(", ", States.Select((s, i) => $"({i + 1}, '{s.State}', {(s.Submitted ? "TRUE" : "FALSE")})"))})
                AS s (state_index, state, submitted) ON s.state_index = a.state_index
            JOIN "Companies" AS co ON co."Id" = {CompanyIdSql("a.company")}
            """;
    }

    private static string CompanyIdSql(string number) => $"('b0000000-0000-0000-0000-' || lpad(to_hex({number}), 12, '0'))::uuid";
}
