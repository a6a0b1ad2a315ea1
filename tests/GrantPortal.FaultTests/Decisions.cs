using System.Net;

namespace GrantPortal.FaultTests;

/// <summary>Decisions as an officer makes them on the application page, and what an issued decision must look like.</summary>
public static class Decisions
{
    /// <summary>Copies of the template put in the Decision state, each approved by the officer (up to the requested grant).</summary>
    public static async Task<List<Guid>> ApprovedAsync(FaultCluster cluster, string db, Uri app, int count)
    {
        var ids = await Clones.CopyAsync(db, cluster.TemplateApplicationId, count, "Decision");
        using var officer = await Http.SignedInAsync(app, Clones.Officer);
        foreach (var id in ids)
        {
            var url = $"/applications/{id}";
            var page = await Http.PageAsync(officer, url);
            var fields = Http.FormFields(page, $"form[action='{url}/decision/approve']", ("conditions", "Отчёт по этапу 1 до 01.10.2027."));
            var (response, _) = await Http.PostUntilAnsweredAsync(officer, $"{url}/decision/approve", fields);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        Assert.Equal(count, await Db.CountAsync(db, $"""SELECT count(*) FROM "Applications" WHERE "Id" IN ({Db.List(ids)}) AND "State" IN ('Approved', 'DecisionIssued')"""));
        return ids;
    }

    /// <summary>
    /// Each decision of <paramref name="ids"/> issued exactly once: one stored PDF whose SHA-256 is the one recorded, a
    /// number and a verification code of its own, the workflow's issueDecision once, the applicant told once.
    /// </summary>
    public static async Task AssertIssuedOnceAsync(string db, IReadOnlyCollection<Guid> ids)
    {
        var list = Db.List(ids);
        var decisions = await Db.RowsAsync(db, $"""
            SELECT d."ApplicationId", d."Number", d."VerificationCode", d."PdfSha256", d."PdfIssuedAt",
                (SELECT count(*) FROM "DecisionPdfs" f WHERE f."DecisionId" = d."Id"),
                (SELECT count(*) FROM "DecisionPdfs" f WHERE f."DecisionId" = d."Id" AND encode(sha256(f."Content"), 'hex') = d."PdfSha256"),
                (SELECT count(*) FROM "WorkflowJournal" j JOIN "WorkflowInstances" i ON i."Id" = j."InstanceId"
                    WHERE i."SubjectId" = d."ApplicationId"::text AND j."Trigger" = 'issueDecision'),
                (SELECT "State" FROM "Applications" a WHERE a."Id" = d."ApplicationId")
            FROM "Decisions" d WHERE d."ApplicationId" IN ({list})
            """);
        Assert.Equal(ids.Count, decisions.Count);
        Assert.All(decisions, d =>
        {
            var what = Consistency.Describe([d]);
            Assert.True(d[1] is string && d[2] is string && d[3] is string && d[4] is not null, $"not issued: {what}");
            Assert.True(Convert.ToInt64(d[5]) == 1 && Convert.ToInt64(d[6]) == 1, $"not exactly one stored PDF matching its hash: {what}");
            Assert.True(Convert.ToInt64(d[7]) == 1 && (string?)d[8] == "DecisionIssued", $"not issued once by the workflow: {what}");
        });
        Assert.Equal(ids.Count, decisions.Select(d => d[1]).Distinct().Count());
        Assert.Equal(ids.Count, decisions.Select(d => d[2]).Distinct().Count());
        Assert.Equal(0, await Db.CountAsync(db, """SELECT count(*) FROM "DecisionPdfs" f WHERE NOT EXISTS (SELECT 1 FROM "Decisions" d WHERE d."Id" = f."DecisionId" AND d."PdfSha256" IS NOT NULL)"""));
        var told = await Db.RowsAsync(db, $"""
            SELECT a."Id", count(n."Id") FROM "Applications" a
            LEFT JOIN "Notifications" n ON n."Kind" = 'Decided' AND n."Link" LIKE '%' || a."Id"::text || '%'
            WHERE a."Id" IN ({list}) GROUP BY a."Id"
            """);
        Assert.Single(told.Select(t => Convert.ToInt64(t[1])).Distinct());
        Assert.NotEqual(0, Convert.ToInt64(told[0][1]));
    }
}
