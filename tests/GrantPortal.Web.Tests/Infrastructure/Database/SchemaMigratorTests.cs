using GrantPortal.Testing;
using GrantPortal.Web.Data;
using GrantPortal.Web.Domain;
using GrantPortal.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace GrantPortal.Web.Tests.Infrastructure.Database;

public sealed class SchemaMigratorTests
{
    private static SchemaMigrator Migrator(string connectionString) => new(connectionString, NullLogger<SchemaMigrator>.Instance);

    [Fact]
    public async Task Migrate_FromThePreviousSchemaVersion_KeepsExistingRows()
    {
        var connectionString = await TestDatabaseServer.NewEmptyDatabaseConnectionStringAsync();
        var previous = SchemaMigrator.Scripts[^2].Version;
        await Migrator(connectionString).MigrateAsync(upToVersion: previous);
        var userId = Guid.NewGuid();
        await TestSql.ExecuteAsync(connectionString, $"""
            INSERT INTO "AspNetUsers" ("Id", "FullName", "PreferredCulture", "CreatedAt", "UserName", "NormalizedUserName",
                "Email", "NormalizedEmail", "EmailConfirmed", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount")
            VALUES ('{userId}', 'Ирина Старая', 'ru', now(), 'old@example.test', 'OLD@EXAMPLE.TEST',
                'old@example.test', 'OLD@EXAMPLE.TEST', TRUE, FALSE, FALSE, TRUE, 0)
            """);

        var applied = await Migrator(connectionString).MigrateAsync();

        Assert.Equal(SchemaMigrator.Scripts[^1].Version, applied[^1]);
        await using var db = Context(connectionString);
        var user = await db.Users.SingleAsync(u => u.Id == userId);
        Assert.Equal("Ирина Старая", user.FullName);
        Assert.False(user.IsDemoAccount);
        Assert.Null(user.CompanyId);
    }

    [Fact]
    public async Task Migrate_ToCallRules_GivesExistingCallsValidRules()
    {
        var connectionString = await TestDatabaseServer.NewEmptyDatabaseConnectionStringAsync();
        await Migrator(connectionString).MigrateAsync(upToVersion: "0003");
        var callId = Guid.NewGuid();
        await TestSql.ExecuteAsync(connectionString, $"""
            INSERT INTO "Calls" ("Id", "TitleRu", "TitleEn", "DescriptionRu", "DescriptionEn", "MaxGrant", "TotalBudget",
                "MinCoFinancingShare", "OpensAt", "ClosesAt")
            VALUES ('{callId}', 'Старый конкурс', 'Old call', '', '', 50000000.00, 500000000.00, 0.2, now(), now() + interval '30 days')
            """);

        await Migrator(connectionString).MigrateAsync();

        await using var db = Context(connectionString);
        var call = await db.Calls.SingleAsync(c => c.Id == callId);
        Assert.Empty(call.CheckRules());
        Assert.Equal([StageKind.Prototype, StageKind.Tests, StageKind.ProductionLaunch], call.AllowedStageKinds);
        Assert.Equal(4, call.Sectors.Count);
        Assert.Equal(5, call.Criteria.Count);
        Assert.Empty(call.RequiredDocumentTypes);
        Assert.Equal(2, call.ExpertsPerApplication);
        Assert.Null(call.CreatedById);
    }

