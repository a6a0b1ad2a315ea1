using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using GrantPortal.Testing;
using GrantPortal.Web.Domain;
using GrantPortal.Web.Features.Demo;
using Microsoft.EntityFrameworkCore;
using static GrantPortal.Web.Tests.Features.Reviews.ReviewSteps;

namespace GrantPortal.Web.Tests.Features.Reviews;

public sealed class ReviewBoardTests(PortalFixture fixture) : IClassFixture<PortalFixture>, IAsyncLifetime
{
    private const string Expert1 = "expert1@grantportal.test";
    private const string Expert2 = "expert2@grantportal.test";

    private PortalAppFactory App => fixture.App;

    public Task InitializeAsync() => App.WithServicesAsync(DemoData.SeedAsync);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task AnApplicationInReview_ShowsItsTwoExperts_AndOneOfTwoSubmitted_ThenItsMeanScoreOnceComplete()
    {
        var (id, officer) = await CheckedAsync(App);
        var board = await BoardOfAsync(id);
        var waiting = Row(await officer.GetDocumentAsync(board), id)!;
        Assert.Contains("Формальная проверка", waiting.TextContent);
        Assert.Contains("Эксперты ещё не назначены", waiting.TextContent);

        await AssignAsync(App, officer, id, Expert1, Expert2);
        await AcceptAndScoreAsync(App, id, Expert1, 8);

        var page = await officer.GetDocumentAsync(board);
        var row = Row(page, id)!;
        Assert.Equal($"/applications/{id}/experts", row.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("Экспертиза", row.TextContent);
        Assert.Contains("Эдуард Экспертов · Подано", Squeeze(row.TextContent));
        Assert.Contains("Елена Оценщикова · Ждёт ответа эксперта", Squeeze(row.TextContent));
        Assert.Contains("Получено 1 из 2", row.TextContent);
        Assert.NotNull(row.QuerySelector(".progress-bar.progress-50"));
        Assert.DoesNotContain("Просрочено", row.TextContent);
        Assert.NotNull(page.QuerySelector(".review-chart svg[role=img]"));

        await AcceptAndScoreAsync(App, id, Expert2, 6);

        row = Row(await officer.GetDocumentAsync(board), id)!;
        Assert.Contains("Экспертиза завершена", row.TextContent);
        Assert.Contains("Получено 2 из 2", row.TextContent);
        Assert.NotNull(row.QuerySelector(".progress-bar.progress-100"));
        Assert.Contains("70,00", row.TextContent); // (80 + 60) / 2
    }

    [Fact]
    public async Task AReviewPastItsDueDate_IsShownOverdue_AndCounted_AndTheOverdueFilterKeepsOnlyItsApplication()
    {
        var (late, officer) = await CheckedAsync(App);
        await AssignAsync(App, officer, late, Expert1, Expert2);
        var (onTime, _) = await CheckedAsync(App);
        await AssignAsync(App, officer, onTime, Expert1, Expert2);
        await TestSql.ExecuteAsync(App.ConnectionString, $"""
            UPDATE "Reviews" SET "DueAt" = now() - interval '1 day'
            WHERE "ApplicationId" = '{late}' AND "ExpertId" = (SELECT "Id" FROM "AspNetUsers" WHERE "Email" = '{Expert1}')
            """);
        var board = await BoardOfAsync(late);

        var page = await officer.GetDocumentAsync(board);
        var lateRow = Row(page, late)!;
        Assert.Contains("table-danger", lateRow.ClassList);
        Assert.Single(lateRow.QuerySelectorAll(".badge.text-bg-danger"), b => b.TextContent == "Просрочено");
        Assert.DoesNotContain("Просрочено", Row(page, onTime)!.TextContent);
        Assert.Equal("1", page.QuerySelector("#count-overdue")!.TextContent.Trim());

        var filtered = await officer.GetDocumentAsync($"{board}?overdue=true");
        Assert.NotNull(Row(filtered, late));
        Assert.Null(Row(filtered, onTime));
        Assert.True(filtered.QuerySelector<IHtmlInputElement>("#filter-overdue")!.IsChecked);
    }

    [Fact]
    public async Task DivergentScores_AreFlagged_WithAThirdReviewRequired_AndTheDivergentFilterKeepsOnlyThem()
    {
        var (divergent, officer) = await CheckedAsync(App, "applicant2@grantportal.test");
        await AssignAsync(App, officer, divergent, Expert1, Expert2);
        await AcceptAndScoreAsync(App, divergent, Expert1, 9);
        await AcceptAndScoreAsync(App, divergent, Expert2, 3);
        var (waiting, _) = await CheckedAsync(App);
        var board = await BoardOfAsync(divergent);

        var page = await officer.GetDocumentAsync(board);
        var row = Row(page, divergent)!;
        Assert.Contains("Оценки расходятся", row.TextContent);
        Assert.Contains("Получено 2 из 3", row.TextContent);
        Assert.NotNull(row.QuerySelector(".progress-bar.progress-65"));
        Assert.DoesNotContain("Оценки расходятся", Row(page, waiting)!.TextContent);

        var filtered = await officer.GetDocumentAsync($"{board}?divergent=true");
        Assert.NotNull(Row(filtered, divergent));
        Assert.Null(Row(filtered, waiting));
    }

    [Fact]
    public async Task OnlyOfficersAndAdmins_SeeTheBoard_AndTheOfficersCallPageLinksToIt()
    {
        var callId = await App.WithDbAsync(db => db.Calls.Select(c => c.Id).FirstAsync());
        var board = $"/officer/calls/{callId}/reviews";
        var expert = await App.SignedInClientAsync(Expert1, DemoData.Password);
        var applicant = await App.SignedInClientAsync("applicant1@grantportal.test", DemoData.Password);
        var officer = await App.SignedInClientAsync("officer1@grantportal.test", DemoData.Password);
        var admin = await App.CreateUserAsync(Roles.Admin, demo: true);
        var adminClient = App.CreatePortalClient();
        await adminClient.LoginAsync(admin.Email!);

        Assert.StartsWith("https://localhost/account/access-denied", (await expert.GetAsync(board)).Headers.Location!.ToString());
        Assert.StartsWith("https://localhost/account/access-denied", (await applicant.GetAsync(board)).Headers.Location!.ToString());
        Assert.StartsWith("https://localhost/account/login", (await App.CreatePortalClient().GetAsync(board)).Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, (await adminClient.GetAsync(board)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/officer/calls/{Guid.NewGuid()}/reviews")).StatusCode);
        var callPage = await officer.GetDocumentAsync($"/officer/calls/{callId}");
        Assert.NotNull(callPage.QuerySelector($"a[href='{board}']"));
    }

    private async Task<string> BoardOfAsync(Guid applicationId) =>
        $"/officer/calls/{await App.WithDbAsync(db => db.Applications.Where(a => a.Id == applicationId).Select(a => a.CallId).SingleAsync())}/reviews";

    private static IElement? Row(IHtmlDocument page, Guid applicationId) => page.QuerySelector($"#application-{applicationId}");

    private static string Squeeze(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
