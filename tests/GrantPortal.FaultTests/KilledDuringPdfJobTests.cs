using Xunit.Abstractions;

namespace GrantPortal.FaultTests;

[Collection(FaultCollection.Name)]
public sealed class KilledDuringPdfJobTests(FaultCluster cluster, ITestOutputHelper output)
{
    private const int Approvals = 12;

    /// <summary>
    /// Twelve approved decisions wait for their PDFs; the app is killed three times while its PDF job works through them
    /// (after 2, 5 and 8 are issued, plus a random moment of up to 200 ms: while the next one is being made).
    /// </summary>
    [Fact]
    public async Task TheAppKilledWhileMakingDecisionPdfs_AndRestarted_IssuesEachDecisionExactlyOnce()
    {
        var random = FaultSeed.Create(output, nameof(KilledDuringPdfJobTests));
        var db = await cluster.NewDatabaseAsync();
        List<Guid> ids;
        // The officer approves while the PDF job waits an hour between polls, so that every PDF is still to make when the job starts.
        await using (var officerApp = AppProcess.Start(cluster, "approvals", db, settings: new Dictionary<string, string> { ["Decisions:PdfPollInterval"] = "01:00:00" }))
        {
            await officerApp.WaitReadyAsync();
            ids = await Decisions.ApprovedAsync(cluster, db, officerApp.BaseAddress, Approvals);
        }

        Assert.Equal(0, await Db.CountAsync(db, """SELECT count(*) FROM "Decisions" WHERE "PdfSha256" IS NOT NULL"""));
        await using var app = AppProcess.Start(cluster, "pdfs", db);
        const string issued = """SELECT count(*) FROM "Decisions" WHERE "PdfSha256" IS NOT NULL""";
        await Killer.RunAsync(app, () => Db.CountAsync(db, issued), [2, 5, 8], random, TimeSpan.FromMilliseconds(200), output.WriteLine);

        Assert.Equal(Approvals, await Db.WaitForCountAsync(db, issued, Approvals, TimeSpan.FromSeconds(120)));
        await Decisions.AssertIssuedOnceAsync(db, ids);
        await Consistency.AssertAsync(db);
        Assert.Equal(3, app.Kills);
    }
}