    [Fact]
    public async Task Migrate_ToCompanyProfile_TurnsRegionNamesIntoCodes_AndKeepsWhatItDoesNotKnow()
    {
        var connectionString = await TestDatabaseServer.NewEmptyDatabaseConnectionStringAsync();
        await Migrator(connectionString).MigrateAsync(upToVersion: "0004");
        await TestSql.ExecuteAsync(connectionString, """
            INSERT INTO "Companies" ("Id", "LegalName", "Inn", "Ogrn", "Kpp", "Region", "CreatedAt") VALUES
                ('b0000000-0000-0000-0000-00000000000a', 'ООО «Уральские подшипники»', '6671000017', '1026605000014', '667101001', 'Свердловская область', '2026-01-10T09:00:00Z'),
                ('b0000000-0000-0000-0000-00000000000b', 'АО «Волжские композиты»', '6315000012', '1026300000011', '', ' самарская область ', now()),
                ('b0000000-0000-0000-0000-00000000000c', 'ООО «Марсианские сплавы»', '7707083893', '1027700132195', NULL, 'Марс', now())
            """);

        await Migrator(connectionString).MigrateAsync();

        await using var db = Context(connectionString);
        var companies = await db.Companies.OrderBy(c => c.Id).ToListAsync();
        Assert.Equal(["66", "63", "Марс"], companies.Select(c => c.Region));
        Assert.Equal(["Свердловская область", "Самарская область", null], companies.Select(c => c.KnownRegion?.NameRu));
        Assert.Equal(Kpp.Parse("667101001"), companies[0].Kpp);
        Assert.Null(companies[1].Kpp);
        Assert.Equal(Inn.Parse("6671000017"), companies[0].Inn);
        Assert.Equal(new DateTime(2026, 1, 10, 9, 0, 0, DateTimeKind.Utc), companies[0].UpdatedAt);
        Assert.All(companies, c => Assert.Equal("", c.Address));
        Assert.All(companies, c => Assert.False(c.IsSme));
    }

    [Fact]
    public async Task Migrate_ToApplicationList_CopiesEachApplicationsStateAndItsCompanysRegion_AndCountsTheSubmitted()
    {
        var connectionString = await TestDatabaseServer.NewEmptyDatabaseConnectionStringAsync();
        await Migrator(connectionString).MigrateAsync(upToVersion: "0006");
        await TestSql.ExecuteAsync(connectionString, OfficerCompaniesAndCall);
        await TestSql.ExecuteAsync(connectionString, """
            INSERT INTO "Applications" ("Id", "CallId", "CompanyId", "CreatedById", "Number", "Content", "Title", "Sector",
                "RequestedGrant", "CreatedAt", "UpdatedAt", "SubmittedAt")
            SELECT id::uuid, 'c0000000-0000-0000-0000-000000000001', company::uuid, 'a0000000-0000-0000-0000-000000000001', NULL, '{}',
                title, NULL, 0, now(), now(), submitted::timestamptz
            FROM (VALUES
                ('d0000000-0000-0000-0000-00000000000a', 'b0000000-0000-0000-0000-00000000000a', 'a draft', NULL),
                ('d0000000-0000-0000-0000-00000000000b', 'b0000000-0000-0000-0000-00000000000a', 'b submitted', '2026-11-01T10:00:00Z'),
                ('d0000000-0000-0000-0000-00000000000c', 'b0000000-0000-0000-0000-00000000000c', 'c in formal check after an older instance', '2026-11-02T10:00:00Z'),
                ('d0000000-0000-0000-0000-00000000000d', 'b0000000-0000-0000-0000-00000000000a', 'd without an instance', NULL)) AS a (id, company, title, submitted);
            INSERT INTO "WorkflowInstances" ("Id", "DefinitionId", "Version", "SubjectId", "State", "Sequence", "IsFinished", "StartedAt", "UpdatedAt") VALUES
                (gen_random_uuid(), 'component-substitution-grant', 'v1', 'd0000000-0000-0000-0000-00000000000a', 'Draft', 1, FALSE, now(), now()),
                (gen_random_uuid(), 'component-substitution-grant', 'v1', 'd0000000-0000-0000-0000-00000000000b', 'Submitted', 2, FALSE, now(), now()),
                (gen_random_uuid(), 'component-substitution-grant', 'v1', 'd0000000-0000-0000-0000-00000000000c', 'Withdrawn', 2, TRUE, now() - interval '1 day', now()),
                (gen_random_uuid(), 'component-substitution-grant', 'v1', 'd0000000-0000-0000-0000-00000000000c', 'FormalCheck', 3, FALSE, now(), now()),
                (gen_random_uuid(), 'other-workflow', 'v1', 'd0000000-0000-0000-0000-00000000000d', 'Elsewhere', 1, FALSE, now(), now())
            """);

        await Migrator(connectionString).MigrateAsync();

        Assert.Equal(
            ["a draft: Draft 66", "b submitted: Submitted 66", "c in formal check after an older instance: FormalCheck -", "d without an instance: Draft 66"],
            await TestSql.ListAsync(connectionString, """
                SELECT "Title" || ': ' || "State" || ' ' || coalesce("RegionCode", '-') FROM "Applications" ORDER BY "Title"
                """));
        Assert.Equal(["FormalCheck 1", "Submitted 1"], await TestSql.ListAsync(connectionString, """
            SELECT "State" || ' ' || "Count" FROM "ApplicationStateCounts" ORDER BY "State"
            """));
    }

