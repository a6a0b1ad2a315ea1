using System.Net;
using AngleSharp.Html.Dom;
using GrantPortal.Testing;
using GrantPortal.Web.Domain;
using GrantPortal.Web.Features.Applications;
using GrantPortal.Web.Features.Demo;
using Microsoft.EntityFrameworkCore;

namespace GrantPortal.Web.Tests.Features.Applications;

public sealed class CallApplicationListTests(PortalFixture fixture) : IClassFixture<PortalFixture>, IAsyncLifetime
{
    private static readonly Guid CompanyA = Guid.Parse("b0000000-0000-0000-0000-00000000000a");
    private static readonly Guid CompanyB = Guid.Parse("b0000000-0000-0000-0000-00000000000b");

    // One call with applications of every kind the filters tell apart; each title says what it is.
    private static readonly Seed[] Mixed =
    [
        new("Подшипники Урал", "Submitted", "66", Sector.Transport, 8_000_000.00m, CompanyA),
        new("Композиты Самара", "FormalCheck", "63", Sector.Industry, 50_000_000.00m, CompanyB),
        new("Турбины Москва", "RevisionRequested", "77", Sector.Energy, 99_999_999.99m, CompanyA),
        new("Мосты Урал", "Withdrawn", "66", Sector.Infrastructure, 1_000_000.00m, CompanyB),
        new("Кабели Урал", "Submitted", "66", Sector.Energy, 8_000_000.01m, CompanyA),
        new("Черновик Урал", "Draft", "66", Sector.Transport, 5_000_000.00m, CompanyA, Submitted: false),
        new("Черновик закрыт", "Withdrawn", "66", Sector.Transport, 5_000_000.00m, CompanyB, Submitted: false),
    ];

    private PortalAppFactory App => fixture.App;

