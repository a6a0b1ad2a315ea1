using GrantPortal.Web.Infrastructure.Localization;
using Xunit.Abstractions;

namespace GrantPortal.FaultTests;

[Collection(FaultCollection.Name)]
public sealed class KilledDuringDigestTests(FaultCluster cluster, ITestOutputHelper output)
{
    private const int People = 400;

    /// <summary>
    /// 400 people with three unread digest notifications each; the daily digest set to the coming minute; the app killed
    /// when about a third of them have theirs queued, then restarted. The rest must not wait for tomorrow's run, and no
    /// one gets two digests.
    /// </summary>
    [Fact]
    public async Task TheAppKilledWhileQueueingTheDailyDigest_AndRestarted_QueuesTheRestTheSameDay_OnePerPerson()
    {
        var random = FaultSeed.Create(output, nameof(KilledDuringDigestTests));
        var db = await cluster.NewDatabaseAsync();
        await Db.RowsAsync(db, $"""
            INSERT INTO "AspNetUsers" ("Id", "FullName", "PreferredCulture", "CreatedAt", "UserName", "NormalizedUserName",
                "Email", "NormalizedEmail", "EmailConfirmed", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount")
            SELECT gen_random_uuid(), 'Читатель ' || n, 'ru', now(), 'digest' || n || '@example.test', 'DIGEST' || n || '@EXAMPLE.TEST',
                'digest' || n || '@example.test', 'DIGEST' || n || '@EXAMPLE.TEST', TRUE, FALSE, FALSE, TRUE, 0
            FROM generate_series(1, {People}) AS n RETURNING 1
            """);
        await Db.RowsAsync(db, """
            INSERT INTO "Notifications" ("Id", "UserId", "Kind", "Subject", "Text", "CreatedAt", "Channel")
            SELECT gen_random_uuid(), u."Id", 'Submitted', 'Заявка подана ' || k, 'Текст ' || k, now() - k * interval '1 hour', 'Digest'
            FROM "AspNetUsers" u, generate_series(1, 3) AS k WHERE u."Email" LIKE 'digest%' RETURNING 1
            """);

        // The coming minute, Moscow time, leaving the app some seconds to start before it.
        var moscow = Formats.ToMoscow(DateTime.UtcNow.AddSeconds(20));
        var at = new TimeOnly(moscow.Hour, moscow.Minute).AddMinutes(1);
        output.WriteLine($"digest at {at:HH:mm} Moscow time");
        await using var app = AppProcess.Start(cluster, "digest", db, settings: new Dictionary<string, string> { ["Notifications:DigestTime"] = at.ToString("HH:mm") });

        // The template database's demo people may have digest notifications of their own: only these 400 are counted.
        const string served = """
            SELECT count(DISTINCT n."UserId") FROM "Notifications" n JOIN "AspNetUsers" u ON u."Id" = n."UserId"
            WHERE n."EmailedAt" IS NOT NULL AND u."Email" LIKE 'digest%'
            """;
        await Killer.RunAsync(app, () => Db.CountAsync(db, served), [People / 3 + random.Next(-20, 21)], random, TimeSpan.FromMilliseconds(20), output.WriteLine);

        Assert.Equal(People, await Db.WaitForCountAsync(db, served, People, TimeSpan.FromSeconds(90)));
        Assert.Equal(0, await Db.CountAsync(db, """
            SELECT count(*) FROM "Notifications" n JOIN "AspNetUsers" u ON u."Id" = n."UserId"
            WHERE n."EmailedAt" IS NULL AND u."Email" LIKE 'digest%'
            """));
        var twice = await Db.RowsAsync(db, """
            SELECT "To" || ': ' || string_agg("Subject" || ' at ' || "CreatedAt", '; ') FROM "OutboxEmails" WHERE "To" LIKE 'digest%'
            GROUP BY "To" HAVING count(*) > 1
            """);
        Assert.True(twice.Count == 0, "Two digests: " + string.Join(" | ", twice.Select(r => r[0])));
        Assert.Equal(People, await Db.CountAsync(db, """SELECT count(DISTINCT "To") FROM "OutboxEmails" WHERE "To" LIKE 'digest%'"""));
        Assert.Equal(1, app.Kills);
    }
}
