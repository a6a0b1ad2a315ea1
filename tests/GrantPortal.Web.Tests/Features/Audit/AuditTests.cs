using System.Net;
using GrantPortal.Testing;
using GrantPortal.Web.Domain;
using GrantPortal.Web.Features.Audit;
using GrantPortal.Web.Features.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
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

    [Fact]
    public async Task TheAuditPage_SaysWhereTheChainIsBroken_AfterARowWasEditedInTheDatabase()
    {
        await SubmittedAsync(App);
        var target = await App.WithDbAsync(db => db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Sequence).Skip(1).FirstAsync());
        var admin = await App.SignedInClientAsync("admin@grantportal.test", DemoData.Password);
        try
        {
            await TestSql.ExecuteAsync(App.ConnectionString, $"""
                ALTER TABLE "AuditEntries" DISABLE TRIGGER "AuditEntries_NoUpdateOrDelete";
                UPDATE "AuditEntries" SET "ActorName" = 'Кто-то другой' WHERE "Sequence" = {target.Sequence};
                ALTER TABLE "AuditEntries" ENABLE TRIGGER "AuditEntries_NoUpdateOrDelete";
                """);

            var response = await admin.SubmitFormAsync("/admin/audit", [], "#verify-chain");

            var page = await admin.GetDocumentAsync(response.Headers.Location!.OriginalString);
            Assert.Contains($"Цепочка нарушена на записи №{target.Sequence}: её содержимое не соответствует её хешу", page.QuerySelector(".alert-danger")!.TextContent);
        }
        finally
        {
            // The other tests of this class share the database, and so the chain.
            await TestSql.ExecuteAsync(App.ConnectionString, $"""
                ALTER TABLE "AuditEntries" DISABLE TRIGGER "AuditEntries_NoUpdateOrDelete";
                UPDATE "AuditEntries" SET "ActorName" = '{target.ActorName}' WHERE "Sequence" = {target.Sequence};
                ALTER TABLE "AuditEntries" ENABLE TRIGGER "AuditEntries_NoUpdateOrDelete";
                """);
        }
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
