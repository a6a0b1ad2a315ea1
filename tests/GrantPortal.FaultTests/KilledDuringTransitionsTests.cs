using System.Diagnostics;
using System.Net;
using Xunit.Abstractions;

namespace GrantPortal.FaultTests;

[Collection(FaultCollection.Name)]
public sealed class KilledDuringTransitionsTests(FaultCluster cluster, ITestOutputHelper output)
{
    private const int Applications = 18;
    private const int Workers = 6;
    private const int Kills = 3;
    private int _posting;

    private const string Comment = "Приложите письмо покупателя с объёмами поставок.";

    /// <summary>Each application's path: the officer returns it twice, the applicant resubmits once in between.</summary>
    private static readonly (string Trigger, bool ByOfficer)[] Path =
    [
        ("startFormalCheck", true), ("returnForRevision", true), ("resubmit", false), ("startFormalCheck", true), ("returnForRevision", true),
    ];

    /// <summary>
    /// Six people (an officer and an applicant each) take 18 applications through five transitions each while the app is
    /// killed three times; a click that got no answer is made again with the same page's fields, as a person clicks again.
    /// </summary>
    [Fact]
    public async Task TheAppKilledMidTransitions_AndRestarted_LeavesEveryApplicationInOneConsistentState_WhenPeopleClickAgain()
    {
        var random = FaultSeed.Create(output, nameof(KilledDuringTransitionsTests));
        var db = await cluster.NewDatabaseAsync();
        var ids = await Clones.CopyAsync(db, cluster.TemplateApplicationId, Applications);
        await using var app = AppProcess.Start(cluster, "transitions", db);
        await app.WaitReadyAsync();
        var journalBefore = await Db.CountAsync(db, """SELECT count(*) FROM "WorkflowJournal" """);
        var total = Applications * Path.Length;
        // Kill after roughly a fifth, a half and four fifths of the transitions have committed, each point moved a little at random.
        var killPoints = Enumerable.Range(0, Kills).Select(k => (int)(total * (0.2 + 0.3 * k) + random.Next(-5, 6))).ToList();
        output.WriteLine($"{total} transitions; kills after {string.Join(", ", killPoints)} have committed");
        var clock = Stopwatch.StartNew();

        var killer = Killer.RunAsync(
            app, async () => await Db.CountAsync(db, """SELECT count(*) FROM "WorkflowJournal" """) - journalBefore, killPoints.Select(p => (long)p),
            random, TimeSpan.FromMilliseconds(100), output.WriteLine, () => $"{Volatile.Read(ref _posting)} posts on their way");
        var lost = await Task.WhenAll(Enumerable.Range(0, Workers).Select(w => WorkAsync(app, ids.Where((_, i) => i % Workers == w).ToList())));
        await killer;

        output.WriteLine($"{total} transitions in {clock.Elapsed.TotalSeconds:F1} s, {app.Kills} kills, {lost.Sum()} clicks whose answer was lost and were made again");
        Assert.Equal(Kills, app.Kills);
        await Consistency.AssertAsync(db);
        var list = Db.List(ids);
        var journal = await Db.RowsAsync(db, $"""
            SELECT i."SubjectId", string_agg(j."Trigger", ' ' ORDER BY j."Sequence")
            FROM "WorkflowInstances" i JOIN "WorkflowJournal" j ON j."InstanceId" = i."Id"
            WHERE i."SubjectId" IN ({list}) GROUP BY i."SubjectId"
            """);
        var expected = "start submit " + string.Join(' ', Path.Select(p => p.Trigger));
        Assert.All(journal, row => Assert.Equal(expected, row[1]));
        Assert.Equal(Applications, journal.Count);
        Assert.Equal(Applications, await Db.CountAsync(db, $"""SELECT count(*) FROM "Applications" WHERE "Id" IN ({list}) AND "State" = 'RevisionRequested'"""));
        // One resubmission each: version 1 (copied) and version 2.
        Assert.Equal(2 * Applications, await Db.CountAsync(db, $"""SELECT count(*) FROM "ApplicationVersions" WHERE "ApplicationId" IN ({list})"""));
        // Each return told the company's people once; the resubmission told every officer once; no more, no less.
        var companyPeople = await Db.CountAsync(db, $"""
            SELECT count(*) FROM "AspNetUsers" WHERE "EmailConfirmed" AND "CompanyId" = (SELECT "CompanyId" FROM "Applications" WHERE "Id" = '{ids[0]}')
            """);
        var officers = await Db.CountAsync(db, """
            SELECT count(*) FROM "AspNetUserRoles" ur JOIN "AspNetRoles" r ON r."Id" = ur."RoleId" WHERE r."Name" = 'Officer'
            """);
        var notifications = await Db.RowsAsync(db, $"""
            SELECT a."Id", count(n."Id") FROM "Applications" a LEFT JOIN "Notifications" n ON n."Link" LIKE '%' || a."Id"::text || '%'
            WHERE a."Id" IN ({list}) GROUP BY a."Id"
            """);
        Assert.All(notifications, row => Assert.Equal(2 * companyPeople + officers, Convert.ToInt64(row[1])));
    }

    /// <summary>One person's afternoon: takes each application along its path, clicking again when a click got no answer.</summary>
    /// <returns>How many clicks got no answer and were made again.</returns>
    private async Task<int> WorkAsync(AppProcess app, List<Guid> ids)
    {
        using var officer = await Http.SignedInAsync(app.BaseAddress, Clones.Officer);
        using var applicant = await Http.SignedInAsync(app.BaseAddress, Clones.Applicant);
        var again = 0;
        foreach (var id in ids)
        {
            foreach (var (trigger, byOfficer) in Path)
            {
                var client = byOfficer ? officer : applicant;
                var url = $"/applications/{id}";
                var page = await Http.PageAsync(client, url);
                Assert.Null(page.QuerySelector(".alert-danger")?.TextContent);
                var fields = Http.FormFields(page, $"form[action='{url}/actions/{trigger}']", trigger == "returnForRevision" ? [("comment", Comment)] : []);
                Interlocked.Increment(ref _posting);
                var (response, posts) = await Http.PostUntilAnsweredAsync(client, $"{url}/actions/{trigger}", fields);
                Interlocked.Decrement(ref _posting);
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                again += posts > 1 ? 1 : 0;
            }

            var last = await Http.PageAsync(applicant, $"/applications/{id}");
            Assert.Null(last.QuerySelector(".alert-danger")?.TextContent);
        }

        return again;
    }
}
