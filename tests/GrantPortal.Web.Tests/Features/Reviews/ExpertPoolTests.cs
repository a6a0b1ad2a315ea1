using System.Net;
using GrantPortal.Testing;
using GrantPortal.Web.Domain;
using GrantPortal.Web.Features.Demo;
using Microsoft.EntityFrameworkCore;
using static GrantPortal.Web.Tests.Features.Reviews.ReviewSteps;

namespace GrantPortal.Web.Tests.Features.Reviews;

public sealed class ExpertPoolTests(PortalFixture fixture) : IClassFixture<PortalFixture>, IAsyncLifetime
{
    private const string CompanyBInn = "6315000012";
    private const string CompanyBName = "АО «Волжские композиты»";

    private PortalAppFactory App => fixture.App;

    public Task InitializeAsync() => App.WithServicesAsync(DemoData.SeedAsync);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task AnOfficerTiesAnExpertToTheApplicant_ThenTheExpertIsShownWithAConflict_AndCannotBeAssigned()
    {
        var expert = await App.CreateUserAsync(Roles.Expert);
        var (id, officer) = await CheckedAsync(App, "applicant2@grantportal.test");

        var saved = await SaveAsync(officer, $"/officer/experts/{expert.Id}",
            ("Form.Sectors", "Transport"), ("Form.Keywords", "подшипники, вагоны"), ("Form.Affiliations", $"7707083893\r\n{CompanyBInn}\r\n"), ("Form.MaxOpenReviews", "7"));

        Assert.Equal("/officer/experts", saved.Headers.Location!.OriginalString);
        var profile = await ProfileOfAsync(expert.Id);
        Assert.Equal([Sector.Transport], profile!.Sectors);
        Assert.Equal(["7707083893", CompanyBInn], profile.AffiliationInns);
        Assert.Equal(("подшипники, вагоны", 7), (profile.Keywords, profile.MaxOpenReviews));
        var row = (await officer.GetDocumentAsync("/officer/experts")).QuerySelector($"#expert-{expert.Id}")!.TextContent;
        Assert.Contains($"{CompanyBInn} — {CompanyBName}", row);

        var page = await officer.GetDocumentAsync($"/applications/{id}/experts");
        Assert.True(page.QuerySelector($"#expert-{expert.Id}")!.HasAttribute("disabled"));
        Assert.Contains("конфликт интересов", page.QuerySelector($"#expert-{expert.Id}")!.Closest("tr")!.TextContent);
        var forced = await AssignAsync(App, officer, id, "expert1@grantportal.test", expert.Email!);
        Assert.Contains("конфликт интересов", await officer.GetStringAsync(forced.Headers.Location!.OriginalString));
        Assert.False(await App.WithDbAsync(db => db.Reviews.AnyAsync(r => r.ApplicationId == id)));
    }

    [Fact]
    public async Task ABadInn_IsRefusedWithAMessageNamingIt_AndNothingIsSaved()
    {
        var officer = await App.SignedInClientAsync("officer1@grantportal.test", DemoData.Password);
        var expert2 = await IdOfAsync("expert2@grantportal.test");
        var before = await ProfileOfAsync(expert2);

        var refused = await SaveAsync(officer, $"/officer/experts/{expert2}",
            ("Form.Keywords", "новое"), ("Form.Affiliations", $"{CompanyBInn}\n6315000013\nООО-Ромашка\n123456789012"), ("Form.MaxOpenReviews", "0"));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var errors = (await refused.ParseAsync()).QuerySelector(".validation-summary-errors")!.TextContent;
        Assert.Contains("«6315000013»: Такого ИНН не бывает: не сходится контрольная цифра", errors);
        Assert.Contains("«ООО-Ромашка»: ИНН состоит только из цифр", errors);
        Assert.Contains("«123456789012»: Это 12-значный ИНН физического лица", errors);
        Assert.DoesNotContain($"«{CompanyBInn}»", errors);
        Assert.Contains("от 1 до 100", errors);
        var after = await ProfileOfAsync(expert2);
        Assert.Equal(before!.AffiliationInns, after!.AffiliationInns);
        Assert.Equal((before.Keywords, before.MaxOpenReviews, before.Version), (after.Keywords, after.MaxOpenReviews, after.Version));

        var tooLong = await SaveAsync(officer, $"/officer/experts/{expert2}", ("Form.Keywords", string.Join(", ", Enumerable.Range(1, 120).Select(i => $"слово{i}"))));
        Assert.Contains("не более 500 символов", WebUtility.HtmlDecode(await tooLong.Content.ReadAsStringAsync()));
        Assert.Equal(before.Keywords, (await ProfileOfAsync(expert2))!.Keywords);

        var notANumber = await SaveAsync(officer, $"/officer/experts/{expert2}", ("Form.MaxOpenReviews", "много"), ("Form.Sectors", "Space"));
        var shown = (await notANumber.ParseAsync()).QuerySelectorAll(".validation-summary-errors li").Select(e => e.TextContent).ToList();
        Assert.Contains("Значение «много» недопустимо для поля «Открытых экспертиз не более».", shown);
        Assert.DoesNotContain(shown, e => e.Contains("от 1 до 100"));
        Assert.Single(shown, e => e.Contains("Space"));
        Assert.Equal(before.Version, (await ProfileOfAsync(expert2))!.Version);
    }

