using System.Net;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using GrantPortal.Testing;
using GrantPortal.Web.Domain;
using GrantPortal.Web.Features.Demo;
using Microsoft.EntityFrameworkCore;
using static GrantPortal.Web.Tests.Features.Decisions.DecisionSteps;

namespace GrantPortal.Web.Tests.Features.Decisions;

public sealed class RankingTests(PortalFixture fixture) : IClassFixture<PortalFixture>, IAsyncLifetime
{
    private PortalAppFactory App => fixture.App;

    public Task InitializeAsync() => App.WithServicesAsync(DemoData.SeedAsync);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task TheRanking_OrdersByScoreWithItsTieRule_AndDrawsTheBudgetLine_OnScreenAndInCsv()
    {
        var (template, officer) = await InDecisionAsync(App);
        var callId = await App.WithDbAsync(db => NewCallAsync(db, totalBudget: 20_000_000.00m));
        var ids = await CopiesAsync(App, template, callId, 5, "ReviewsComplete");
        // Scores: 90, 75 with first criterion 9, 75 with first criterion 6, 60 (approved 5 000 000 ₽), 50 (rejected).
        await ScoreAsync(ids[0], 90m, 9m);
        await ScoreAsync(ids[1], 75m, 6m);
        await ScoreAsync(ids[2], 75m, 9m);
        await ScoreAsync(ids[3], 60m, 6m);
        await ScoreAsync(ids[4], 50m, 5m);
        await DecidedAsync(ids[3], DecisionKind.Approve, 5_000_000.00m);
        await DecidedAsync(ids[4], DecisionKind.Reject, null);

        var page = await officer.GetDocumentAsync($"/officer/calls/{callId}/ranking");

        var rows = page.QuerySelectorAll("#ranking tbody tr:not(#budget-line)").Select(r => r.QuerySelector("a")!.GetAttribute("href")).ToList();
        Assert.Equal(new[] { ids[0], ids[2], ids[1], ids[3], ids[4] }.Select(id => $"/applications/{id}"), rows);
        // 8 + 8 = 16 million fit in 20; the third takes the total to 24 million: the line is drawn above it.
        var budgetLine = page.QuerySelector("#budget-line")!;
        Assert.Contains($"/applications/{ids[1]}", budgetLine.NextElementSibling!.InnerHtml);
        Assert.NotNull(page.QuerySelector(".ranking-chart .ranking-budget-line"));
        Assert.Contains("5\u00A0000\u00A0000,00\u00A0₽", page.QuerySelector("#budget-summary")!.TextContent);

        var csv = await officer.GetAsync($"/officer/calls/{callId}/ranking.csv");
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(6, lines.Length);
        Assert.StartsWith("Место;Номер;Проект;", lines[0]);
        Assert.Contains(";90,00;9,00;8000000,00;;8000000,00;Да;", lines[1]);
        Assert.Contains(";75,00;6,00;8000000,00;;24000000,00;Нет;", lines[3]);
        Assert.Contains(";60,00;6,00;8000000,00;5000000,00;29000000,00;Нет;", lines[4]);
    }

