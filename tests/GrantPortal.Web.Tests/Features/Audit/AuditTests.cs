using System.Diagnostics;
using System.Net;
using GrantPortal.Testing;
using GrantPortal.Web.Data;
using GrantPortal.Web.Domain;
using GrantPortal.Web.Features.Audit;
using GrantPortal.Web.Features.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;
using Xunit.Abstractions;
using static GrantPortal.Web.Tests.Features.Applications.ApplicationForms;
using static GrantPortal.Web.Tests.Features.Reviews.ReviewSteps;

namespace GrantPortal.Web.Tests.Features.Audit;

/// <summary>What the app writes into the audit trail, and the admin's page over it.</summary>
public sealed class AuditTests(PortalFixture fixture) : IClassFixture<PortalFixture>, IAsyncLifetime
{
    private PortalAppFactory App => fixture.App;

    public Task InitializeAsync() => App.WithServicesAsync(DemoData.SeedAsync);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task SubmittingAnApplication_WritesItsStateChanges_ByTheApplicant()
    {
        var applicant = await App.SignedInClientAsync("applicant1@grantportal.test", DemoData.Password);
        var id = await CreateDraftAsync(applicant);
        await FillCompletelyAsync(applicant, id);

        await ActAsync(applicant, id, "submit");

        var entries = await EntriesAsync(AuditKind.StateChanged, id.ToString());
        Assert.Equal(
            ["{\"workflow\":\"component-substitution-grant\",\"from\":null,\"to\":\"Draft\",\"trigger\":\"start\"}",
             "{\"workflow\":\"component-substitution-grant\",\"from\":\"Draft\",\"to\":\"Submitted\",\"trigger\":\"submit\"}"],
            entries.Select(e => e.Details));
        Assert.All(entries, e => Assert.Equal(("Алексей Заявителев", "applicant1@grantportal.test"), (e.ActorName, e.ActorEmail)));
        Assert.True(entries[0].Sequence < entries[1].Sequence);
    }

    [Fact]
    public async Task ChangingRoles_WritesWhoChangedWhoseRoles_FromWhatToWhat()
    {
        var expert = await App.CreateUserAsync(Roles.Expert);
        var admin = await App.SignedInClientAsync("admin@grantportal.test", DemoData.Password);

        var response = await admin.SubmitFormAsync($"/admin/users/{expert.Id}", [new("roles", Roles.Officer), new("roles", Roles.Expert)],
            $"form[action='/admin/users/{expert.Id}/roles']");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var entry = Assert.Single(await EntriesAsync(AuditKind.RolesChanged, expert.Id.ToString()));
        Assert.Equal("admin@grantportal.test", entry.ActorEmail);
        Assert.Equal($"{{\"email\":\"{expert.Email}\",\"from\":\"Expert\",\"to\":\"Expert,Officer\"}}", entry.Details);
    }

    [Fact]
    public async Task SavingTheSameRoles_WritesNothing()
    {
        var expert = await App.CreateUserAsync(Roles.Expert);
        var admin = await App.SignedInClientAsync("admin@grantportal.test", DemoData.Password);

        await admin.SubmitFormAsync($"/admin/users/{expert.Id}", [new("roles", Roles.Expert)], $"form[action='/admin/users/{expert.Id}/roles']");

        Assert.Empty(await EntriesAsync(AuditKind.RolesChanged, expert.Id.ToString()));
    }

    [Fact]
    public async Task InvitingAnOfficer_WritesTheRoleGiven()
    {
        var admin = await App.SignedInClientAsync("admin@grantportal.test", DemoData.Password);
        var email = $"invited-{Guid.NewGuid():N}@example.test";

        await admin.SubmitFormAsync("/admin/users/invite", new Dictionary<string, string>
        {
            ["Email"] = email, ["FullName"] = "Иван Приглашённый", ["Role"] = Roles.Officer, ["Language"] = "ru",
        });

        var invited = await App.WithDbAsync(db => db.Users.SingleAsync(u => u.Email == email));
        var entry = Assert.Single(await EntriesAsync(AuditKind.RolesChanged, invited.Id.ToString()));
        Assert.Equal(("Анна Администраторова", $"{{\"email\":\"{email}\",\"from\":\"\",\"to\":\"Officer\"}}"), (entry.ActorName, entry.Details));
    }