    [Fact]
    public async Task Migrate_ToRankingTieBreak_CopiesTheMeanOnTheCallsFirstCriterion_ByItsCode()
    {
        var connectionString = await TestDatabaseServer.NewEmptyDatabaseConnectionStringAsync();
        await Migrator(connectionString).MigrateAsync(upToVersion: "0015");
        await TestSql.ExecuteAsync(connectionString, OfficerCompaniesAndCall);
        await TestSql.ExecuteAsync(connectionString, SubmittedApplications(("d0000000-0000-0000-0000-00000000000a", "ReviewsComplete"),
            ("d0000000-0000-0000-0000-00000000000b", "ReviewsComplete")));
        await TestSql.ExecuteAsync(connectionString, """
            INSERT INTO "ApplicationScores" ("ApplicationId", "Score", "CriterionMeans", "BelowThreshold", "Divergent", "ReviewCount", "ComputedAt") VALUES
                ('d0000000-0000-0000-0000-00000000000a', 70, '[{"Code": "other", "Mean": 3.5}, {"Code": "technology", "Mean": 8.25}]', FALSE, FALSE, 2, now()),
                ('d0000000-0000-0000-0000-00000000000b', 60, '[{"Code": "other", "Mean": 3.5}]', FALSE, FALSE, 2, now())
            """);

        await Migrator(connectionString).MigrateAsync();

        Assert.Equal(["70.00 8.25", "60.00 0"], await TestSql.ListAsync(connectionString, """
            SELECT "Score" || ' ' || "FirstCriterionMean" FROM "ApplicationScores" ORDER BY "Score" DESC
            """));
    }

