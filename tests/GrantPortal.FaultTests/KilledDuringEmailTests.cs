using GrantPortal.Web.Infrastructure.Email;
using Xunit.Abstractions;

namespace GrantPortal.FaultTests;

[Collection(FaultCollection.Name)]
public sealed class KilledDuringEmailTests(FaultCluster cluster, ITestOutputHelper output)
{
    private const int Emails = 120;
    private const int Kills = 3;

    /// <summary>
    /// 120 queued e-mails; an SMTP server (in this test) that takes 15 ms to accept each; the app killed three times
    /// while sending. Allowed, and documented on <see cref="OutboxEmailSender"/>: an e-mail the server accepted just
    /// before the kill, whose "sent" mark was not yet stored, is sent once more, with the same Message-ID, after its
    /// lease. So: every e-mail arrives; the only repeats are same-Message-ID ones; at most one per kill; and each
    /// repeated e-mail is one the outbox shows was tried twice.
    /// </summary>
    [Fact]
    public async Task TheAppKilledWhileSendingEmail_AndRestarted_DeliversEveryEmail_RepeatingAtMostTheOneInFlightPerKill()
    {
        var random = FaultSeed.Create(output, nameof(KilledDuringEmailTests));
        var db = await cluster.NewDatabaseAsync();
        await Db.RowsAsync(db, """UPDATE "OutboxEmails" SET "SentAt" = now() WHERE "SentAt" IS NULL RETURNING 1""");
        await Db.RowsAsync(db, $"""
            INSERT INTO "OutboxEmails" ("Id", "To", "Subject", "HtmlBody", "CreatedAt", "Attempts")
            SELECT gen_random_uuid(), 'person' || n || '@example.test', 'Уведомление ' || n, '<p>Текст ' || n || '</p>', now() + n * interval '1 ms', 0
            FROM generate_series(1, {Emails}) AS n RETURNING 1
            """);
        var from = new EmailOptions().From;
        var expected = (await Db.RowsAsync(db, """SELECT "Id" FROM "OutboxEmails" WHERE "SentAt" IS NULL"""))
            .Select(r => OutboxEmailSender.MessageIdOf((Guid)r[0]!, from)).ToHashSet();
        await using var sink = new SmtpSink { AcceptDelay = TimeSpan.FromMilliseconds(15) };
        // The shortest lease the app allows: an e-mail in flight at a kill waits this long before it is tried again.
        var settings = new Dictionary<string, string>(sink.Settings) { ["Email:SendLease"] = "00:00:10" };
        await using var app = AppProcess.Start(cluster, "email", db, settings: settings);

        var points = Enumerable.Range(1, Kills).Select(k => (long)(Emails * k / (Kills + 1) + random.Next(-5, 6))).ToList();
        await Killer.RunAsync(app, () => Task.FromResult((long)sink.Accepted.Count), points, random, TimeSpan.FromMilliseconds(15), output.WriteLine);
        var unsent = """SELECT count(*) FROM "OutboxEmails" WHERE "SentAt" IS NULL""";
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (await Db.CountAsync(db, unsent) > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        var accepted = sink.Accepted;
        var repeats = accepted.GroupBy(m => m).Where(g => g.Count() > 1).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine($"{expected.Count} e-mails, {accepted.Count} deliveries, {app.Kills} kills, repeated: {string.Join(", ", repeats.Select(r => $"{r.Key} ×{r.Value}"))}");
        Assert.Equal(0, await Db.CountAsync(db, unsent));
        Assert.Equal(expected.Order(), accepted.Distinct().Order());
        Assert.True(accepted.Count - expected.Count <= app.Kills, $"{accepted.Count - expected.Count} repeats for {app.Kills} kills");
        var triedTwice = (await Db.RowsAsync(db, """SELECT "Id" FROM "OutboxEmails" WHERE "Attempts" > 1"""))
            .Select(r => OutboxEmailSender.MessageIdOf((Guid)r[0]!, from)).ToHashSet();
        Assert.Subset(triedTwice, repeats.Keys.ToHashSet());
    }
}