    [Fact]
    public async Task ApplicantsAndExperts_CannotOpenTheExpertPool()
    {
        var expert2 = await IdOfAsync("expert2@grantportal.test");
        foreach (var email in new[] { "applicant1@grantportal.test", "expert1@grantportal.test" })
        {
            var client = await App.SignedInClientAsync(email, DemoData.Password);
            Assert.StartsWith("https://localhost/account/access-denied", (await client.GetAsync("/officer/experts")).Headers.Location!.ToString());
            Assert.StartsWith("https://localhost/account/access-denied", (await client.GetAsync($"/officer/experts/{expert2}")).Headers.Location!.ToString());
        }

        var applicant = await App.SignedInClientAsync("applicant1@grantportal.test", DemoData.Password);
        Assert.StartsWith("https://localhost/account/access-denied", (await applicant.GetAsync("/reviews/profile")).Headers.Location!.ToString());
        var admin = await App.SignedInClientAsync("admin@grantportal.test", DemoData.Password);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/officer/experts")).StatusCode);
    }

    [Fact]
    public async Task AnExpertEditsTheirOwnProfile_ButNotTheirLoadLimit_NorAnyoneElses()
    {
        var expert = await App.CreateUserAsync(Roles.Expert);
        var client = await App.SignedInClientAsync(expert.Email!);
        Assert.Contains("href=\"/reviews/profile\"", await client.GetStringAsync("/reviews"));

        var saved = await SaveAsync(client, "/reviews/profile",
            ("Form.Sectors", "Energy"), ("Form.Sectors", "Industry"), ("Form.Keywords", " турбины,, лопатки , Турбины "),
            ("Form.Affiliations", $"{CompanyBInn}, 7707083893"), ("Form.MaxOpenReviews", "100"));

        Assert.Equal("/reviews/profile", saved.Headers.Location!.OriginalString);
        var profile = await ProfileOfAsync(expert.Id);
        Assert.Equal([Sector.Industry, Sector.Energy], profile!.Sectors);
        Assert.Equal([CompanyBInn, "7707083893"], profile.AffiliationInns);
        Assert.Equal(("турбины, лопатки", ExpertProfile.DefaultMaxOpenReviews), (profile.Keywords, profile.MaxOpenReviews));
        var page = await client.GetDocumentAsync("/reviews/profile");
        Assert.Null(page.QuerySelector("input[name='Form.MaxOpenReviews']"));
        Assert.Contains(CompanyBName, page.QuerySelector("#affiliation-names")!.TextContent);

        // The officers' route is the only one that names an expert; with the expert's own valid token it is still refused.
        var expert2 = await IdOfAsync("expert2@grantportal.test");
        var before = await ProfileOfAsync(expert2);
        var token = page.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        var forged = await client.PostAsync($"/officer/experts/{expert2}", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("Form.Affiliations", ""), new("Form.Version", before!.Version.ToString())]));
        Assert.StartsWith("https://localhost/account/access-denied", forged.Headers.Location!.ToString());
        Assert.Equal(before.AffiliationInns, (await ProfileOfAsync(expert2))!.AffiliationInns);
    }

    [Fact]
    public async Task ThePoolListsEveryExpert_WithTheirLoad_AndSortsBySearchAndLoad()
    {
        var (id, officer) = await CheckedAsync(App);
        Assert.Equal(HttpStatusCode.Redirect, (await AssignAsync(App, officer, id, "expert1@grantportal.test", "expert2@grantportal.test")).StatusCode);
        var idle = await App.CreateUserAsync(Roles.Expert);
        var expert1 = await IdOfAsync("expert1@grantportal.test");
        var open = await App.WithDbAsync(db => db.Reviews.CountAsync(r => r.ExpertId == expert1 && (r.Status == ReviewStatus.Offered || r.Status == ReviewStatus.Accepted)));
        Assert.True(open >= 1, "expert1 has the review just assigned");

        Assert.Contains("href=\"/officer/experts\"", await officer.GetStringAsync($"/applications/{id}/experts"));
        var page = await officer.GetDocumentAsync("/officer/experts?sort=MostLoaded");
        var rows = page.QuerySelectorAll("#experts tbody tr");
        Assert.Equal(await App.WithDbAsync(db => db.UserRoles.CountAsync(ur => db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Expert))), rows.Length);
        Assert.Contains($"{open} / 5", page.QuerySelector($"#expert-{expert1}")!.TextContent);
        var loads = rows.Select(r => int.Parse(r.QuerySelector("[data-load]")!.GetAttribute("data-load")!)).ToList();
        Assert.Equal(loads.OrderDescending(), loads);
        Assert.Contains("профиль не заполнен", page.QuerySelector($"#expert-{idle.Id}")!.TextContent);

        var leastLoaded = await officer.GetDocumentAsync("/officer/experts?sort=LeastLoaded");
        var leastLoads = leastLoaded.QuerySelectorAll("#experts [data-load]").Select(c => int.Parse(c.GetAttribute("data-load")!)).ToList();
        Assert.Equal(leastLoads.Order(), leastLoads);

        var found = await officer.GetDocumentAsync("/officer/experts?q=композит");
        Assert.Equal(["expert2@grantportal.test"], found.QuerySelectorAll("#experts tbody tr .text-muted").Select(e => e.TextContent.Trim()));
        var energy = await officer.GetDocumentAsync("/officer/experts?sector=Energy");
        Assert.NotNull(energy.QuerySelector($"#expert-{await IdOfAsync("expert2@grantportal.test")}"));
        Assert.Null(energy.QuerySelector($"#expert-{expert1}"));
    }

    [Fact]
    public async Task TwoOfficersSavingAtOnce_TheSecondIsToldAndShownTheFirstOnesProfile()
    {
        var expert = await App.CreateUserAsync(Roles.Expert);
        var url = $"/officer/experts/{expert.Id}";
        var officer1 = await App.SignedInClientAsync("officer1@grantportal.test", DemoData.Password);
        var officer2 = await App.SignedInClientAsync("officer2@grantportal.test", DemoData.Password);
        // Both open the form before there is a profile, then again once there is one.
        foreach (var round in new[] { "первый", "второй" })
        {
            var page1 = await officer1.GetDocumentAsync(url);
            var page2 = await officer2.GetDocumentAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, (await officer1.SubmitFormAsync(page1, [new("Form.Keywords", round)], "main form", url)).StatusCode);

            var late = await officer2.SubmitFormAsync(page2, [new("Form.Keywords", "чужое")], "main form", url);

            Assert.Equal(HttpStatusCode.OK, late.StatusCode);
            var shown = await late.ParseAsync();
            Assert.Contains("сохранил кто-то другой", shown.QuerySelector(".validation-summary-errors")!.TextContent);
            Assert.Equal(round, shown.QuerySelector("input[name='Form.Keywords']")!.GetAttribute("value"));
            Assert.Equal(round, (await ProfileOfAsync(expert.Id))!.Keywords);
        }
    }

    [Fact]
    public async Task OnlyExpertsHaveAProfilePage()
    {
        var officer = await App.SignedInClientAsync("officer1@grantportal.test", DemoData.Password);
        var applicant = await IdOfAsync("applicant1@grantportal.test");

        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/officer/experts/{applicant}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/officer/experts/{Guid.NewGuid()}")).StatusCode);
    }

    private static Task<HttpResponseMessage> SaveAsync(HttpClient client, string url, params (string Name, string Value)[] fields) =>
        client.SubmitFormAsync(url, fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    private Task<ExpertProfile?> ProfileOfAsync(Guid expertId) =>
        App.WithDbAsync(db => db.ExpertProfiles.AsNoTracking().SingleOrDefaultAsync(p => p.UserId == expertId));

    private Task<Guid> IdOfAsync(string email) =>
        App.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
}
