namespace GrantPortal.FaultTests;

/// <summary>What must hold in any database the app left behind, however it stopped.</summary>
public static class Consistency
{
    /// <summary>
    /// For every application: the list's state copy is the workflow's state; the journal runs 1..Sequence with no gap
    /// (the unique indexes already forbid a doubled sequence or key); bookmarks and timers belong to the current state
    /// only; submitted versions are numbered 1..n. For every call, the state counters equal a fresh count.
    /// </summary>
    public static async Task AssertAsync(string db)
    {
        var copies = await Db.RowsAsync(db, """
            SELECT a."Id", a."State", i."State" FROM "Applications" a JOIN "WorkflowInstances" i ON i."SubjectId" = a."Id"::text
            WHERE a."State" <> i."State"
            """);
        Assert.True(copies.Count == 0, $"list state differs from the workflow's: {Describe(copies)}");

        var journals = await Db.RowsAsync(db, """
            SELECT i."Id", i."Sequence", count(j."Id"), min(j."Sequence"), max(j."Sequence")
            FROM "WorkflowInstances" i LEFT JOIN "WorkflowJournal" j ON j."InstanceId" = i."Id"
            GROUP BY i."Id", i."Sequence"
            HAVING count(j."Id") <> i."Sequence" OR min(j."Sequence") <> 1 OR max(j."Sequence") <> i."Sequence"
            """);
        Assert.True(journals.Count == 0, $"journal with a gap or not ending at the instance's sequence: {Describe(journals)}");

        var strays = await Db.RowsAsync(db, """
            SELECT 'bookmark', b."InstanceId", b."State" FROM "WorkflowBookmarks" b JOIN "WorkflowInstances" i ON i."Id" = b."InstanceId" WHERE b."State" <> i."State"
            UNION ALL
            SELECT 'timer', t."InstanceId", t."State" FROM "WorkflowTimers" t JOIN "WorkflowInstances" i ON i."Id" = t."InstanceId" WHERE t."State" <> i."State"
            UNION ALL
            SELECT 'instance without application', i."Id", i."State" FROM "WorkflowInstances" i
            WHERE i."DefinitionId" = 'component-substitution-grant' AND NOT EXISTS (SELECT 1 FROM "Applications" a WHERE a."Id"::text = i."SubjectId")
            """);
        Assert.True(strays.Count == 0, $"rows left from an earlier state: {Describe(strays)}");

        var versions = await Db.RowsAsync(db, """
            SELECT "ApplicationId", count(*), max("Number") FROM "ApplicationVersions" GROUP BY "ApplicationId" HAVING count(*) <> max("Number")
            """);
        Assert.True(versions.Count == 0, $"submitted versions with a gap: {Describe(versions)}");

        var counters = await Db.RowsAsync(db, """
            SELECT coalesce(c."CallId", f."CallId"), coalesce(c."State", f."State"), c."Count", f.n
            FROM "ApplicationStateCounts" c
            FULL JOIN (SELECT "CallId", "State", count(*)::int AS n FROM "Applications" WHERE "SubmittedAt" IS NOT NULL GROUP BY "CallId", "State") f
                ON f."CallId" = c."CallId" AND f."State" = c."State"
            WHERE coalesce(c."Count", 0) <> coalesce(f.n, 0)
            """);
        Assert.True(counters.Count == 0, $"state counters differ from a count: {Describe(counters)}");
    }

    public static string Describe(IEnumerable<object?[]> rows) =>
        string.Join("; ", rows.Take(10).Select(r => string.Join(" ", r.Select(v => v?.ToString() ?? "null"))));
}
