using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using GrantPortal.Testing;
using GrantPortal.Web.Domain;
using GrantPortal.Web.Features.Decisions;
using GrantPortal.Web.Features.Demo;
using GrantPortal.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static GrantPortal.Web.Tests.Features.Applications.ApplicationForms;
using static GrantPortal.Web.Tests.Features.Decisions.DecisionSteps;

namespace GrantPortal.Web.Tests.Features.Decisions;

public sealed class DecisionPdfIssueTests(PortalFixture fixture) : IClassFixture<PortalFixture>, IAsyncLifetime
{
    private PortalAppFactory App => fixture.App;

    public Task InitializeAsync() => App.WithServicesAsync(DemoData.SeedAsync);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task AnApproval_IsIssuedOnce_AsAPdfTheApplicantDownloads_AndAnyoneCanVerify()
    {
        var (id, officer) = await InDecisionAsync(App);
        await DecideAsync(App, officer, id, "approve", new() { ["amount"] = "7 500 000,00", ["conditions"] = "Отчёт по этапу 1 до 01.10.2027." });

        Assert.Equal(1, await IssueAsync());
        Assert.Equal(0, await IssueAsync());

        Assert.Equal("Решение выдано", await StateAsync(officer, id));
        var decision = await App.WithDbAsync(db => db.Decisions.AsNoTracking().SingleAsync(d => d.ApplicationId == id));
        var applicant = await App.SignedInClientAsync("applicant1@grantportal.test", DemoData.Password);
        var pdf = await applicant.GetByteArrayAsync($"/applications/{id}/decision.pdf");
        var subject = id.ToString();
        Assert.Equal(decision.PdfSha256, Convert.ToHexStringLower(SHA256.HashData(pdf)));
        var text = Poppler.Text(pdf);
        Assert.Contains("семь миллионов пятьсот тысяч рублей 00 копеек", text);
        Assert.Contains(decision.VerificationCode!, text);
        Assert.Contains("Отчёт по этапу 1 до 01.10.2027.", text);
        Assert.Contains("Скачать решение (PDF)", await applicant.GetStringAsync($"/applications/{id}"));
        Assert.True(await App.WithDbAsync(db => db.OutboxEmails.AnyAsync(e => e.To == "applicant1@grantportal.test" && e.Subject.Contains("Решение выдано"))));
        Assert.False(await App.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Kind == AuditKind.DecisionPdfDownloaded && e.SubjectId == subject)));
        Assert.Equal(pdf, await officer.GetByteArrayAsync($"/applications/{id}/decision.pdf"));
        Assert.True(await App.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Kind == AuditKind.DecisionPdfDownloaded && e.SubjectId == subject)));
        var other = await App.SignedInClientAsync("applicant2@grantportal.test", DemoData.Password);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/applications/{id}/decision.pdf")).StatusCode);

        var anonymous = App.CreatePortalClient();
        var page = await anonymous.GetStringAsync($"/verify/{decision.VerificationCode}");
        Assert.Contains(decision.PdfSha256!, page);
        Assert.Contains("ООО «Уральские подшипники»", page);
        Assert.Contains("в точности совпадает", await CheckAsync(anonymous, decision.VerificationCode!, pdf));
        var changed = pdf.ToArray();
        changed[^10] ^= 1;
        Assert.Contains("НЕ совпадает", await CheckAsync(anonymous, decision.VerificationCode!, changed));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/verify/NOSUCHCODE22")).StatusCode);
    }

    [Fact]
    public async Task AnIssueThatFailsHalfWay_KeepsNothing_AndIsDoneOnceLater()
    {
        var (id, officer) = await InDecisionAsync(App);
        await DecideAsync(App, officer, id, "reject", new() { ["reasons"] = "Спрос не подтверждён: письма о намерениях не содержат объёмов." });
        var subject = id.ToString();
        // The workflow refuses to issue from any state but Approved or Rejected: the PDF made before that must not stay.
        await App.WithDbAsync(db => db.Set<WorkflowInstance>().Where(i => i.SubjectId == subject).ExecuteUpdateAsync(u => u.SetProperty(i => i.State, "Decision")));

        Assert.Equal(0, await IssueAsync());

        var decision = await App.WithDbAsync(db => db.Decisions.AsNoTracking().SingleAsync(d => d.ApplicationId == id));
        Assert.Null(decision.PdfSha256);
        Assert.True(decision.PdfRequestedAt > DateTime.UtcNow.AddSeconds(30)); // put off
        Assert.False(await App.WithDbAsync(db => db.Set<DecisionPdfFile>().AnyAsync(f => f.DecisionId == decision.Id)));

        await App.WithDbAsync(db => db.Set<WorkflowInstance>().Where(i => i.SubjectId == subject).ExecuteUpdateAsync(u => u.SetProperty(i => i.State, "Rejected")));
        await App.WithDbAsync(db => db.Decisions.Where(d => d.Id == decision.Id).ExecuteUpdateAsync(u => u.SetProperty(d => d.PdfRequestedAt, DateTime.UtcNow.AddSeconds(-1))));
        var runs = await Task.WhenAll(IssueAsync(), IssueAsync());

        Assert.Equal(1, runs.Sum());
        Assert.Equal("Решение выдано", await StateAsync(officer, id));
        Assert.Equal(1, await App.WithDbAsync(db => db.Set<DecisionPdfFile>().CountAsync(f => f.DecisionId == decision.Id)));
    }

    private async Task<int> IssueAsync()
    {
        var issued = 0;
        await App.WithServicesAsync(async services => issued = await services.GetRequiredService<IssueDecisionPdfs>().IssueDueAsync());
        return issued;
    }

    private static async Task<string> CheckAsync(HttpClient client, string code, byte[] pdf)
    {
        var token = (await client.GetDocumentAsync($"/verify/{code}")).QuerySelector("form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var file = new ByteArrayContent(pdf);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { file, "file", "decision.pdf" } };
        return await (await client.PostAsync($"/verify/{code}", form)).Content.ReadAsStringAsync();
    }
}