    [Fact]
    public async Task AnOfficersDownload_IsRecorded_TheApplicantsOwnIsNot()
    {
        var (id, applicant, officer) = await SubmittedAsync(App);
        var document = await App.WithDbAsync(db => db.ApplicationDocuments.FirstAsync(d => d.ApplicationId == id));
        var url = $"/applications/{id}/documents/{document.Id}";

        Assert.Equal(HttpStatusCode.OK, (await applicant.GetAsync(url)).StatusCode);
        Assert.Empty(await EntriesAsync(AuditKind.DocumentDownloaded, id.ToString()));

        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync(url)).StatusCode);
        var entry = Assert.Single(await EntriesAsync(AuditKind.DocumentDownloaded, id.ToString()));
        Assert.Equal("officer1@grantportal.test", entry.ActorEmail);
        Assert.Contains($"\"document\":\"{document.Id}\"", entry.Details);
        Assert.Contains($"\"file\":\"{document.FileName}\"", entry.Details);
    }

    [Fact]
    public async Task AnExpertsDownloadFromTheirReview_IsRecorded()
    {
        var (id, officer) = await CheckedAsync(App);
        await AssignAsync(App, officer, id, "expert1@grantportal.test", "expert2@grantportal.test");
        var (expert, reviewId) = await AcceptAndScoreAsync(App, id, "expert1@grantportal.test", 7, submit: false);
        var document = await App.WithDbAsync(db => db.ApplicationDocuments.FirstAsync(d => d.ApplicationId == id));

        Assert.Equal(HttpStatusCode.OK, (await expert.GetAsync($"/reviews/{reviewId}/documents/{document.Id}")).StatusCode);

        var entry = Assert.Single(await EntriesAsync(AuditKind.DocumentDownloaded, id.ToString()));
        Assert.Equal("expert1@grantportal.test", entry.ActorEmail);
    }

    [Fact]
    public async Task ADecision_WritesItsNumberKindAndAmount_WithTheStateChange()
    {
        var (id, officer) = await CheckedAsync(App);
        await AssignAsync(App, officer, id, "expert1@grantportal.test", "expert2@grantportal.test");
        await AcceptAndScoreAsync(App, id, "expert1@grantportal.test", 8);
        await AcceptAndScoreAsync(App, id, "expert2@grantportal.test", 7);
        await ActAsync(officer, id, "startDecision");
        var token = (await officer.GetDocumentAsync("/")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var subject = id.ToString();
        var sequence = await App.WithDbAsync(db => db.Set<GrantPortal.Workflows.Persistence.WorkflowInstance>().Where(i => i.SubjectId == subject).Select(i => i.Sequence).SingleAsync());

        var response = await officer.PostAsync($"/applications/{id}/decision/approve", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["sequence"] = sequence.ToString(), ["idempotencyKey"] = Guid.NewGuid().ToString(),
            ["amount"] = "7 500 000,00", ["conditions"] = "Отчёт по этапу 1.",
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var decision = await App.WithDbAsync(db => db.Decisions.SingleAsync(d => d.ApplicationId == id));
        var made = Assert.Single(await EntriesAsync(AuditKind.DecisionMade, subject));
        Assert.Equal(
            $"{{\"decision\":\"{decision.Id}\",\"number\":\"{decision.Number}\",\"kind\":\"Approve\",\"amount\":\"7500000.00\",\"proposedBy\":null}}",
            made.Details);
        Assert.Equal("officer1@grantportal.test", made.ActorEmail);
        var approved = (await EntriesAsync(AuditKind.StateChanged, subject)).Single(e => e.Details.Contains("\"to\":\"Approved\""));
        Assert.Equal(made.Sequence + 1, approved.Sequence);
    }

    [Theory]
    [InlineData(Roles.Officer)]
    [InlineData(Roles.Expert)]
    [InlineData(Roles.Applicant)]
    public async Task TheAuditPage_IsRefusedToAllButAdmins(string role)
    {
        var user = await App.CreateUserAsync(role, demo: true);
        var client = await App.SignedInClientAsync(user.Email!);

        var page = await client.GetAsync("/admin/audit");

        Assert.StartsWith("https://localhost/account/access-denied", page.Headers.Location!.ToString());
        Assert.StartsWith("https://localhost/account/access-denied", (await PostVerifyAsync(client)).Headers.Location!.ToString());
    }

    [Fact]
    public async Task TheAuditPage_ListsNewestFirst_AndFiltersByKindActorSubjectAndDay()
    {
        var (id, _, officer) = await SubmittedAsync(App);
        var document = await App.WithDbAsync(db => db.ApplicationDocuments.FirstAsync(d => d.ApplicationId == id));
        await officer.GetAsync($"/applications/{id}/documents/{document.Id}");
        var number = await App.WithDbAsync(db => db.Applications.Where(a => a.Id == id).Select(a => a.Number!).SingleAsync());
        var admin = await App.SignedInClientAsync("admin@grantportal.test", DemoData.Password);
        var today = GrantPortal.Web.Infrastructure.Localization.Formats.ToMoscow(DateTime.UtcNow).ToString("yyyy-MM-dd");

        var all = Sequences(await admin.GetDocumentAsync("/admin/audit"));
        var byNumber = await admin.GetDocumentAsync($"/admin/audit?subject={number}");
        var downloads = await admin.GetDocumentAsync($"/admin/audit?kind=DocumentDownloaded&actor=officer1");
        var byApplicant = await admin.GetDocumentAsync($"/admin/audit?actor=%D0%97%D0%B0%D1%8F%D0%B2%D0%B8%D1%82%D0%B5%D0%BB%D0%B5%D0%B2&subject={id}");
        var todayOnly = await admin.GetDocumentAsync($"/admin/audit?subject={id}&from={today}&to={today}");
        var yesterday = await admin.GetDocumentAsync($"/admin/audit?subject={id}&to={DateTime.UtcNow.AddDays(-2):dd.MM.yyyy}");
        var bad = await admin.GetDocumentAsync("/admin/audit?kind=Nonsense&from=32.13.2026");

        Assert.Equal(all.OrderDescending(), all);
        Assert.Equal(3, byNumber.QuerySelectorAll("#audit-entries tbody tr").Length);
        Assert.Equal(["DocumentDownloaded", "StateChanged", "StateChanged"], Kinds(byNumber));
        Assert.Contains(document.FileName, byNumber.QuerySelector("#audit-entries")!.TextContent);
        Assert.Contains(Kinds(downloads), k => k == "DocumentDownloaded");
        Assert.All(Kinds(downloads), k => Assert.Equal("DocumentDownloaded", k));
        Assert.Equal(["StateChanged", "StateChanged"], Kinds(byApplicant));
        Assert.Equal(3, Kinds(todayOnly).Count);
        Assert.NotNull(yesterday.QuerySelector("#audit-empty"));
        Assert.Equal(2, bad.QuerySelectorAll("#audit-filters .alert li").Length);
        Assert.NotEmpty(Sequences(bad));
    }

    [Fact]
    public async Task TheAuditPage_VerifiesTheChain_OnAnAdminsRequest()
    {
        await SubmittedAsync(App);
        var admin = await App.SignedInClientAsync("admin@grantportal.test", DemoData.Password);
        var count = await App.WithDbAsync(db => db.AuditEntries.CountAsync());

        var response = await admin.SubmitFormAsync("/admin/audit", [], "#verify-chain");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await admin.GetDocumentAsync(response.Headers.Location!.OriginalString);
        Assert.Contains($"Цепочка цела: записей — {count}", page.QuerySelector(".alert-success")!.TextContent);
        Assert.NotNull(page.QuerySelector("a[href='/admin/audit']"));
    }

    private static List<long> Sequences(AngleSharp.Html.Dom.IHtmlDocument page) =>
        [.. page.QuerySelectorAll("#audit-entries tbody tr").Select(r => long.Parse(r.GetAttribute("data-sequence")!))];

    private static List<string> Kinds(AngleSharp.Html.Dom.IHtmlDocument page) =>
        [.. page.QuerySelectorAll("#audit-entries tbody tr").Select(r => r.GetAttribute("data-kind")!)];

    private static async Task<HttpResponseMessage> PostVerifyAsync(HttpClient client)
    {
        var token = (await client.GetDocumentAsync("/")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        return await client.PostAsync("/admin/audit/verify", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
    }

    private Task<List<AuditEntry>> EntriesAsync(AuditKind kind, string subjectId) =>
        App.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Kind == kind && e.SubjectId == subjectId).OrderBy(e => e.Sequence).ToListAsync());
}

/// <summary>The chain itself: appends, the database's refusals, and what verification finds after tampering.</summary>
public sealed class AuditChainTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private PortalAppFactory App => fixture.App;

    [Fact]
    public async Task Verify_FindsACleanChainIntact()
    {
        await AppendAsync(3);

        var result = await VerifyAsync();

        Assert.True(result.Intact);
        Assert.Equal(await CountAsync(), result.Checked);
        Assert.Equal(await App.WithDbAsync(db => db.AuditEntries.OrderBy(e => e.Sequence).Select(e => e.Hash).LastAsync()), result.LastHash);
    }

    [Fact]
    public async Task EditingARowInTheDatabase_IsFoundByVerify_AtThatEntry()
    {
        var entries = await AppendAsync(4);
        var target = entries[1];
        try
        {
            await AsOwnerAsync($"""UPDATE "AuditEntries" SET "Details" = '{"{"}"sum":"1"{"}"}' WHERE "Sequence" = {target.Sequence}""");

            var result = await VerifyAsync();

            Assert.Equal((target.Sequence, AuditProblem.Edited), (result.BrokenAt, result.Problem));
            Assert.Equal(target.Sequence - 1, result.Checked);
            var admin = await App.CreateUserAsync(Roles.Admin, demo: true);
            var client = await App.SignedInClientAsync(admin.Email!);
            var page = await client.GetDocumentAsync((await client.SubmitFormAsync("/admin/audit", [], "#verify-chain")).Headers.Location!.OriginalString);
            Assert.Contains($"Цепочка нарушена на записи №{target.Sequence}", page.QuerySelector(".alert-danger")!.TextContent);
        }
        finally
        {
            await AsOwnerAsync($"""UPDATE "AuditEntries" SET "Details" = '{target.Details}' WHERE "Sequence" = {target.Sequence}""");
        }

        Assert.True((await VerifyAsync()).Intact);
    }

    [Fact]
    public async Task AnEditedRowWithItsHashRecomputed_BreaksTheLinkOfTheNextEntry()
    {
        var entries = await AppendAsync(3);
        var target = entries[0];
        var forged = new AuditEntry
        {
            Sequence = target.Sequence, At = target.At, ActorId = target.ActorId, ActorName = "Someone Else", ActorEmail = target.ActorEmail,
            Kind = target.Kind, SubjectId = target.SubjectId, Details = target.Details, PreviousHash = target.PreviousHash,
        };
        try
        {
            await AsOwnerAsync($"""UPDATE "AuditEntries" SET "ActorName" = 'Someone Else', "Hash" = '{forged.ComputeHash()}' WHERE "Sequence" = {target.Sequence}""");

            var result = await VerifyAsync();

            Assert.Equal((target.Sequence + 1, AuditProblem.BrokenLink), (result.BrokenAt, result.Problem));
        }
        finally
        {
            await AsOwnerAsync($"""UPDATE "AuditEntries" SET "ActorName" = '{target.ActorName}', "Hash" = '{target.Hash}' WHERE "Sequence" = {target.Sequence}""");
        }
    }

    [Fact]
    public async Task ADeletedRow_IsFoundMissingByVerify()
    {
        var entries = await AppendAsync(3);
        var target = entries[1];
        try
        {
            await AsOwnerAsync($"""DELETE FROM "AuditEntries" WHERE "Sequence" = {target.Sequence}""");

            var result = await VerifyAsync();

            Assert.Equal((target.Sequence, AuditProblem.Missing, target.Sequence), (result.BrokenAt, result.Problem, result.MissingThrough));
        }
        finally
        {
            await App.WithServicesAsync(async services =>
            {
                var db = services.GetRequiredService<PortalDbContext>();
                db.AuditEntries.Add(target);
                await db.SaveChangesAsync();
            });
        }

        Assert.True((await VerifyAsync()).Intact);
    }

    [Theory]
    [InlineData("""UPDATE "AuditEntries" SET "Details" = '{}'""")]
    [InlineData("""DELETE FROM "AuditEntries" """)]
    [InlineData("""TRUNCATE "AuditEntries" """)]
    public async Task UpdateDeleteAndTruncate_AreRefusedByTheDatabase_EvenToItsSuperuser(string sql)
    {
        await AppendAsync(1);
        var before = await CountAsync();

        var error = await Assert.ThrowsAsync<PostgresException>(() => TestSql.ExecuteAsync(App.ConnectionString, sql));

        Assert.Contains("append-only", error.MessageText);
        Assert.Equal(before, await CountAsync());
        Assert.True((await VerifyAsync()).Intact);
    }

    [Fact]
    public async Task TwentyConcurrentAppends_MakeOneChain_WithoutForksOrGaps()
    {
        var before = await CountAsync();

        var appended = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => AppendOneAsync($"concurrent-{i}"))));

        Assert.Equal(20, appended.Select(e => e.Sequence).Distinct().Count());
        Assert.Equal(Enumerable.Range((int)before + 1, 20).Select(n => (long)n), appended.Select(e => e.Sequence).Order());
        Assert.Equal(20, appended.Select(e => e.PreviousHash).Distinct().Count());
        var result = await VerifyAsync();
        Assert.True(result.Intact, $"broken at {result.BrokenAt}: {result.Problem}");
        Assert.Equal(before + 20, result.Checked);
    }

    [Fact]
    public async Task AnAppendRolledBackWithItsChange_LeavesNeitherAnEntryNorAGap()
    {
        var before = await CountAsync();
        await App.WithServicesAsync(async services =>
        {
            var db = services.GetRequiredService<PortalDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await services.GetRequiredService<AuditLog>().AppendAsync(AuditKind.StateChanged, "rolled-back", Actor, [], CancellationToken.None);
            await transaction.RollbackAsync();
        });

        var next = await AppendOneAsync("after");

        Assert.Equal(before + 1, next.Sequence);
        Assert.True((await VerifyAsync()).Intact);
    }

    [Fact]
    public async Task AnAppendOutsideATransaction_IsRefused()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => App.WithServicesAsync(services =>
            services.GetRequiredService<AuditLog>().AppendAsync(AuditKind.StateChanged, "alone", Actor, [], CancellationToken.None)));

        Assert.Contains("transaction", error.Message);
    }

    private static readonly AuditActor Actor = new("test", "Test Actor", "test@example.test");

    private async Task<List<AuditEntry>> AppendAsync(int count)
    {
        var entries = new List<AuditEntry>();
        for (var i = 0; i < count; i++)
        {
            entries.Add(await AppendOneAsync($"subject-{i}"));
        }

        return entries;
    }

    private async Task<AuditEntry> AppendOneAsync(string subject)
    {
        AuditEntry? entry = null;
        await App.WithServicesAsync(async services =>
        {
            var db = services.GetRequiredService<PortalDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            entry = await services.GetRequiredService<AuditLog>().AppendAsync(
                AuditKind.StateChanged, subject, Actor, [("to", "Тест \"кавычки\" и юникод ✓")], CancellationToken.None);
            await transaction.CommitAsync();
        });
        return entry!;
    }

    private Task<AuditVerification> VerifyAsync() => App.VerifyAuditAsync();

    private Task<int> CountAsync() => App.WithDbAsync(db => db.AuditEntries.CountAsync());

    // What someone with the table owner's rights could do: switch the guard off, change the rows, switch it on again.
    private Task AsOwnerAsync(string sql) => TestSql.ExecuteAsync(App.ConnectionString, $"""
        BEGIN;
        ALTER TABLE "AuditEntries" DISABLE TRIGGER "AuditEntries_NoUpdateOrDelete";
        {sql};
        ALTER TABLE "AuditEntries" ENABLE TRIGGER "AuditEntries_NoUpdateOrDelete";
        COMMIT;
        """);
}

