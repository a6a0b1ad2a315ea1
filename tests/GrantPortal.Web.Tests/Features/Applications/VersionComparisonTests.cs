using System.Net;
using GrantPortal.Testing;
using GrantPortal.Web.Features.Demo;
using static GrantPortal.Web.Tests.Features.Applications.ApplicationForms;

namespace GrantPortal.Web.Tests.Features.Applications;

public sealed class VersionComparisonTests(PortalFixture fixture) : IClassFixture<PortalFixture>, IAsyncLifetime
{
    private const string Title = "Производство конических подшипников для вагонов";
    private const string NewTitle = "Производство конических подшипников для грузовых вагонов";

    private PortalAppFactory App => fixture.App;

    public Task InitializeAsync() => App.WithServicesAsync(DemoData.SeedAsync);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Officer_SeesExactlyWhatTheApplicantChanged_WhenResubmitting()
    {
        var (id, officer) = await ResubmittedApplicationAsync();

        var page = await officer.GetDocumentAsync($"/applications/{id}/versions/compare");

        Assert.Equal(["Проект", "Этапы и бюджет"], page.QuerySelectorAll("#changes th[scope=rowgroup]").Select(h => h.TextContent));
        Assert.Equal(
            [
                ("Название проекта", "изменено", Title, NewTitle),
                ("Этап 1, статья 1: грант", "изменено", "8\u00A0000\u00A0000,00\u00A0₽", "7\u00A0500\u00A0000,00\u00A0₽"),
                ("Этап 1, статья 2: наименование", "добавлено", "", "Испытательный стенд"),
                ("Этап 1, статья 2: грант", "добавлено", "", "500\u00A0000,00\u00A0₽"),
                ("Этап 1, статья 2: софинансирование", "добавлено", "", "250\u00A0000,00\u00A0₽"),
                // The requested grant is still 8 000 000,00: unchanged totals are not listed.
                ("Софинансирование", "изменено", "2\u00A0000\u00A0000,00\u00A0₽", "2\u00A0250\u00A0000,00\u00A0₽"),
            ],
            page.QuerySelectorAll("#changes tr[class^=change-]").Select(row => (
                row.QuerySelector(".change-field")!.TextContent,
                row.QuerySelector(".badge")!.TextContent,
                row.QuerySelector(".diff-before")!.TextContent,
                row.QuerySelector(".diff-after")!.TextContent)));
        var title = page.QuerySelector("#changes tr[class^=change-]")!;
        Assert.Equal(["грузовых "], title.QuerySelectorAll("ins.diff-added").Select(i => i.TextContent));
        Assert.Empty(title.QuerySelectorAll("del"));
        Assert.Equal("Изменения от версии 1 к версии 2", page.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task ApplicationPage_CountsTheChanges_AndLinksToThem()
    {
        var (id, officer) = await ResubmittedApplicationAsync();

        var page = await officer.GetDocumentAsync($"/applications/{id}");

        var link = page.QuerySelector("#versions a.version-changes")!;
        Assert.Equal("Изменено полей: 6", link.TextContent);
        Assert.Equal($"/applications/{id}/versions/compare?from=1&to=2", link.GetAttribute("href"));
        Assert.Equal(
            [$"/applications/{id}/versions/1", $"/applications/{id}/versions/2"],
            page.QuerySelectorAll("#versions a:not(.version-changes)").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public async Task AFrozenVersion_ReadsAsSubmitted_AfterTheDraftMovedOn()
    {
        var (id, officer) = await ResubmittedApplicationAsync();
        var applicant = await App.SignedInClientAsync("applicant1@grantportal.test", DemoData.Password);

        foreach (var reader in new[] { officer, applicant })
        {
            var first = await reader.GetDocumentAsync($"/applications/{id}/versions/1");
            var values = first.QuerySelectorAll("dt").Zip(first.QuerySelectorAll("dd"), (dt, dd) => (dt.TextContent, dd.TextContent)).ToList();
            Assert.Contains(("Название проекта", Title), values);
            Assert.Contains(("Этап 1, статья 1: грант", "8\u00A0000\u00A0000,00\u00A0₽"), values);
            Assert.Contains(("Этап 1: начало", "01.02.2027"), values);
            Assert.Contains(("Покупатель 1: регион", "Свердловская область"), values);
            Assert.Contains(("Покупатель 1: письмо о намерениях", "Да"), values);
            Assert.DoesNotContain(values, v => v.Item1.StartsWith("Этап 1, статья 2", StringComparison.Ordinal));
        }

        var second = await officer.GetStringAsync($"/applications/{id}/versions/2");
        Assert.Contains("Испытательный стенд", second);
    }

    [Fact]
    public async Task TheApplicantsCompany_MayCompare_AnotherCompanyAndExpertsMayNot()
    {
        var (id, _) = await ResubmittedApplicationAsync();
        var applicant = await App.SignedInClientAsync("applicant1@grantportal.test", DemoData.Password);
        var stranger = await App.SignedInClientAsync("applicant2@grantportal.test", DemoData.Password);
        var expert = await App.SignedInClientAsync("expert1@grantportal.test", DemoData.Password);

        Assert.Equal(HttpStatusCode.OK, (await applicant.GetAsync($"/applications/{id}/versions/compare")).StatusCode);
        foreach (var url in new[] { $"/applications/{id}/versions/compare", $"/applications/{id}/versions/1" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(url)).StatusCode);
            var refused = await expert.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.StartsWith("https://localhost/account/access-denied", refused.Headers.Location!.ToString());
        }
    }

    [Theory]
    [InlineData("versions/compare?from=0&to=2")]
    [InlineData("versions/compare?from=1&to=3")]
    [InlineData("versions/compare?from=abc")]
    [InlineData("versions/compare?to=99999999999")]
    [InlineData("versions/compare?to=1")] // nothing before the first version
    [InlineData("versions/3")]
    [InlineData("versions/0")]
    [InlineData("versions/-1")]
    [InlineData("versions/99999999999")]
    public async Task VersionsThatDoNotExist_AreNotFound(string path)
    {
        var (id, officer) = await ResubmittedApplicationAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/applications/{id}/{path}")).StatusCode);
    }

    [Fact]
    public async Task ADraftNeverSubmitted_HasNothingToCompare()
    {
        var applicant = await App.SignedInClientAsync("applicant1@grantportal.test", DemoData.Password);
        var id = await CreateDraftAsync(applicant);

        Assert.Equal(HttpStatusCode.NotFound, (await applicant.GetAsync($"/applications/{id}/versions/compare")).StatusCode);
    }

    /// <summary>
    /// Submitted, returned by an officer, and resubmitted with a new title, a smaller first budget line and a second
    /// line in stage 1.
    /// </summary>
    private async Task<(Guid Id, HttpClient Officer)> ResubmittedApplicationAsync()
    {
        var (id, applicant, officer) = await SubmittedAsync(App);
        await ActAsync(officer, id, "startFormalCheck");
        await ActAsync(officer, id, "returnForRevision", comment: "Уточните бюджет.");

        await SaveAsync(applicant, id, "project", new()
        {
            ["Form.Title"] = NewTitle,
            ["Form.Summary"] = "Разработка, испытания и запуск серийного производства.",
            ["Form.Sector"] = "Transport",
        });
        await SaveAsync(applicant, id, "stages", new()
        {
            ["Form.Stages[0].Kind"] = "Prototype",
            ["Form.Stages[0].Deliverables"] = "Опытный образец и конструкторская документация",
            ["Form.Stages[0].Lines[0].GrantAmount"] = "7 500 000,00",
            ["Form.Stages[0].Lines[1].Item"] = "Испытательный стенд",
            ["Form.Stages[0].Lines[1].GrantAmount"] = "500 000",
            ["Form.Stages[0].Lines[1].CoFinancingAmount"] = "250 000,00",
        });
        await ActAsync(applicant, id, "resubmit");
        Assert.Equal("Подана", await StateAsync(officer, id));
        return (id, officer);
    }
}
