using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using GrantPortal.Testing;
using GrantPortal.Web.Domain;
using GrantPortal.Web.Features.Demo;
using Microsoft.EntityFrameworkCore;
using static GrantPortal.Web.Tests.Features.Applications.ApplicationForms;
using static GrantPortal.Web.Tests.Features.Documents.DocumentFiles;

namespace GrantPortal.Web.Tests.Features.Documents;

/// <summary>Small limits, so that "too large" needs only kilobytes.</summary>
public sealed class SmallUploadLimitsFixture : PortalFixture
{
    public const int MaxFileBytes = 64 * 1024;

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Documents:MaxFileBytes"] = MaxFileBytes.ToString(),
        ["Documents:MaxApplicationBytes"] = (150 * 1024).ToString(),
        ["Documents:MaxFiles"] = "6",
    };
}

public sealed class DocumentUploadTests(SmallUploadLimitsFixture fixture) : IClassFixture<SmallUploadLimitsFixture>, IAsyncLifetime
{
    private PortalAppFactory App => fixture.App;

    public Task InitializeAsync() => App.WithServicesAsync(DemoData.SeedAsync);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task AnUploadedFile_IsStoredWithItsHash_AndTheCompanyDownloadsTheSameBytes()
    {
        var client = await App.SignedInClientAsync("applicant1@grantportal.test", DemoData.Password);
        var id = await CreateDraftAsync(client);
        var pdf = Pdf("бизнес-план");

        var response = await UploadAsync(client, id, "business-plan", "../Бизнес-план v2.PDF", pdf);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"/applications/{id}/documents", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("redirect").GetString());
        var document = await App.WithDbAsync(db => db.ApplicationDocuments.AsNoTracking().SingleAsync(d => d.ApplicationId == id));
        Assert.Equal(("Бизнес-план v2.pdf", DocumentKind.Pdf, pdf.Length, Convert.ToHexStringLower(SHA256.HashData(pdf))),
            (document.FileName, document.Kind, (int)document.Size, document.Sha256));
        var page = await client.GetStringAsync($"/applications/{id}/documents");
        Assert.Contains("Файл приложен.", page);
        Assert.Contains("Бизнес-план v2.pdf", page);

