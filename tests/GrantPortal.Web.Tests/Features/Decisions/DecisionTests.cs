using System.Net;
using GrantPortal.Testing;
using GrantPortal.Web.Domain;
using GrantPortal.Web.Features.Demo;
using GrantPortal.Workflows.Persistence;
using GrantPortal.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static GrantPortal.Web.Tests.Features.Applications.ApplicationForms;
using static GrantPortal.Web.Tests.Features.Reviews.ReviewSteps;
using static GrantPortal.Web.Tests.Features.Decisions.DecisionSteps;

namespace GrantPortal.Web.Tests.Features.Decisions;

public sealed class DecisionTests(PortalFixture fixture) : IClassFixture<PortalFixture>, IAsyncLifetime
{
    private PortalAppFactory App => fixture.App;

    public Task InitializeAsync() => App.WithServicesAsync(DemoData.SeedAsync);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task AnApprovalUpToTheFourEyesAmount_IsFinal_Numbered_AndAsksForItsPdf()
    {
        var (id, officer) = await InDecisionAsync(App);

        var response = await DecideAsync(App, officer, id, "approve", new() { ["amount"] = "7 500 000,00", ["conditions"] = "Отчёт по этапу 1 до 01.10.2027." });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("Одобрена", await StateAsync(officer, id));
        var decision = await App.WithDbAsync(db => db.Decisions.AsNoTracking().SingleAsync(d => d.ApplicationId == id));
        Assert.Equal((DecisionKind.Approve, DecisionStatus.Final, 7_500_000.00m, "Отчёт по этапу 1 до 01.10.2027."), (decision.Kind, decision.Status, decision.Amount, decision.Text));
        Assert.Matches(@"^РЕШ-20\d\d-\d{6}$", decision.Number);
        Assert.Matches("^[2-9A-Z]{12}$", decision.VerificationCode);
        Assert.NotNull(decision.PdfRequestedAt);
        Assert.Contains("Одобрено: 7\u00A0500\u00A0000,00\u00A0₽", WebUtility.HtmlDecode(await officer.GetStringAsync($"/applications/{id}")));
    }

    [Theory]
    [InlineData("8 000 000,01", "не больше запрошенного гранта")]
    [InlineData("0", "больше нуля")]
    [InlineData("1 000,005", "больше нуля")]
    [InlineData("много", "больше нуля")]
    public async Task ABadAmount_IsRefusedWithAMessage_AndNothingIsDecided(string amount, string message)
    {
        var (id, officer) = await InDecisionAsync(App);

        var response = await DecideAsync(App, officer, id, "approve", new() { ["amount"] = amount });

        Assert.Contains(message, await officer.GetStringAsync(response.Headers.Location!.OriginalString));
        Assert.Equal("Принятие решения", await StateAsync(officer, id));
        Assert.False(await App.WithDbAsync(db => db.Decisions.AnyAsync(d => d.ApplicationId == id)));
    }

    [Fact]
    public async Task ALargeApproval_IsProposedByOneOfficer_AndConfirmedOnlyByAnother()
    {
        var (id, officer1) = await InDecisionAsync(App, grant: "60 000 000,00", coFinancing: "15 000 000,00");
        var officer2 = await App.SignedInClientAsync("officer2@grantportal.test", DemoData.Password);

        await DecideAsync(App, officer1, id, "approve", new() { ["amount"] = "60 000 000,00", ["conditions"] = "Залог оборудования." });
        Assert.Equal("Принятие решения", await StateAsync(officer1, id));
        var proposal = await App.WithDbAsync(db => db.Decisions.AsNoTracking().SingleAsync(d => d.ApplicationId == id));
        Assert.Equal(DecisionStatus.Proposed, proposal.Status);

        var own = await officer1.PostAsync($"/applications/{id}/decision/confirm", await FieldsAsync(App, officer1, id, new() { ["proposalId"] = proposal.Id.ToString() }));
        Assert.Contains("подтвердить его должен другой сотрудник", await officer1.GetStringAsync(own.Headers.Location!.OriginalString));
        Assert.Equal("Принятие решения", await StateAsync(officer1, id));

        var confirmed = await officer2.PostAsync($"/applications/{id}/decision/confirm", await FieldsAsync(App, officer2, id, new() { ["proposalId"] = proposal.Id.ToString() }));

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal("Одобрена", await StateAsync(officer2, id));
        var decision = await App.WithDbAsync(db => db.Decisions.AsNoTracking().SingleAsync(d => d.ApplicationId == id));
        var officer2Id = await App.WithDbAsync(db => db.Users.Where(u => u.Email == "officer2@grantportal.test").Select(u => u.Id).SingleAsync());
        Assert.Equal((DecisionStatus.Final, officer2Id, 60_000_000.00m), (decision.Status, decision.ConfirmedById, decision.Amount));
    }

    [Fact]
    public async Task ARejection_NeedsItsReasons()
    {
        var (id, officer) = await InDecisionAsync(App);

        var bare = await DecideAsync(App, officer, id, "reject", new() { ["reasons"] = "Нет." });
        Assert.Contains("не менее 20 символов", await officer.GetStringAsync(bare.Headers.Location!.OriginalString));
        await DecideAsync(App, officer, id, "reject", new() { ["reasons"] = "Спрос не подтверждён: письма о намерениях не содержат объёмов." });

        Assert.Equal("Отклонена", await StateAsync(officer, id));
        var decision = await App.WithDbAsync(db => db.Decisions.AsNoTracking().SingleAsync(d => d.ApplicationId == id));
        Assert.Equal((DecisionKind.Reject, (decimal?)null), (decision.Kind, decision.Amount));
    }

    [Fact]
    public async Task TwentyApprovalsAtOnce_NeverPassTheCallsBudget()
    {
        var (template, officer) = await InDecisionAsync(App);
        var callId = await App.WithDbAsync(async db =>
        {
            return await NewCallAsync(db, totalBudget: 80_000_000.00m); // room for ten of twenty 8 000 000 ₽ approvals
        });
        var ids = await CopiesAsync(App, template, callId, 20, "Decision");

        var answers = await Task.WhenAll(ids.Select(id => DecideAsync(App, officer, id, "approve", new() { ["amount"] = "8 000 000,00" })));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Redirect, a.StatusCode));
        var approved = await App.WithDbAsync(db => db.Decisions.Where(d => d.CallId == callId && d.Status == DecisionStatus.Final).SumAsync(d => d.Amount));
        Assert.Equal(80_000_000.00m, approved);
        Assert.Equal(10, await App.WithDbAsync(db => db.Set<WorkflowInstance>().CountAsync(i => i.State == "Approved" && ids.Select(x => x.ToString()).Contains(i.SubjectId))));
    }
}
