using System.Net;
using GrantPortal.Testing;
using GrantPortal.Web.Features.Demo;
using Microsoft.EntityFrameworkCore;
using static GrantPortal.Web.Tests.Features.Applications.ApplicationForms;

namespace GrantPortal.Web.Tests.Features.Applications;

public sealed class ApplicationJourneyTests(PortalFixture fixture) : IClassFixture<PortalFixture>, IAsyncLifetime
{
    private PortalAppFactory App => fixture.App;

    public Task InitializeAsync() => App.WithServicesAsync(DemoData.SeedAsync);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ACompleteApplication_IsSubmitted_Numbered_Frozen_AndTheCompanyIsTold()
    {
        var client = await App.SignedInClientAsync("applicant1@grantportal.test", DemoData.Password);
        var id = await CreateDraftAsync(client);
        Assert.Equal("Черновик", await StateAsync(client, id));
        var draftPage = await client.GetStringAsync($"/applications/{id}");
        Assert.Contains("Заявка ещё не заполнена", draftPage);

        await FillCompletelyAsync(client, id);
        var submitted = await ActAsync(client, id, "submit");

        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        Assert.Equal("Подана", await StateAsync(client, id));
        var application = await App.WithDbAsync(db => db.Applications.AsNoTracking().SingleAsync(a => a.Id == id));
        Assert.Matches(@"^ATR-20\d\d-\d{6}$", application.Number);
        Assert.Equal(8_000_000.00m, application.RequestedGrant);
        var version = await App.WithDbAsync(db => db.ApplicationVersions.AsNoTracking().SingleAsync(v => v.ApplicationId == id));
        Assert.Equal(1, version.Number);
        Assert.Equal("Schaeffler AG", version.Content.Item.CurrentSupplier);
        Assert.True(await App.WithDbAsync(db => db.OutboxEmails.AnyAsync(e => e.To == "applicant1@grantportal.test" && e.Subject.Contains(application.Number!))));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/applications/{id}/item")).StatusCode); // read-only once submitted
    }

    [Theory]
    [InlineData("100 000 000,01", "0,00", "превышает максимум конкурса")]
    [InlineData("9 000 000,00", "1 000 000,00", "Софинансирование составляет 10 % бюджета; конкурс требует не менее 20 %")]
    [InlineData("0,00", "1 000 000,00", "Запрашиваемый грант должен быть больше нуля")]
    public async Task MoneyRules_KeepAnApplicationFromBeingSubmitted(string grant, string coFinancing, string message)
    {
        var client = await App.SignedInClientAsync("applicant1@grantportal.test", DemoData.Password);
        var id = await CreateDraftAsync(client);
        await FillCompletelyAsync(client, id, grant, coFinancing);

        var page = await client.GetStringAsync($"/applications/{id}");
        await ActAsync(client, id, "submit");

        Assert.Contains(message, WebUtility.HtmlDecode(page));
        Assert.Equal("Черновик", await StateAsync(client, id));
    }

    [Fact]
    public async Task AnAmountWithThreeDecimals_IsRefused_AndNothingIsSaved()
    {
        var client = await App.SignedInClientAsync("applicant1@grantportal.test", DemoData.Password);
        var id = await CreateDraftAsync(client);

        var response = await client.SubmitFormAsync($"/applications/{id}/item", new Dictionary<string, string>
        {
            ["Form.Name"] = "Новое имя", ["Form.AnnualImportValue"] = "1 000,005",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("не более двух знаков после запятой", await response.Content.ReadAsStringAsync());
        var content = (await App.WithDbAsync(db => db.Applications.AsNoTracking().SingleAsync(a => a.Id == id))).Content;
        Assert.Equal("", content.Item.Name);
    }

    [Fact]
    public async Task AnotherCompany_CannotSeeEditOrActOnTheApplication()
    {
        var owner = await App.SignedInClientAsync("applicant1@grantportal.test", DemoData.Password);
        var id = await CreateDraftAsync(owner);
        var other = await App.SignedInClientAsync("applicant2@grantportal.test", DemoData.Password);

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/applications/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/applications/{id}/project")).StatusCode);
        Assert.DoesNotContain(id.ToString(), await other.GetStringAsync("/applications"));
        var token = (await other.GetDocumentAsync("/applications")).QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        var withdraw = await other.PostAsync($"/applications/{id}/actions/withdraw", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["sequence"] = "1", ["idempotencyKey"] = "x",
        }));
        Assert.Equal(HttpStatusCode.NotFound, withdraw.StatusCode);
        Assert.Equal("Черновик", await StateAsync(owner, id));
    }

