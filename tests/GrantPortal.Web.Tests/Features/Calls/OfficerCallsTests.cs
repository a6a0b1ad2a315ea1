using System.Net;
using GrantPortal.Testing;
using GrantPortal.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace GrantPortal.Web.Tests.Features.Calls;

public sealed class OfficerCallsTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private const string NewCall = "/officer/calls/new";

    private PortalAppFactory App => fixture.App;

    [Fact]
    public async Task Officer_CreatesACall_AndItAppearsPublicly()
    {
        var (client, officer) = await OfficerClientAsync();
        var title = UniqueTitle();

        var response = await client.PostAsync(NewCall, NewCall, CallFormPosts.ValidCall(title)
            .With(("MaxGrant", "100\u00A0000\u00A0000,00"), ("TotalBudget", "1500000000.00")));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var call = await App.WithDbAsync(db => db.Calls.SingleAsync(c => c.TitleRu == title));
        Assert.Equal($"/officer/calls/{call.Id}", response.Headers.Location!.OriginalString);
        Assert.Equal(GrantCall.GrantCeiling, call.MaxGrant);
        Assert.Equal(1_500_000_000.00m, call.TotalBudget);
        Assert.Equal(0.2m, call.MinCoFinancingShare);
        Assert.Equal([StageKind.Prototype, StageKind.Tests, StageKind.ProductionLaunch], call.AllowedStageKinds);
        Assert.Equal(4, call.Sectors.Count);
        Assert.Equal(["technology", "import-substitution", "demand", "capacity", "budget"], call.Criteria.Select(c => c.Code));
        Assert.Equal(3.5m, call.Criteria[4].Threshold);
        Assert.Equal(["business-plan", "feasibility-study"], call.RequiredDocumentTypes.Select(d => d.Code));
        Assert.Equal(officer.Id, call.CreatedById);

        var visitor = App.CreatePortalClient();
        Assert.Contains(title, await visitor.GetStringAsync("/calls"));
        var page = WebUtility.HtmlDecode(await visitor.GetStringAsync($"/calls/{call.Id}"));
        Assert.Contains("Технико-экономическое обоснование", page);
        Assert.Contains("Подтверждённый спрос и рынок", page);
        Assert.Contains("100\u00A0000\u00A0000,00\u00A0₽", page);
        Assert.Contains(title, await client.GetStringAsync("/officer/calls"));
    }

    public static TheoryData<string, string, string> RefusedValues => new()
    {
        { "MaxGrant", "100000000,01", "Максимальный грант не может превышать 100\u00A0000\u00A0000,00\u00A0₽ — предел программы." },
        { "MaxGrant", "1000000,001", "Введите сумму в рублях, не более двух знаков после запятой (копейки)." },
        { "TotalBudget", "49999999,99", "Бюджет конкурса не может быть меньше максимального гранта." },
        { "ClosesAt", "2031-02-28T18:00", "Конкурс должен закрываться позже, чем открывается." },
        { "Criteria[4].Weight", "20", "Сумма весов критериев должна быть равна 100 %; сейчас она равна 105 %." },
        { "Criteria[1].Code", "technology", "У двух критериев одинаковый код: у каждого критерия должен быть свой." },
        { "ExpertsPerApplication", "6", "Каждую заявку оценивают от 1 до 5 экспертов." },
        { "Criteria[0].Threshold", "11", "Порог должен быть от 0 до максимальной оценки по критерию." },
    };

    [Theory]
    [MemberData(nameof(RefusedValues))]
    public async Task Create_IsRefused_WithARussianMessage_AndSavesNothing(string field, string value, string message)
    {
        var (client, _) = await OfficerClientAsync();
        var title = UniqueTitle();

        var response = await client.PostAsync(NewCall, NewCall, CallFormPosts.ValidCall(title).With((field, value)));

        await AssertRefusedAsync(response, message);
        Assert.False(await App.WithDbAsync(db => db.Calls.AnyAsync(c => c.TitleRu == title)));
    }

    [Fact]
    public async Task Create_IsRefused_WithoutASector()
    {
        var (client, _) = await OfficerClientAsync();
        var title = UniqueTitle();

        var response = await client.PostAsync(NewCall, NewCall, CallFormPosts.ValidCall(title).Without("Sectors"));

        await AssertRefusedAsync(response, "Выберите хотя бы одну отрасль.");
        Assert.False(await App.WithDbAsync(db => db.Calls.AnyAsync(c => c.TitleRu == title)));
    }

    [Fact]
    public async Task Create_IsRefused_WithoutACriterion()
    {
        var (client, _) = await OfficerClientAsync();
        var title = UniqueTitle();
        var fields = CallFormPosts.ValidCall(title).Where(f => !f.Key.StartsWith("Criteria[", StringComparison.Ordinal)).ToList();

        var response = await client.PostAsync(NewCall, NewCall, fields);

        await AssertRefusedAsync(response, "Добавьте хотя бы один критерий оценки.");
        Assert.False(await App.WithDbAsync(db => db.Calls.AnyAsync(c => c.TitleRu == title)));
    }

    [Fact]
    public async Task Create_IsRefused_WhenANumberIsNotANumber()
    {
        var (client, _) = await OfficerClientAsync();
        var title = UniqueTitle();

        var response = await client.PostAsync(NewCall, NewCall, CallFormPosts.ValidCall(title).With(("TotalBudget", "1,000,000")));

        await AssertRefusedAsync(response, "Введите сумму в рублях цифрами, например 50000000,00.");
        Assert.False(await App.WithDbAsync(db => db.Calls.AnyAsync(c => c.TitleRu == title)));
    }

    [Fact]
    public async Task MoscowTime_IsStoredAsUtc_AndShownAsEntered()
    {
        var (client, _) = await OfficerClientAsync();
        var title = UniqueTitle();

        await client.PostAsync(NewCall, NewCall, CallFormPosts.ValidCall(title).With(("ClosesAt", "2031-04-15T18:00")));

        var call = await App.WithDbAsync(db => db.Calls.SingleAsync(c => c.TitleRu == title));
        Assert.Equal(new DateTime(2031, 4, 15, 15, 0, 0, DateTimeKind.Utc), call.ClosesAt);
        Assert.Equal(new DateTime(2031, 3, 1, 6, 0, 0, DateTimeKind.Utc), call.OpensAt);
        var edit = await client.GetDocumentAsync($"/officer/calls/{call.Id}/edit");
        Assert.Equal("2031-04-15T18:00", edit.QuerySelector("input[name=ClosesAt]")!.GetAttribute("value"));
        Assert.Contains("15.04.2031 18:00 МСК", await App.CreatePortalClient().GetStringAsync($"/calls/{call.Id}"));
    }

    [Fact]
    public async Task UpcomingCall_RulesCanStillChange()
    {
        var (client, _) = await OfficerClientAsync();
        var call = await AddCallAsync(opensIn: TimeSpan.FromDays(3));
        var edit = $"/officer/calls/{call.Id}/edit";

        var response = await client.PostAsync(edit, edit, CallFormPosts.ValidCall(call.TitleRu).With(("MaxGrant", "30000000")));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(30_000_000m, (await ReloadAsync(call.Id)).MaxGrant);
    }

    [Fact]
    public async Task OpenedCall_ShowsItsRulesDisabled()
    {
        var (client, _) = await OfficerClientAsync();
        var call = await AddCallAsync(opensIn: TimeSpan.FromDays(-1));

        var edit = await client.GetDocumentAsync($"/officer/calls/{call.Id}/edit");

        Assert.NotNull(edit.QuerySelector("fieldset[disabled] input[name=MaxGrant]"));
        Assert.NotNull(edit.QuerySelector("fieldset[disabled] input[name=OpensAt]"));
        Assert.Null(edit.QuerySelector("fieldset[disabled] input[name=ClosesAt]"));
        Assert.Null(edit.QuerySelector("fieldset[disabled] input[name=TitleRu]"));
    }

    [Fact]
    public async Task OpenedCall_RefusesAChangedMaxGrant_AndChangesNothing()
    {
        var (client, _) = await OfficerClientAsync();
        var call = await AddCallAsync(opensIn: TimeSpan.FromDays(-1));
        var edit = $"/officer/calls/{call.Id}/edit";

        // Every field the page has, disabled or not, with the grant limit changed: as a crafted request would send it.
        var response = await client.SubmitFormAsync(edit, new Dictionary<string, string>
        {
            ["MaxGrant"] = "90000000,00", ["TitleRu"] = call.TitleRu + " (изменено)",
            ["DescriptionRu"] = call.DescriptionRu, ["DescriptionEn"] = call.DescriptionEn,
        });

        await AssertRefusedAsync(response, "Конкурс уже открыт, поэтому его правила заморожены: это изменить нельзя.");
        var stored = await ReloadAsync(call.Id);
        Assert.Equal(call.MaxGrant, stored.MaxGrant);
        Assert.Equal(call.TitleRu, stored.TitleRu);
    }

    [Fact]
    public async Task OpenedCall_AcceptsTheUnchangedRules_AsTheFormShowsThem()
    {
        var (client, _) = await OfficerClientAsync();
        var call = await AddCallAsync(opensIn: TimeSpan.FromDays(-1));
        var edit = $"/officer/calls/{call.Id}/edit";

        var response = await client.SubmitFormAsync(edit, new Dictionary<string, string>
        {
            ["TitleRu"] = call.TitleRu + " (уточнено)", ["DescriptionRu"] = call.DescriptionRu, ["DescriptionEn"] = call.DescriptionEn,
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await ReloadAsync(call.Id);
        Assert.Equal(call.TitleRu + " (уточнено)", stored.TitleRu);
        Assert.Equal(call.OpensAt, stored.OpensAt);
        Assert.Equal(call.Criteria, stored.Criteria);
    }

    [Fact]
    public async Task OpenedCall_ClosingTimeCanBeExtended_ButNotBroughtForward()
    {
        var (client, _) = await OfficerClientAsync();
        var call = await AddCallAsync(opensIn: TimeSpan.FromDays(-1));
        var edit = $"/officer/calls/{call.Id}/edit";
        var closesMoscow = call.ClosesAt.AddHours(3);
        // What a browser sends: the disabled rules are left out.
        List<KeyValuePair<string, string>> Fields(DateTime closesAt) =>
        [
            new("TitleRu", call.TitleRu), new("TitleEn", call.TitleEn),
            new("DescriptionRu", call.DescriptionRu), new("DescriptionEn", call.DescriptionEn),
            new("ClosesAt", closesAt.ToString("yyyy-MM-ddTHH:mm")),
        ];

        var shortened = await client.PostAsync(edit, edit, Fields(closesMoscow.AddDays(-1)));
        await AssertRefusedAsync(shortened, "Конкурс уже открыт: срок окончания приёма можно продлить, но не сократить.");
        Assert.Equal(call.ClosesAt, (await ReloadAsync(call.Id)).ClosesAt);
        var refusedPage = await shortened.ParseAsync();
        Assert.Equal("50000000,00", refusedPage.QuerySelector("input[name=MaxGrant]")!.GetAttribute("value"));
        Assert.Equal("technology", refusedPage.QuerySelector("input[name='Criteria[0].Code']")!.GetAttribute("value"));

        var extended = await client.PostAsync(edit, edit, Fields(closesMoscow.AddDays(7)));
        Assert.Equal(HttpStatusCode.Redirect, extended.StatusCode);
        var stored = await ReloadAsync(call.Id);
        Assert.Equal(call.ClosesAt.AddDays(7), stored.ClosesAt);
        Assert.Equal(call.MaxGrant, stored.MaxGrant);
        Assert.Equal(call.Criteria, stored.Criteria);
    }

    [Fact]
    public async Task UnknownCall_IsNotFound()
    {
        var (client, _) = await OfficerClientAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/officer/calls/{Guid.NewGuid()}/edit")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await App.CreatePortalClient().GetAsync($"/calls/{Guid.NewGuid()}")).StatusCode);
    }

    private static string UniqueTitle() => $"Конкурс {Guid.NewGuid():N}";

    private async Task<(HttpClient Client, PortalUser Officer)> OfficerClientAsync()
    {
        var officer = await App.CreateUserAsync(Roles.Officer, demo: true);
        var client = App.CreatePortalClient();
        await client.LoginAsync(officer.Email!);
        return (client, officer);
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string message)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    private Task<GrantCall> ReloadAsync(Guid id) => App.WithDbAsync(db => db.Calls.AsNoTracking().SingleAsync(c => c.Id == id));

    /// <summary>A call on the hour (as the form enters them), opening <paramref name="opensIn"/> from now.</summary>
    private async Task<GrantCall> AddCallAsync(TimeSpan opensIn)
    {
        var hour = DateTime.UtcNow.Date.AddHours(DateTime.UtcNow.Hour);
        var call = new GrantCall
        {
            Id = Guid.NewGuid(),
            TitleRu = UniqueTitle(), TitleEn = "Call", DescriptionRu = "Описание", DescriptionEn = "Description",
            AllowedStageKinds = [StageKind.Prototype, StageKind.Tests],
            Sectors = [Sector.Industry],
            MaxGrant = 50_000_000m, TotalBudget = 500_000_000m, MinCoFinancingShare = 0.25m,
            OpensAt = hour + opensIn, ClosesAt = hour + opensIn + TimeSpan.FromDays(30),
            Criteria =
            [
                new() { Code = "technology", NameRu = "Технологии", NameEn = "Technology", Weight = 60m, MaxScore = 10, Threshold = 5m },
                new() { Code = "demand", NameRu = "Спрос", NameEn = "Demand", Weight = 40m, MaxScore = 10, Threshold = 4.5m },
            ],
            RequiredDocumentTypes = [new() { Code = "business-plan", NameRu = "Бизнес-план", NameEn = "Business plan" }],
            CreatedAt = DateTime.UtcNow,
        };
        await App.WithDbAsync(async db =>
        {
            db.Calls.Add(call);
            return await db.SaveChangesAsync();
        });
        return call;
    }
}