/// <summary>Verification over a long trail, in a database of its own so the other tests stay quick.</summary>
public sealed class AuditChainVolumeTests(PortalFixture fixture, ITestOutputHelper output) : IClassFixture<PortalFixture>
{
    private const int Entries = 100_000;

    [Fact]
    public async Task Verify_Reads100000Entries_InAFewSeconds_AndFindsAnEditNearTheEnd()
    {
        var app = fixture.App;
        await SeedChainAsync(app.ConnectionString, Entries);
        var admin = await app.CreateUserAsync(Roles.Admin, demo: true);
        var client = await app.SignedInClientAsync(admin.Email!);

        var clock = Stopwatch.StartNew();
        var response = await client.SubmitFormAsync("/admin/audit", [], "#verify-chain");
        var page = await client.GetDocumentAsync(response.Headers.Location!.OriginalString);
        var throughPage = clock.Elapsed;
        var result = await app.VerifyAuditAsync();
        var listClock = Stopwatch.StartNew();
        var list = await client.GetDocumentAsync("/admin/audit?page=1000");
        var deepPage = listClock.Elapsed;

        output.WriteLine($"verify {Entries} entries: {result.Elapsed.TotalSeconds:0.00} s in the service, {throughPage.TotalSeconds:0.00} s through the page; page 1000 of the list: {deepPage.TotalMilliseconds:0} ms");
        Assert.True(result.Intact);
        Assert.Equal(Entries, result.Checked);
        Assert.Contains($"записей — {Entries}", page.QuerySelector(".alert-success")!.TextContent);
        Assert.Equal(50, list.QuerySelectorAll("#audit-entries tbody tr").Length);
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(30), $"verification took {result.Elapsed}");

