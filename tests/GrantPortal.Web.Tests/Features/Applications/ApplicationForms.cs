using System.Net;
using GrantPortal.Testing;
using GrantPortal.Web.Tests.Features.Documents;
using GrantPortal.Web.Features.Demo;

namespace GrantPortal.Web.Tests.Features.Applications;

/// <summary>Fills the application form the way an applicant does, page by page.</summary>
internal static class ApplicationForms
{
    public static async Task<Guid> CreateDraftAsync(HttpClient client)
    {
        var page = await client.GetDocumentAsync("/applications/new");
        var response = await client.SubmitFormAsync(page, new Dictionary<string, string>(), "main form", "/applications/new");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        // Redirects to the first page of the form: /applications/{id}/item
        return Guid.Parse(response.Headers.Location!.OriginalString.Split('/')[2]);
    }

    public static async Task FillCompletelyAsync(HttpClient client, Guid id, string grant = "8 000 000,00", string coFinancing = "2 000 000,00")
    {
        await SaveAsync(client, id, "item", new()
        {
            ["Form.Name"] = "Подшипник роликовый конический",
            ["Form.TnVedCode"] = "8482 20 000 9",
            ["Form.CountryOfOrigin"] = "Германия",
            ["Form.CurrentSupplier"] = "Schaeffler AG",
            ["Form.AnnualImportVolume"] = "120 000 шт.",
            ["Form.AnnualImportValue"] = "45 000 000,00",
        });
        await SaveAsync(client, id, "project", new()
        {
            ["Form.Title"] = "Производство конических подшипников для вагонов",
            ["Form.Summary"] = "Разработка, испытания и запуск серийного производства.",
            ["Form.Sector"] = "Transport",
            ["Form.ReadinessNow"] = "4",
            ["Form.ReadinessTarget"] = "8",
        });
        await SaveAsync(client, id, "stages", new()
        {
            ["Form.Stages[0].Kind"] = "Prototype",
            ["Form.Stages[0].Start"] = "2027-02-01",
            ["Form.Stages[0].End"] = "2027-09-30",
            ["Form.Stages[0].Deliverables"] = "Опытный образец и конструкторская документация",
            ["Form.Stages[0].Lines[0].Item"] = "Оснастка",
            ["Form.Stages[0].Lines[0].GrantAmount"] = grant,
            ["Form.Stages[0].Lines[0].CoFinancingAmount"] = coFinancing,
        });
        await SaveAsync(client, id, "market", new()
        {
            ["Form.PlannedAnnualVolume"] = "150 000 шт.",
            ["Form.FirstDeliveries"] = "2028-03-01",
            ["Form.Buyers[0].Name"] = "АО «Вагонмаш»",
            ["Form.Buyers[0].Inn"] = "7707083893",
            ["Form.Buyers[0].Region"] = "66",
            ["Form.Buyers[0].HasLetterOfIntent"] = "true",
        });
        await SaveAsync(client, id, "team", new() { ["Form.Team"] = "Главный конструктор — 20 лет в подшипниковой отрасли." });
        await DocumentFiles.AttachRequiredAsync(client, id);
    }

    /// <summary>A complete application of the first demo company, submitted, with a client for its applicant and one for an officer.</summary>
    public static async Task<(Guid Id, HttpClient Applicant, HttpClient Officer)> SubmittedAsync(PortalAppFactory app)
    {
        var applicant = await app.SignedInClientAsync("applicant1@grantportal.test", DemoData.Password);
        var id = await CreateDraftAsync(applicant);
        await FillCompletelyAsync(applicant, id);
        await ActAsync(applicant, id, "submit");
        return (id, applicant, await app.SignedInClientAsync("officer1@grantportal.test", DemoData.Password));
    }

    public static async Task<HttpResponseMessage> SaveAsync(HttpClient client, Guid id, string section, Dictionary<string, string> fields)
    {
        var response = await client.SubmitFormAsync($"/applications/{id}/{section}", fields);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"saving {section} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return response;
    }

    /// <summary>Presses the action's button on the application page.</summary>
    public static async Task<HttpResponseMessage> ActAsync(HttpClient client, Guid id, string trigger, string? comment = null)
    {
        var page = await client.GetDocumentAsync($"/applications/{id}");
        var fields = comment is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["comment"] = comment };
        return await client.SubmitFormAsync(page, fields, $"form[action='/applications/{id}/actions/{trigger}']", $"/applications/{id}");
    }

    public static async Task<string> StateAsync(HttpClient client, Guid id) =>
        (await client.GetDocumentAsync($"/applications/{id}")).QuerySelector("#application-state")!.TextContent.Trim();
}