        var download = await client.GetAsync($"/applications/{id}/documents/{document.Id}");

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("Бизнес-план v2.pdf", download.Content.Headers.ContentDisposition.FileNameStar);
    }

    [Fact]
    public async Task TheUploadForm_WorksWithoutScript()
    {
        var client = await App.SignedInClientAsync("applicant1@grantportal.test", DemoData.Password);
        var id = await CreateDraftAsync(client);

        var response = await UploadAsync(client, id, "other", "scan.png", Png(), withScript: false);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/applications/{id}/documents", response.Headers.Location!.OriginalString);
        Assert.Equal(DocumentKind.Png, (await App.WithDbAsync(db => db.ApplicationDocuments.SingleAsync(d => d.ApplicationId == id))).Kind);
    }

    public static TheoryData<string, byte[], string> RefusedFiles => new()
    {
        { "plan.pdf", Executable(), "Принимаются только файлы PDF, DOCX, XLSX, PNG и JPEG" },
        { "plan.docx", Docx("word/vbaProject.bin"), "Принимаются только файлы PDF, DOCX, XLSX, PNG и JPEG" },
        { "big.pdf", [.. Pdf(), .. new byte[SmallUploadLimitsFixture.MaxFileBytes]], "Файл больше допустимого размера 64\u00A0КБ" },
        { "empty.pdf", [], "Файл пуст" },
    };

    [Theory]
    [MemberData(nameof(RefusedFiles))]
    public async Task ABadFile_IsRefusedWithAMessage_AndNothingIsStored(string fileName, byte[] content, string message)
    {
        var client = await App.SignedInClientAsync("applicant1@grantportal.test", DemoData.Password);
        var id = await CreateDraftAsync(client);

        var response = await UploadAsync(client, id, "business-plan", fileName, content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await ErrorOfAsync(response));
        Assert.False(await App.WithDbAsync(db => db.ApplicationDocuments.AnyAsync(d => d.ApplicationId == id)));
        Assert.Equal(0, await App.WithDbAsync(db => db.Database
            .SqlQuery<int>($"""SELECT count(*)::int AS "Value" FROM "ApplicationDocumentContents" c JOIN "ApplicationDocuments" d ON d."Id" = c."DocumentId" WHERE d."ApplicationId" = {id}""")
            .SingleAsync()));
    }

    [Fact]
    public async Task TheApplicationsLimits_AndAFileAttachedTwice_AreRefused()
    {
        var client = await App.SignedInClientAsync("applicant1@grantportal.test", DemoData.Password);
        var id = await CreateDraftAsync(client);
        var fifty = new byte[50 * 1024];
        Assert.True((await UploadAsync(client, id, "other", "a.pdf", [.. Pdf("a"), .. fifty])).IsSuccessStatusCode);
        Assert.True((await UploadAsync(client, id, "other", "b.pdf", [.. Pdf("b"), .. fifty])).IsSuccessStatusCode);

        var twice = await UploadAsync(client, id, "business-plan", "again.pdf", [.. Pdf("a"), .. fifty]);
        var overTotal = await UploadAsync(client, id, "other", "c.pdf", [.. Pdf("c"), .. fifty]);

        Assert.Equal("Этот файл уже приложен как a.pdf.", await ErrorOfAsync(twice));
        Assert.Equal("Все файлы заявки вместе могут занимать не более 150\u00A0КБ; занято 101\u00A0КБ.", await ErrorOfAsync(overTotal));
        Assert.Equal(2, await App.WithDbAsync(db => db.ApplicationDocuments.CountAsync(d => d.ApplicationId == id)));
    }

    [Fact]
    public async Task TwoUploadsAtOnce_CannotPassTheFileLimitTogether()
    {
        var client = await App.SignedInClientAsync("applicant1@grantportal.test", DemoData.Password);
        var id = await CreateDraftAsync(client);
        for (var i = 0; i < 5; i++)
        {
            Assert.True((await UploadAsync(client, id, "other", $"{i}.pdf", Pdf($"file {i}"))).IsSuccessStatusCode);
        }

        var answers = await Task.WhenAll(
            UploadAsync(client, id, "other", "x.pdf", Pdf("x")),
            UploadAsync(client, id, "other", "y.pdf", Pdf("y")));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.BadRequest], answers.Select(a => a.StatusCode).Order());
        Assert.Equal(6, await App.WithDbAsync(db => db.ApplicationDocuments.CountAsync(d => d.ApplicationId == id)));
    }

    [Fact]
    public async Task AnotherCompany_CannotDownloadUploadOrRemove_ButAnOfficerCanDownload()
    {
        var owner = await App.SignedInClientAsync("applicant1@grantportal.test", DemoData.Password);
        var id = await CreateDraftAsync(owner);
        await UploadAsync(owner, id, "business-plan", "plan.pdf", Pdf("secret"));
        var documentId = await App.WithDbAsync(db => db.ApplicationDocuments.Where(d => d.ApplicationId == id).Select(d => d.Id).SingleAsync());
        var other = await App.SignedInClientAsync("applicant2@grantportal.test", DemoData.Password);
        var expert = await App.SignedInClientAsync("expert1@grantportal.test", DemoData.Password);
        var officer = await App.SignedInClientAsync("officer1@grantportal.test", DemoData.Password);

        var download = await other.GetAsync($"/applications/{id}/documents/{documentId}");
        var upload = await UploadAsync(other, id, "other", "x.pdf", Pdf("intruder"));
        var token = (await other.GetDocumentAsync("/")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var remove = await other.PostAsync($"/applications/{id}/documents/{documentId}/remove",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.NotFound, download.StatusCode);
        Assert.DoesNotContain("secret", await download.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, upload.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, remove.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/applications/{id}/documents")).StatusCode);
        Assert.StartsWith("https://localhost/account/access-denied", (await expert.GetAsync($"/applications/{id}/documents/{documentId}")).Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync($"/applications/{id}/documents/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(Pdf("secret"), await officer.GetByteArrayAsync($"/applications/{id}/documents/{documentId}"));
        Assert.Equal(1, await App.WithDbAsync(db => db.ApplicationDocuments.CountAsync(d => d.ApplicationId == id)));
    }

    [Fact]
    public async Task Submission_NeedsEveryRequiredDocument()
    {
        var client = await App.SignedInClientAsync("applicant1@grantportal.test", DemoData.Password);
        var id = await CreateDraftAsync(client);
        await FillCompletelyAsync(client, id);
        var plan = await App.WithDbAsync(db => db.ApplicationDocuments.SingleAsync(d => d.ApplicationId == id && d.TypeCode == "business-plan"));
        await client.SubmitFormAsync($"/applications/{id}/documents", new Dictionary<string, string>(), $"form[action='/applications/{id}/documents/{plan.Id}/remove']");

        var page = await client.GetStringAsync($"/applications/{id}");
        await ActAsync(client, id, "submit");

        Assert.Contains("Приложите документ: Бизнес-план.", page);
        Assert.Equal("Черновик", await StateAsync(client, id));
        await UploadAsync(client, id, "business-plan", "plan.pdf", Pdf("new plan"));
        await ActAsync(client, id, "submit");
        Assert.Equal("Подана", await StateAsync(client, id));
        var version = await App.WithDbAsync(db => db.ApplicationVersions.AsNoTracking().SingleAsync(v => v.ApplicationId == id));
        Assert.Equal(4, version.Documents.Count);
        Assert.Contains(version.Documents, d => d.FileName == "plan.pdf" && d.TypeCode == "business-plan");
        Assert.False(await App.WithDbAsync(db => db.ApplicationDocuments.AnyAsync(d => d.Id == plan.Id))); // a draft's removed file goes for good
    }

    [Fact]
    public async Task OnceSubmitted_DocumentsAreFrozen_AndARevisionKeepsWhatTheFirstVersionListed()
    {
        var applicant = await App.SignedInClientAsync("applicant1@grantportal.test", DemoData.Password);
        var id = await CreateDraftAsync(applicant);
        await FillCompletelyAsync(applicant, id);
        await ActAsync(applicant, id, "submit");
        Assert.Equal(HttpStatusCode.NotFound, (await UploadAsync(applicant, id, "other", "late.pdf", Pdf("late"))).StatusCode);
        var officer = await App.SignedInClientAsync("officer1@grantportal.test", DemoData.Password);
        await ActAsync(officer, id, "startFormalCheck");
        await ActAsync(officer, id, "returnForRevision", comment: "Замените бизнес-план.");
        var oldPlan = await App.WithDbAsync(db => db.ApplicationDocuments.SingleAsync(d => d.ApplicationId == id && d.TypeCode == "business-plan"));

        await applicant.SubmitFormAsync($"/applications/{id}/documents", new Dictionary<string, string>(), $"form[action='/applications/{id}/documents/{oldPlan.Id}/remove']");
        await UploadAsync(applicant, id, "business-plan", "plan-v2.pdf", Pdf("plan v2"));
        await ActAsync(applicant, id, "resubmit");

        Assert.Equal("Подана", await StateAsync(applicant, id));
        var versions = await App.WithDbAsync(db => db.ApplicationVersions.AsNoTracking().Where(v => v.ApplicationId == id).OrderBy(v => v.Number).ToListAsync());
        Assert.Contains(versions[0].Documents, d => d.Id == oldPlan.Id);
        Assert.DoesNotContain(versions[1].Documents, d => d.Id == oldPlan.Id);
        Assert.Contains(versions[1].Documents, d => d.FileName == "plan-v2.pdf");
        Assert.NotNull((await App.WithDbAsync(db => db.ApplicationDocuments.AsNoTracking().SingleAsync(d => d.Id == oldPlan.Id))).RemovedAt);
        Assert.Equal(Pdf("business-plan"), await officer.GetByteArrayAsync($"/applications/{id}/documents/{oldPlan.Id}"));
    }

    private static async Task<string?> ErrorOfAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString();
}
