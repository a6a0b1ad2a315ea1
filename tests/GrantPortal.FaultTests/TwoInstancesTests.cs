using System.Collections.Concurrent;
using GrantPortal.Web.Infrastructure.Email;
using Xunit.Abstractions;

namespace GrantPortal.FaultTests;

[Collection(FaultCollection.Name)]
public sealed class TwoInstancesTests(FaultCluster cluster, ITestOutputHelper output)
{
    private const int Timers = 20;
    private const int Approvals = 8;
    private const int Emails = 60;

    /// <summary>
    /// Two app processes on one database, both polling every half second: 20 workflow timers fall due at once, 8
    /// decisions wait for their PDFs and 60 e-mails for sending. Each timer fires once, each PDF is issued once, each
    /// e-mail is delivered once; and, watched throughout, Quartz never runs one job on both nodes at the same time.
    /// </summary>
    [Fact]
    public async Task TwoAppsOnOneDatabase_RunEveryTimerAndJobExactlyOnce()
    {
        var db = await cluster.NewDatabaseAsync();
        var timed = await Clones.CopyAsync(db, cluster.TemplateApplicationId, Timers);
        // E-mail the seeding left (already delivered to its pickup folder) is not this test's.
        await Db.RowsAsync(db, """UPDATE "OutboxEmails" SET "SentAt" = now() WHERE "SentAt" IS NULL RETURNING 1""");
        var earlier = Db.List((await Db.RowsAsync(db, """SELECT "Id" FROM "OutboxEmails" """)).Select(r => (Guid)r[0]!).Append(Guid.Empty));
        await using var sink = new SmtpSink();
        // A node silent for twice the check-in interval is taken for dead and its running jobs are started elsewhere: the
        // one-second interval of the kill tests could mistake a node slowed down by a busy machine for a dead one.
        var settings = new Dictionary<string, string>(sink.Settings) { ["Jobs:ClusterCheckinInterval"] = "00:00:03" };
        await using var first = AppProcess.Start(cluster, "node-a", db, settings: settings);
        await using var second = AppProcess.Start(cluster, "node-b", db, settings: settings);
        await Task.WhenAll(first.WaitReadyAsync(), second.WaitReadyAsync());

        var overlaps = new ConcurrentQueue<string>();
        using var stop = new CancellationTokenSource();
        var watch = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                foreach (var row in await Db.RowsAsync(db, """
                    SELECT job_name, string_agg(instance_name, ', ') FROM qrtz_fired_triggers WHERE state = 'EXECUTING' GROUP BY job_name HAVING count(*) > 1
                    """))
                {
                    overlaps.Enqueue($"{row[0]} on {row[1]}");
                }

                await Task.Delay(20);
            }
        });

        var approved = await Decisions.ApprovedAsync(cluster, db, second.BaseAddress, Approvals);
        await Db.RowsAsync(db, $"""
            INSERT INTO "OutboxEmails" ("Id", "To", "Subject", "HtmlBody", "CreatedAt", "Attempts")
            SELECT gen_random_uuid(), 'person' || n || '@example.test', 'Уведомление ' || n, '<p>Текст ' || n || '</p>', now(), 0
            FROM generate_series(1, {Emails}) AS n RETURNING 1
            """);
        await Db.RowsAsync(db, $"""
            UPDATE "WorkflowTimers" SET "DueAt" = now() WHERE "Trigger" = 'callClosed'
            AND "InstanceId" IN (SELECT "Id" FROM "WorkflowInstances" WHERE "SubjectId" IN ({Db.List(timed)})) RETURNING 1
            """);

        Assert.Equal(Timers, await Db.WaitForCountAsync(db,
            $"""SELECT count(*) FROM "Applications" WHERE "Id" IN ({Db.List(timed)}) AND "State" = 'FormalCheck'""", Timers, TimeSpan.FromSeconds(60)));
        Assert.Equal(Approvals, await Db.WaitForCountAsync(db, """SELECT count(*) FROM "Decisions" WHERE "PdfSha256" IS NOT NULL""", Approvals, TimeSpan.FromSeconds(60)));
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await Db.CountAsync(db, """SELECT count(*) FROM "OutboxEmails" WHERE "SentAt" IS NULL""") > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        // A few more polls of both nodes, in which a second run of anything would show.
        await Task.Delay(TimeSpan.FromSeconds(2));
        await stop.CancelAsync();
        await watch;

        var runs = await Db.RowsAsync(db, """
            SELECT "JobName", "Node", "StartedAt", "Duration" FROM "JobRuns" ORDER BY "JobName", "StartedAt"
            """);
        output.WriteLine(string.Join("; ", runs.GroupBy(r => ((string)r[0]!, (string)r[1]!)).Select(g => $"{g.Key.Item1} on {g.Key.Item2}: {g.Count()} runs")));
        Assert.Empty(overlaps);
        // Runs of one job, on whichever node, one after another: each starts after the one before it ended.
        foreach (var job in runs.GroupBy(r => (string)r[0]!))
        {
            foreach (var (before, after) in job.Zip(job.Skip(1)))
            {
                Assert.True((DateTime)before[2]! + (TimeSpan)before[3]! <= (DateTime)after[2]! + TimeSpan.FromMilliseconds(1),
                    $"{job.Key} ran on {before[1]} and {after[1]} at once: {Consistency.Describe([before, after])}");
            }
        }

        var timerFirings = await Db.RowsAsync(db, $"""
            SELECT i."SubjectId", count(j."Id") FROM "WorkflowInstances" i
            LEFT JOIN "WorkflowJournal" j ON j."InstanceId" = i."Id" AND j."Trigger" = 'callClosed'
            WHERE i."SubjectId" IN ({Db.List(timed)}) GROUP BY i."SubjectId"
            """);
        Assert.Equal(Timers, timerFirings.Count);
        Assert.All(timerFirings, t => Assert.Equal(1L, Convert.ToInt64(t[1])));
        await Decisions.AssertIssuedOnceAsync(db, approved);
        var from = new EmailOptions().From;
        var expected = (await Db.RowsAsync(db, $"""SELECT "Id" FROM "OutboxEmails" WHERE "Id" NOT IN ({earlier})""")).Select(r => OutboxEmailSender.MessageIdOf((Guid)r[0]!, from)).Order().ToList();
        Assert.Equal(0, await Db.CountAsync(db, """SELECT count(*) FROM "OutboxEmails" WHERE "SentAt" IS NULL"""));
        Assert.True(expected.Count >= Emails);
        Assert.Equal(expected, sink.Accepted.Order().ToList());
        Assert.Equal(0, await Db.CountAsync(db, """SELECT count(*) FROM "OutboxEmails" WHERE "Attempts" > 1"""));
        await Consistency.AssertAsync(db);
    }
}