    [Fact]
    public async Task Migrate_ToRankingVersionsAndTheDashboardIndex_GivesFinishedReviewsTheirMoment_AndWatchesExistingScores()
    {
        var connectionString = await TestDatabaseServer.NewEmptyDatabaseConnectionStringAsync();
        await Migrator(connectionString).MigrateAsync(upToVersion: "0018");
        await TestSql.ExecuteAsync(connectionString, OfficerCompaniesAndCall);
        await TestSql.ExecuteAsync(connectionString, SubmittedApplications(("d0000000-0000-0000-0000-00000000000a", "ReviewsComplete"),
            ("d0000000-0000-0000-0000-00000000000b", "ExpertReview"), ("d0000000-0000-0000-0000-00000000000c", "ExpertReview")));
        await TestSql.ExecuteAsync(connectionString, """
            INSERT INTO "ApplicationScores" ("ApplicationId", "Score", "CriterionMeans", "BelowThreshold", "Divergent", "ReviewCount", "ComputedAt",
                "FirstCriterionMean")
            VALUES ('d0000000-0000-0000-0000-00000000000a', 70, '[]', FALSE, FALSE, 2, now(), 7);
            INSERT INTO "Reviews" ("Id", "ApplicationId", "ExpertId", "VersionNumber", "Status", "AssignedAt", "AssignedById", "DueAt",
                "DeclinedAt", "Scores", "Summary", "SubmittedAt", "RemindersSent")
            SELECT id::uuid, application::uuid, 'a0000000-0000-0000-0000-000000000001', 1, status, '2026-10-01',
                'a0000000-0000-0000-0000-000000000001', '2026-10-15', declined::timestamptz, '[]', '', submitted::timestamptz, '{}'
            FROM (VALUES ('e0000000-0000-0000-0000-00000000000a', 'd0000000-0000-0000-0000-00000000000a', 'Submitted', NULL, '2026-10-10 12:00:00+00'),
                ('e0000000-0000-0000-0000-00000000000b', 'd0000000-0000-0000-0000-00000000000b', 'Declined', '2026-10-02 09:30:00+00', NULL),
                ('e0000000-0000-0000-0000-00000000000c', 'd0000000-0000-0000-0000-00000000000c', 'Accepted', NULL, NULL))
                AS r (id, application, status, declined, submitted);
            """);

        await Migrator(connectionString).MigrateAsync();

        Assert.Equal(["Submitted 2026-10-10 12:00", "Declined 2026-10-02 09:30", "Accepted -"], await TestSql.ListAsync(connectionString, """
            SELECT "Status" || ' ' || coalesce(to_char("FinishedAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), '-') FROM "Reviews" ORDER BY "Id"
            """));
        // An application without a score is in no ranking, whatever its state; a score is.
        await TestSql.ExecuteAsync(connectionString, """UPDATE "Applications" SET "State" = 'ReviewsComplete' WHERE "Id" = 'd0000000-0000-0000-0000-00000000000b'""");
        Assert.Equal(0, await TestSql.ScalarAsync<long>(connectionString, """SELECT count(*) FROM "CallRankingVersions" """));
        await TestSql.ExecuteAsync(connectionString, """UPDATE "ApplicationScores" SET "Score" = 65""");
        Assert.Equal(1, await TestSql.ScalarAsync<long>(connectionString, """
            SELECT "Version" FROM "CallRankingVersions" WHERE "CallId" = 'c0000000-0000-0000-0000-000000000001'
            """));
    }

    [Fact]
    public async Task Migrate_FromTwoInstancesAtOnce_AppliesEachScriptExactlyOnce()
    {
        var connectionString = await TestDatabaseServer.NewEmptyDatabaseConnectionStringAsync();

        var results = await Task.WhenAll(Migrator(connectionString).MigrateAsync(), Migrator(connectionString).MigrateAsync());

        var appliedByBoth = results.SelectMany(r => r).ToList();
        Assert.Equal(SchemaMigrator.Scripts.Select(s => s.Version), appliedByBoth.Order());
        Assert.Equal(SchemaMigrator.Scripts.Count, await TestSql.ScalarAsync<long>(connectionString, """SELECT count(*) FROM "__schema_migrations" """));
    }

    [Fact]
    public async Task Migrate_IsRefused_WhenAnAppliedScriptWasEdited()
    {
        var connectionString = await TestDatabaseServer.NewEmptyDatabaseConnectionStringAsync();
        await Migrator(connectionString).MigrateAsync();
        await TestSql.ExecuteAsync(connectionString, """UPDATE "__schema_migrations" SET checksum = 'edited' WHERE version = '0001'""");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Migrator(connectionString).MigrateAsync());