    [Fact]
    public async Task Submission_AfterTheCallClosed_IsRefusedWithAClearMessage()
    {
        var client = await App.SignedInClientAsync("applicant1@grantportal.test", DemoData.Password);
        var id = await CreateDraftAsync(client);
        await FillCompletelyAsync(client, id);
        await App.WithDbAsync(db => db.Calls.Where(c => c.Id == DemoData.CallId)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.ClosesAt, DateTime.UtcNow.AddMinutes(-1))));
        try
        {
            var page = await client.GetStringAsync($"/applications/{id}");

            Assert.Contains("Приём заявок на конкурс закрыт", page);
            await ActAsync(client, id, "submit");
            Assert.Equal("Черновик", await StateAsync(client, id));
        }
        finally
        {
            await App.WithDbAsync(db => db.Calls.Where(c => c.Id == DemoData.CallId)
                .ExecuteUpdateAsync(u => u.SetProperty(c => c.ClosesAt, DateTime.UtcNow.AddDays(30))));
        }
    }

    [Fact]
    public async Task ReturnedForRevision_TheApplicantEditsAndResubmits_AndBothVersionsAreKept()
    {
        var (id, applicant, officer) = await SubmittedAsync(App);

        await ActAsync(officer, id, "startFormalCheck");
        // Offered with a box for its required comment, not held back for the comment no one could type yet.
        var form = (await officer.GetDocumentAsync($"/applications/{id}")).QuerySelector($"form[action='/applications/{id}/actions/returnForRevision']")!;
        Assert.False(form.QuerySelector("button")!.HasAttribute("disabled"));
        Assert.True(form.QuerySelector("textarea[name='comment']")!.HasAttribute("required"));
        await ActAsync(officer, id, "returnForRevision", comment: "");
        Assert.Equal("Формальная проверка", await StateAsync(officer, id)); // a return needs a reason
        await ActAsync(officer, id, "returnForRevision", comment: "Уточните страну происхождения.");

        Assert.Equal("Возвращена на доработку", await StateAsync(applicant, id));
        Assert.Contains("Уточните страну происхождения.", await applicant.GetStringAsync($"/applications/{id}"));
        await SaveAsync(applicant, id, "item", new()
        {
            ["Form.Name"] = "Подшипник роликовый конический", ["Form.TnVedCode"] = "8482200009", ["Form.CountryOfOrigin"] = "Австрия",
            ["Form.CurrentSupplier"] = "Schaeffler AG", ["Form.AnnualImportVolume"] = "120 000 шт.", ["Form.AnnualImportValue"] = "45 000 000",
        });
        await ActAsync(applicant, id, "resubmit");

        Assert.Equal("Подана", await StateAsync(applicant, id));
        var versions = await App.WithDbAsync(db => db.ApplicationVersions.AsNoTracking().Where(v => v.ApplicationId == id).OrderBy(v => v.Number).ToListAsync());
        Assert.Equal(["Германия", "Австрия"], versions.Select(v => v.Content.Item.CountryOfOrigin));
        Assert.NotEqual(versions[0].ContentHash, versions[1].ContentHash);
    }

    [Fact]
    public async Task TheSameButtonPressedTwice_ActsOnce()
    {
        var client = await App.SignedInClientAsync("applicant1@grantportal.test", DemoData.Password);
        var id = await CreateDraftAsync(client);
        var page = await client.GetDocumentAsync($"/applications/{id}");

        var first = await client.SubmitFormAsync(page, new Dictionary<string, string>(), $"form[action='/applications/{id}/actions/withdraw']", $"/applications/{id}");
        var second = await client.SubmitFormAsync(page, new Dictionary<string, string>(), $"form[action='/applications/{id}/actions/withdraw']", $"/applications/{id}");

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal("Отозвана", await StateAsync(client, id));
        var subject = id.ToString();
        Assert.Equal(1, await App.WithDbAsync(db => db.Set<GrantPortal.Workflows.Persistence.WorkflowJournalEntry>()
            .CountAsync(j => j.Trigger == "withdraw" && db.Set<GrantPortal.Workflows.Persistence.WorkflowInstance>().Any(i => i.Id == j.InstanceId && i.SubjectId == subject))));
    }

    [Fact]
    public async Task TwoPeopleSavingTheSameDraft_TheSecondIsToldAndNothingIsLost()
    {
        var first = await App.SignedInClientAsync("applicant1@grantportal.test", DemoData.Password);
        var id = await CreateDraftAsync(first);
        var second = await App.SignedInClientAsync("applicant1@grantportal.test", DemoData.Password);
        var pageOfFirst = await first.GetDocumentAsync($"/applications/{id}/team");
        var pageOfSecond = await second.GetDocumentAsync($"/applications/{id}/team");

        await first.SubmitFormAsync(pageOfFirst, new Dictionary<string, string> { ["Form.Team"] = "Команда А" }, "main form", $"/applications/{id}/team");
        var conflict = await second.SubmitFormAsync(pageOfSecond, new Dictionary<string, string> { ["Form.Team"] = "Команда Б" }, "main form", $"/applications/{id}/team");

        Assert.Contains("её сохранил кто-то другой", await conflict.Content.ReadAsStringAsync());
        Assert.Equal("Команда А", (await App.WithDbAsync(db => db.Applications.AsNoTracking().SingleAsync(a => a.Id == id))).Content.Team);
    }
}