    public Task InitializeAsync() => App.WithServicesAsync(DemoData.SeedAsync);

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("", "Кабели Урал|Композиты Самара|Мосты Урал|Подшипники Урал|Турбины Москва")]
    [InlineData("status=Submitted", "Кабели Урал|Подшипники Урал")]
    [InlineData("status=Withdrawn", "Мосты Урал")]
    [InlineData("region=66", "Кабели Урал|Мосты Урал|Подшипники Урал")]
    [InlineData("sector=Energy", "Кабели Урал|Турбины Москва")]
    [InlineData("from=8+000+000%2C01", "Кабели Урал|Композиты Самара|Турбины Москва")]
    [InlineData("to=8000000.00", "Мосты Урал|Подшипники Урал")]
    [InlineData("from=1+000+000&to=50+000+000,00", "Кабели Урал|Композиты Самара|Мосты Урал|Подшипники Урал")]
    [InlineData("q=урал", "Кабели Урал|Мосты Урал|Подшипники Урал")]
    [InlineData("q=ПОДШИПНИКИ+у", "Подшипники Урал")]
    [InlineData("q=ATR-TEST-0003", "Турбины Москва")]
    [InlineData("q=atr-test-0003", "Турбины Москва")]
    [InlineData("q=%25", "")]
    [InlineData("from=9+000+000+000+000+000,00", "")] // beyond what the column holds: simply nothing
    [InlineData("status=Submitted&region=66&sector=Transport", "Подшипники Урал")]
    public async Task EachFilter_NarrowsTheList_ToSubmittedApplicationsThatMatch(string query, string expected)
    {
        var callId = await SeedCallAsync(Mixed);
        var officer = await App.SignedInClientAsync("officer1@grantportal.test", DemoData.Password);

        var page = await officer.GetDocumentAsync($"/officer/calls/{callId}/applications?{query}");

        Assert.Equal(expected.Split('|', StringSplitOptions.RemoveEmptyEntries), Titles(page).Order());
    }

    [Fact]
    public async Task TheSummary_CountsEachStatus_WithoutDrafts_AndEachCountLinksToItsFilter()
    {
        var callId = await SeedCallAsync(Mixed);
        var officer = await App.SignedInClientAsync("officer1@grantportal.test", DemoData.Password);

        var page = await officer.GetDocumentAsync($"/officer/calls/{callId}/applications?sector=Energy");

        var summary = page.QuerySelector("#state-summary")!;
        Assert.Contains("Все поданные 5", Normalized(summary.QuerySelector("a")!.TextContent));
        Assert.Equal("Подана 2", Normalized(summary.QuerySelector("a[data-state='Submitted']")!.TextContent));
        Assert.Equal("Отозвана 1", Normalized(summary.QuerySelector("a[data-state='Withdrawn']")!.TextContent));
        Assert.Equal("Экспертиза 0", Normalized(summary.QuerySelector("a[data-state='ExpertReview']")!.TextContent));
        Assert.Null(summary.QuerySelector("a[data-state='Draft']"));
        Assert.Equal($"/officer/calls/{callId}/applications?status=Submitted&sector=Energy",
            summary.QuerySelector("a[data-state='Submitted']")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Paging_ShowsFiftyAPage_WithTheTotal_AndPageLinksKeepTheFilters()
    {
        var seeds = Enumerable.Range(1, 120)
            .Select(i => new Seed($"Проект {i:D3}", "Submitted", "66", i % 2 == 0 ? Sector.Energy : Sector.Industry, i * 1_000m, CompanyA))
            .ToArray();
        var callId = await SeedCallAsync(seeds);
        var officer = await App.SignedInClientAsync("officer1@grantportal.test", DemoData.Password);
        var url = $"/officer/calls/{callId}/applications";

        var first = await officer.GetDocumentAsync(url);
        var third = await officer.GetDocumentAsync($"{url}?page=3");
        var energy = await officer.GetDocumentAsync($"{url}?sector=Energy&sort=amount-desc&page=2");
        var beyond = await officer.GetDocumentAsync($"{url}?page=99");
        var notANumber = await officer.GetAsync($"{url}?page=abc");

        Assert.Equal(50, Titles(first).Count);
        Assert.Equal("Проект 120", Titles(first)[0]); // newest submission first
        Assert.Equal("Заявки 1–50 из 120", Normalized(first.QuerySelector("#application-count")!.TextContent));
        Assert.Equal(20, Titles(third).Count);
        Assert.Equal("Заявки 101–120 из 120", Normalized(third.QuerySelector("#application-count")!.TextContent));
        Assert.Equal(["1", "2", "3", "Вперёд"], PageLinks(first).Select(a => a.TextContent.Trim()).Where(t => t != "Назад"));

        // 60 energy projects, largest first: the second page holds numbers 20, 18, ..., 2 of them.
        Assert.Equal(Enumerable.Range(1, 10).Select(i => $"Проект {(22 - 2 * i):D3}"), Titles(energy));
        Assert.Equal("Заявки 51–60 из 60", Normalized(energy.QuerySelector("#application-count")!.TextContent));
        var back = PageLinks(energy).Single(a => a.TextContent.Trim() == "Назад").GetAttribute("href");
        Assert.Equal($"{url}?sector=Energy&sort=amount-desc", back);

        Assert.Equal(Titles(third), Titles(beyond)); // a page past the end shows the last one
        Assert.Equal(HttpStatusCode.OK, notANumber.StatusCode);
    }

    [Fact]
    public async Task AFilterMatchingMoreThanItCounts_SaysSo_AndPagesUpToTheLimit_ASearchUpToALowerOne()
    {
        var seeds = Enumerable.Range(1, CallApplicationList.CountLimit + 10)
            .Select(i => new Seed($"Проект {i:D4}", "Submitted", "66", Sector.Energy, 1_000_000m + i, CompanyA))
            .Append(new Seed("Другая отрасль", "Submitted", "66", Sector.Industry, 1_000_000m, CompanyA))
            .ToArray();
        var callId = await SeedCallAsync(seeds);
        var officer = await App.SignedInClientAsync("officer1@grantportal.test", DemoData.Password);

        var energy = await officer.GetDocumentAsync($"/officer/calls/{callId}/applications?sector=Energy");
        var all = await officer.GetDocumentAsync($"/officer/calls/{callId}/applications");
        var search = await officer.GetDocumentAsync($"/officer/calls/{callId}/applications?q=проект&page=9");

        Assert.Equal("Заявки 1–50 из более чем 1000: уточните фильтры, чтобы увидеть остальные.",
            Normalized(energy.QuerySelector("#application-count")!.TextContent));
        Assert.Equal("20", PageLinks(energy)[^2].TextContent.Trim());
        Assert.Equal("Заявки 1–50 из 1011", Normalized(all.QuerySelector("#application-count")!.TextContent)); // the kept counts: exact
        // A search is counted to 200 only: a page past them shows the last of those.
        Assert.Equal("Заявки 151–200 из более чем 200: уточните фильтры, чтобы увидеть остальные.",
            Normalized(search.QuerySelector("#application-count")!.TextContent));
        Assert.Equal(50, Titles(search).Count);
    }

    [Theory]
    [InlineData("from=1,234.56", "from", "Введите сумму в рублях")]
    [InlineData("to=%D0%BC%D0%BD%D0%BE%D0%B3%D0%BE", "to", "Введите сумму в рублях")]
    [InlineData("from=1+000,005", "from", "Введите сумму в рублях")]
    [InlineData("from=-5", "from", "Введите сумму в рублях")]
    [InlineData("to=99+999+999+999+999+999,99", "to", "Введите сумму в рублях")]
    [InlineData("from=100&to=50", "to", "Сумма «до» меньше суммы «от»")]
    [InlineData("status=Nonsense", null, "Такого статуса нет")]
    [InlineData("region=00", null, "Такого региона нет")]
    [InlineData("sector=1", null, "Такой отрасли нет")]
    public async Task BadFilterInput_IsExplainedInTheUsersLanguage_NotAnError(string query, string? field, string message)
    {
        var callId = await SeedCallAsync(Mixed);
        var officer = await App.SignedInClientAsync("officer1@grantportal.test", DemoData.Password);

        var response = await officer.GetAsync($"/officer/calls/{callId}/applications?{query}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.Contains(message, page.QuerySelector("#application-filters [role=alert]")!.TextContent);
        if (field is not null)
        {
            Assert.Contains("is-invalid", page.QuerySelector($"#{field}")!.ClassName);
        }
    }

    [Theory]
    [InlineData(Roles.Applicant)]
    [InlineData(Roles.Expert)]
    public async Task OtherRoles_AreRefused(string role)
    {
        var callId = await SeedCallAsync(Mixed);
        var user = await App.CreateUserAsync(role);
        var client = await App.SignedInClientAsync(user.Email!);

        var response = await client.GetAsync($"/officer/calls/{callId}/applications");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("https://localhost/account/access-denied", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task AnApplicantOfTheCall_IsRefusedToo_AndAnonymousVisitorsAreSentToSignIn()
    {
        var callId = await SeedCallAsync(Mixed);
        var applicant = await App.SignedInClientAsync("applicant1@grantportal.test", DemoData.Password);

        var own = await applicant.GetAsync($"/officer/calls/{callId}/applications");
        var anonymous = await App.CreatePortalClient().GetAsync($"/officer/calls/{callId}/applications");

        Assert.StartsWith("https://localhost/account/access-denied", own.Headers.Location!.ToString());
        Assert.StartsWith("https://localhost/account/login", anonymous.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Admins_MayLook_AndAnUnknownCallIsNotFound()
    {
        var callId = await SeedCallAsync(Mixed);
        var admin = await App.SignedInClientAsync("admin@grantportal.test", DemoData.Password);

        Assert.Equal(5, Titles(await admin.GetDocumentAsync($"/officer/calls/{callId}/applications")).Count);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/officer/calls/{Guid.NewGuid()}/applications")).StatusCode);
    }

    [Fact]
    public async Task EachRow_LinksToItsApplication_AndTheCallPagesLinkToTheList()
    {
        var callId = await SeedCallAsync(Mixed);
        var officer = await App.SignedInClientAsync("officer1@grantportal.test", DemoData.Password);

        var page = await officer.GetDocumentAsync($"/officer/calls/{callId}/applications?status=RevisionRequested");
        var row = Assert.Single(page.QuerySelectorAll("#applications tbody tr"));
        var callPage = await officer.GetStringAsync($"/officer/calls/{callId}");
        var callList = await officer.GetStringAsync("/officer/calls");

        Assert.Equal($"/applications/{row.GetAttribute("data-id")}", row.QuerySelector("td:nth-child(2) a")!.GetAttribute("href"));
        Assert.Contains("Москва", row.TextContent);
        Assert.Contains($"/officer/calls/{callId}/applications", callPage);
        Assert.Contains($"/officer/calls/{callId}/applications", callList);
    }

    [Fact]
    public async Task TheOfficersGeneralList_LeavesOutDrafts_WhileApplicantsStillSeeTheirOwn()
    {
        var callId = await SeedCallAsync(Mixed);
        // The newest of all the class has seeded, so that they are on the first page of lists ordered by time.
        await App.WithDbAsync(db => db.Applications.Where(a => a.CallId == callId)
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.UpdatedAt, a => a.UpdatedAt.AddDays(1))));
        var officer = await App.SignedInClientAsync("officer1@grantportal.test", DemoData.Password);
        var applicant = await App.SignedInClientAsync("applicant1@grantportal.test", DemoData.Password);

        var staff = await officer.GetStringAsync("/applications");
        var own = await applicant.GetStringAsync("/applications");

        Assert.DoesNotContain("Черновик Урал", staff);
        Assert.Contains("Турбины Москва", staff);
        Assert.Contains("Черновик Урал", own);
        Assert.Contains("Возвращена на доработку", own); // the state read from the application's own column
        Assert.DoesNotContain("Композиты Самара", own);
    }

    /// <param name="Submitted">False for an application never submitted (no number, no submission time).</param>
    private sealed record Seed(string Title, string State, string? Region, Sector Sector, decimal Amount, Guid Company, bool Submitted = true);

    /// <summary>A new call (a copy of the demo call) holding exactly these applications, submitted a minute apart in order.</summary>
    private Task<Guid> SeedCallAsync(Seed[] seeds) => App.WithDbAsync(async db =>
    {
        var call = await db.Calls.AsNoTracking().SingleAsync(c => c.Id == DemoData.CallId);
        call.Id = Guid.NewGuid();
        call.TitleRu = $"Конкурс {call.Id:N}";
        db.Calls.Add(call);
        var author = await db.Users.Where(u => u.Email == "applicant1@grantportal.test").Select(u => u.Id).SingleAsync();
        var start = DateTime.UtcNow.AddMinutes(-seeds.Length);
        var prefix = call.Id.ToString("N")[..6];
        for (var i = 0; i < seeds.Length; i++)
        {
            var seed = seeds[i];
            var at = start.AddMinutes(i);
            var application = new GrantApplication
            {
                Id = Guid.CreateVersion7(), CallId = call.Id, CompanyId = seed.Company, CreatedById = author, CreatedAt = at,
                State = seed.State, RegionCode = seed.Region,
                Number = seed.Submitted ? $"ATR-TEST-{i + 1:D4}-{prefix}" : null, SubmittedAt = seed.Submitted ? at : null,
            };
            application.Write(new ApplicationContent
            {
                Project = new() { Title = seed.Title, Sector = seed.Sector },
                Stages = [new() { Kind = StageKind.Prototype, Budget = [new() { Item = "Оснастка", GrantAmount = seed.Amount }] }],
            }, at);
            db.Applications.Add(application);
        }

        await db.SaveChangesAsync();
        return call.Id;
    });

    private static List<string> Titles(IHtmlDocument page) =>
        [.. page.QuerySelectorAll("#applications tbody tr td:nth-child(2)").Select(td => td.TextContent.Trim())];

    private static List<AngleSharp.Dom.IElement> PageLinks(IHtmlDocument page) => [.. page.QuerySelectorAll(".pagination a.page-link")];

    private static string Normalized(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