        Assert.Contains("0001", error.Message);
        Assert.Contains("edited after it was applied", error.Message);
    }

    [Fact]
    public async Task Migrations_ProduceTheSchemaTheEfModelExpects()
    {
        var migrated = await TestDatabaseServer.NewEmptyDatabaseConnectionStringAsync();
        await Migrator(migrated).MigrateAsync();
        var fromModel = await TestDatabaseServer.NewEmptyDatabaseConnectionStringAsync();
        await using (var db = Context(fromModel))
        {
            await db.Database.EnsureCreatedAsync(); // only as the reference to compare the migrations with
        }

        const string columns = """
            SELECT table_name || '.' || column_name || ' ' || data_type || coalesce('(' || character_maximum_length || ')', '')
                || coalesce('(' || numeric_precision || ',' || numeric_scale || ')', '') || ' ' || is_nullable
            FROM information_schema.columns
            WHERE table_schema = 'public' AND table_name <> '__schema_migrations'
            ORDER BY 1
            """;
        Assert.Equal(await TestSql.ListAsync(fromModel, columns), await TestSql.ListAsync(migrated, columns));
        // Whole definitions, not only names: the columns, their order, uniqueness and a partial index's condition.
        const string indexes = """
            SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '__schema_migrations' ORDER BY indexname
            """;
        Assert.Equal(await TestSql.ListAsync(fromModel, indexes), await TestSql.ListAsync(migrated, indexes));
    }

    /// <summary>A user, two companies (one in a region the portal does not know) and a call with one criterion, as schema 0006 has them.</summary>
    private const string OfficerCompaniesAndCall = """
        INSERT INTO "AspNetUsers" ("Id", "FullName", "PreferredCulture", "CreatedAt", "UserName", "NormalizedUserName",
            "Email", "NormalizedEmail", "EmailConfirmed", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount")
        VALUES ('a0000000-0000-0000-0000-000000000001', 'Алексей Старый', 'ru', now(), 'old@example.test', 'OLD@EXAMPLE.TEST',
            'old@example.test', 'OLD@EXAMPLE.TEST', TRUE, FALSE, FALSE, TRUE, 0);
        INSERT INTO "Companies" ("Id", "LegalName", "Inn", "Ogrn", "Kpp", "Region", "CreatedAt", "Address", "ContactPerson",
            "ContactPhone", "ContactEmail", "IsSme", "UpdatedAt") VALUES
            ('b0000000-0000-0000-0000-00000000000a', 'ООО «Уральские подшипники»', '6671000017', '1026605000014', NULL, '66', now(), '', '', '', '', FALSE, now()),
            ('b0000000-0000-0000-0000-00000000000c', 'ООО «Марсианские сплавы»', '7707083893', '1027700132195', NULL, 'Марс', now(), '', '', '', '', FALSE, now());
        INSERT INTO "Calls" ("Id", "TitleRu", "TitleEn", "DescriptionRu", "DescriptionEn", "MaxGrant", "TotalBudget",
            "MinCoFinancingShare", "OpensAt", "ClosesAt", "AllowedStageKinds", "Sectors", "CreatedAt", "Criteria", "RequiredDocumentTypes")
        VALUES ('c0000000-0000-0000-0000-000000000001', 'Конкурс', 'Call', '', '', 50000000.00, 500000000.00, 0.2, now(),
            now() + interval '30 days', ARRAY['Prototype'], ARRAY['Industry'], now(),
            '[{"Code": "technology", "NameRu": "Т", "NameEn": "T", "Weight": 100, "MaxScore": 10, "Threshold": 4}]', '[]');
        """;

    /// <summary>Submitted applications of the call of <see cref="OfficerCompaniesAndCall"/>, each titled by its id, as schema 0015 on has them.</summary>
    private static string SubmittedApplications(params (string Id, string State)[] applications) => $$"""
        INSERT INTO "Applications" ("Id", "CallId", "CompanyId", "CreatedById", "Content", "Title", "RequestedGrant", "CreatedAt", "UpdatedAt",
            "SubmittedAt", "State")
        SELECT id::uuid, 'c0000000-0000-0000-0000-000000000001', 'b0000000-0000-0000-0000-00000000000a', 'a0000000-0000-0000-0000-000000000001',
            '{}', id, 0, now(), now(), now(), state
        FROM (VALUES {{string.Join(", ", applications.Select(a => $"('{a.Id}', '{a.State}')"))}}) AS a (id, state);
        """;

    private static PortalDbContext Context(string connectionString) =>
        new(new DbContextOptionsBuilder<PortalDbContext>().UseNpgsql(connectionString).Options);
}