    [Fact]
    public async Task ALongRanking_ShowsAHundredRowsAPage_WithTheTotalsOfAll_AndLinksToTheBudgetLinesPage_WhileTheCsvListsEveryRow()
    {
        var (template, officer) = await InDecisionAsync(App);
        // 8 000 000 ₽ requested each: the budget covers the first 102 of 105.
        var callId = await App.WithDbAsync(db => NewCallAsync(db, totalBudget: 816_000_000.00m));
        var ids = await CopiesAsync(App, template, callId, 105, "ReviewsComplete");
        for (var i = 0; i < ids.Count; i++)
        {
            await ScoreAsync(ids[i], 90m - i * 0.5m, 5m);
        }

        var first = await officer.GetDocumentAsync($"/officer/calls/{callId}/ranking");
        var second = await officer.GetDocumentAsync($"/officer/calls/{callId}/ranking?page=2");

        Assert.Equal(100, first.QuerySelectorAll("#ranking tbody tr").Length);
        Assert.Null(first.QuerySelector("#budget-line"));
        Assert.Contains("105", first.QuerySelector("#budget-summary")!.TextContent);
        var toBudgetLine = first.QuerySelector("a[href$='#budget-line']")!;
        Assert.Equal($"/officer/calls/{callId}/ranking?page=2#budget-line", toBudgetLine.GetAttribute("href"));
        Assert.Contains("103", toBudgetLine.TextContent);
        var rows = second.QuerySelectorAll("#ranking tbody tr:not(#budget-line)").Select(r => r.QuerySelector("a")!.GetAttribute("href")).ToList();
        Assert.Equal(ids.Skip(100).Select(id => $"/applications/{id}"), rows);
        Assert.Contains($"/applications/{ids[102]}", second.QuerySelector("#budget-line")!.NextElementSibling!.InnerHtml);
        var csv = Encoding.UTF8.GetString(await officer.GetByteArrayAsync($"/officer/calls/{callId}/ranking.csv"));
        Assert.Equal(106, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task TheRanking_IsWorkedOutAgainOnlyWhenWhatRanksItChanged_AndShowsEachChangeAtOnce()
    {
        var officer = await App.SignedInClientAsync("officer1@grantportal.test", DemoData.Password);
        using var log = new DatabaseCommandLog();
        async Task<(IHtmlDocument Page, bool Ranked)> RankingAsync()
        {
            var request = await log.GetAsync(officer, $"/officer/calls/{DemoData.CallId}/ranking");
            return (await HtmlForms.ParseAsync(request.Body), request.Commands.Any(c => c.Text.Contains("OVER ranking", StringComparison.Ordinal)));
        }

        await RankingAsync();
        Assert.False((await RankingAsync()).Ranked);

        // Two experts score it through their forms: its score is written and it enters the ranking.
        var (id, _) = await InDecisionAsync(App);
        var (page, ranked) = await RankingAsync();
        Assert.True(ranked);
        var undecidedTotal = RunningTotal(page, id);

        // Rejected through the decision panel: it counts nothing now.
        await DecideAsync(App, officer, id, "reject", new() { ["reasons"] = "Спрос не подтверждён: письма о намерениях не содержат объёмов." });
        (page, ranked) = await RankingAsync();
        Assert.True(ranked);
        Assert.Contains("Отклонена", Row(page, id).TextContent);
        Assert.NotEqual(undecidedTotal, RunningTotal(page, id));

        // The company renamed: nothing moves, and the new name shows.
        await App.WithDbAsync(db => db.Companies.Where(c => db.Applications.Any(a => a.Id == id && a.CompanyId == c.Id))
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.LegalName, "ООО «Подшипник-Переименованный»")));
        (page, ranked) = await RankingAsync();
        Assert.False(ranked);
        Assert.Contains("ООО «Подшипник-Переименованный»", Row(page, id).TextContent);

        // The decision withdrawn: it counts its requested grant again.
        await App.WithDbAsync(db => db.Decisions.Where(d => d.ApplicationId == id).ExecuteUpdateAsync(u => u.SetProperty(d => d.Status, DecisionStatus.Withdrawn)));
        (page, ranked) = await RankingAsync();
        Assert.True(ranked);
        Assert.Equal(undecidedTotal, RunningTotal(page, id));

        // Its score gone (reviews reopened): it leaves the ranking.
        await App.WithDbAsync(db => db.ApplicationScores.Where(s => s.ApplicationId == id).ExecuteDeleteAsync());
        (page, ranked) = await RankingAsync();
        Assert.True(ranked);
        Assert.Null(page.QuerySelector($"#ranking a[href='/applications/{id}']"));
    }

    [Fact]
    public async Task OnlyStaff_SeeTheRanking()
    {
        foreach (var email in new[] { "applicant1@grantportal.test", "expert1@grantportal.test" })
        {
            var client = await App.SignedInClientAsync(email, DemoData.Password);
            var response = await client.GetAsync($"/officer/calls/{DemoData.CallId}/ranking.csv");
            Assert.StartsWith("https://localhost/account/access-denied", response.Headers.Location!.ToString());
        }

        var officer = await App.SignedInClientAsync("officer1@grantportal.test", DemoData.Password);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/officer/calls/{Guid.NewGuid()}/ranking")).StatusCode);
    }

    private static IElement Row(IHtmlDocument page, Guid id) => page.QuerySelector($"#ranking a[href='/applications/{id}']")!.Closest("tr")!;

    private static string RunningTotal(IHtmlDocument page, Guid id) => Row(page, id).QuerySelectorAll("td")[6].TextContent;

    private Task ScoreAsync(Guid id, decimal score, decimal firstCriterionMean) => App.WithDbAsync(async db =>
    {
        db.ApplicationScores.Add(new ApplicationScore
        {
            ApplicationId = id, Score = score, ReviewCount = 2, ComputedAt = DateTime.UtcNow,
            CriterionMeans = [new CriterionMean { Code = "technology", Mean = firstCriterionMean }], FirstCriterionMean = firstCriterionMean,
        });
        return await db.SaveChangesAsync();
    });

    private Task DecidedAsync(Guid id, DecisionKind kind, decimal? amount) => App.WithDbAsync(async db =>
    {
        var application = await db.Applications.SingleAsync(a => a.Id == id);
        db.Decisions.Add(new Decision
        {
            Id = Guid.NewGuid(), ApplicationId = id, CallId = application.CallId, Kind = kind, Amount = amount, Status = DecisionStatus.Final,
            ProposedById = application.CreatedById, ProposedAt = DateTime.UtcNow, DecidedAt = DateTime.UtcNow,
        });
        return await db.SaveChangesAsync();
    });
}