        await TestSql.ExecuteAsync(app.ConnectionString, """
            ALTER TABLE "AuditEntries" DISABLE TRIGGER "AuditEntries_NoUpdateOrDelete";
            UPDATE "AuditEntries" SET "At" = "At" + interval '1 second' WHERE "Sequence" = 99990;
            """);
        var edited = await app.VerifyAuditAsync();
        Assert.Equal((99990L, AuditProblem.Edited), (edited.BrokenAt, edited.Problem));
    }

    // A valid chain written straight into the table (binary COPY): appending 100,000 entries one by one would take minutes.
    private static async Task SeedChainAsync(string connectionString, int count)
    {
        var previous = AuditEntry.GenesisHash;
        var start = DateTime.UtcNow.AddDays(-30);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var writer = await connection.BeginBinaryImportAsync("""
            COPY "AuditEntries" ("Sequence", "At", "ActorId", "ActorName", "ActorEmail", "Kind", "SubjectId", "Details", "PreviousHash", "Hash") FROM STDIN (FORMAT BINARY)
            """))
        {
            for (var i = 1; i <= count; i++)
            {
                var entry = new AuditEntry
                {
                    Sequence = i,
                    At = AuditEntry.ToStoredPrecision(start.AddSeconds(i * 20)),
                    ActorId = Guid.NewGuid().ToString(),
                    ActorName = "Олег Первый",
                    ActorEmail = "officer1@grantportal.test",
                    Kind = (AuditKind)(i % 5),
                    SubjectId = Guid.NewGuid().ToString(),
                    Details = $"{{\"workflow\":\"component-substitution-grant\",\"from\":\"Draft\",\"to\":\"Submitted\",\"trigger\":\"submit\",\"n\":\"{i}\"}}",
                    PreviousHash = previous,
                };
                entry.Hash = previous = entry.ComputeHash();
                await writer.StartRowAsync();
                await writer.WriteAsync(entry.Sequence, NpgsqlDbType.Bigint);
                await writer.WriteAsync(entry.At, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(entry.ActorId, NpgsqlDbType.Varchar);
                await writer.WriteAsync(entry.ActorName, NpgsqlDbType.Varchar);
                await writer.WriteAsync(entry.ActorEmail, NpgsqlDbType.Varchar);
                await writer.WriteAsync(entry.Kind.ToString(), NpgsqlDbType.Varchar);
                await writer.WriteAsync(entry.SubjectId, NpgsqlDbType.Varchar);
                await writer.WriteAsync(entry.Details, NpgsqlDbType.Varchar);
                await writer.WriteAsync(entry.PreviousHash, NpgsqlDbType.Varchar);
                await writer.WriteAsync(entry.Hash, NpgsqlDbType.Varchar);
            }

            await writer.CompleteAsync();
        }

        await using var analyze = new NpgsqlCommand("""ANALYZE "AuditEntries" """, connection);
        await analyze.ExecuteNonQueryAsync();
    }
}

internal static class AuditVerifying
{
    public static async Task<AuditVerification> VerifyAuditAsync(this PortalAppFactory app)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AuditLog>().VerifyAsync();
    }
}
