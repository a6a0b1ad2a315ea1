using System.Net;
using GrantPortal.Testing;
using GrantPortal.Web.Domain;
using GrantPortal.Web.Features.Demo;
using Microsoft.EntityFrameworkCore;
using static GrantPortal.Web.Tests.Features.Applications.ApplicationForms;
using static GrantPortal.Web.Tests.Features.Notifications.NotificationSteps;

namespace GrantPortal.Web.Tests.Features.Notifications;

public sealed class NotificationTests(PortalFixture fixture) : IClassFixture<PortalFixture>, IAsyncLifetime
{
    private PortalAppFactory App => fixture.App;

    public Task InitializeAsync() => App.WithServicesAsync(DemoData.SeedAsync);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ASubmittedApplication_NotifiesEveryoneOfTheCompany_UnderTheBellAndByEmail_ButNotWhoChoseTheBellOnly()
    {
        var companyId = await App.WithDbAsync(db => db.Users.Where(u => u.Email == "applicant1@grantportal.test").Select(u => u.CompanyId!.Value).SingleAsync());
        var colleague = await ColleagueAsync(companyId);
        var colleagueClient = await App.SignedInClientAsync(colleague.Email!);
        var saved = await colleagueClient.SubmitFormAsync("/notifications/settings", [new("choices[Submitted]", "InAppOnly")]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var applicant = await App.SignedInClientAsync("applicant1@grantportal.test", DemoData.Password);
        var id = await CreateDraftAsync(applicant);
        await FillCompletelyAsync(applicant, id);
        await ActAsync(applicant, id, "submit");

        var number = await App.WithDbAsync(db => db.Applications.Where(a => a.Id == id).Select(a => a.Number!).SingleAsync());
        var applicantId = await App.WithDbAsync(db => db.Users.Where(u => u.Email == "applicant1@grantportal.test").Select(u => u.Id).SingleAsync());
        var toApplicant = Assert.Single(await NotificationsOfAsync(App, applicantId), n => n.Link == $"/applications/{id}");
        Assert.Equal(NotificationKind.Submitted, toApplicant.Kind);
        Assert.Equal($"Заявка {number}: Подана", toApplicant.Subject);
        Assert.NotNull(toApplicant.EmailedAt);
        var email = Assert.Single(await EmailsToAsync(App, "applicant1@grantportal.test"), e => e.Subject == toApplicant.Subject);
        Assert.Contains($"/applications/{id}", email.HtmlBody);
        Assert.Contains("/notifications/settings", email.HtmlBody);

        var toColleague = Assert.Single(await NotificationsOfAsync(App, colleague.Id));
        Assert.Equal((NotificationKind.Submitted, NotificationChannel.InAppOnly, (DateTime?)null), (toColleague.Kind, toColleague.Channel, toColleague.EmailedAt));
        Assert.Empty(await EmailsToAsync(App, colleague.Email!));
        Assert.Equal("1", (await colleagueClient.GetDocumentAsync("/")).QuerySelector("#notification-bell .notification-count")?.TextContent);
    }

    [Fact]
    public async Task TheBell_CountsUnread_AndOpeningOrMarkingReadTakesThemOff()
    {
        var user = await App.CreateUserAsync(Roles.Expert);
        await NotifyAsync(App, user.Id, NotificationKind.Assigned, count: 3);
        var client = await App.SignedInClientAsync(user.Email!);

        Assert.Equal("3", await BellAsync(client));
        var list = await client.GetDocumentAsync("/notifications");
        Assert.Equal(["Событие 3", "Событие 2", "Событие 1"], list.QuerySelectorAll("#notifications .notification-open button").Select(b => b.TextContent.Trim()));

        var newest = (await NotificationsOfAsync(App, user.Id))[^1];
        var opened = await client.SubmitFormAsync("/notifications", [], $"form[action='/notifications/{newest.Id}/open']");
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Equal("/calls", opened.Headers.Location?.OriginalString);
        Assert.Equal("2", await BellAsync(client));

        var oldest = (await NotificationsOfAsync(App, user.Id))[0];
        await client.SubmitFormAsync("/notifications", [], $"form[action='/notifications/{oldest.Id}/read']");
        Assert.Equal("1", await BellAsync(client));

        await client.SubmitFormAsync("/notifications", [], "form[action='/notifications/read-all']");
        Assert.Null(await BellAsync(client));
        Assert.All(await NotificationsOfAsync(App, user.Id), n => Assert.NotNull(n.ReadAt));
    }

    [Fact]
    public async Task SomeoneElse_CannotOpenOrMarkYourNotifications()
    {
        var owner = await App.CreateUserAsync(Roles.Expert);
        await NotifyAsync(App, owner.Id, NotificationKind.Assigned);
        var notification = Assert.Single(await NotificationsOfAsync(App, owner.Id));
        var other = await App.CreateUserAsync(Roles.Expert);
        var client = await App.SignedInClientAsync(other.Email!);
        var token = (await client.GetDocumentAsync("/notifications/settings")).QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;

        foreach (var action in new[] { "open", "read" })
        {
            var response = await client.PostAsync($"/notifications/{notification.Id}/{action}", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        await client.PostAsync("/notifications/read-all", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Null(Assert.Single(await NotificationsOfAsync(App, owner.Id)).ReadAt);
        Assert.DoesNotContain("Событие", await client.GetStringAsync("/notifications"));
    }

    [Fact]
    public async Task TheList_IsPaged_NewestFirst()
    {
        var user = await App.CreateUserAsync(Roles.Expert);
        await NotifyAsync(App, user.Id, NotificationKind.Assigned, count: 23);
        var client = await App.SignedInClientAsync(user.Email!);

        var first = await client.GetDocumentAsync("/notifications");
        var second = await client.GetDocumentAsync("/notifications?page=2");

        Assert.Equal(20, first.QuerySelectorAll("#notifications li").Length);
        Assert.Equal("Событие 23", first.QuerySelector("#notifications .notification-open button")!.TextContent.Trim());
        Assert.Equal(["Событие 3", "Событие 2", "Событие 1"], second.QuerySelectorAll("#notifications .notification-open button").Select(b => b.TextContent.Trim()));
        Assert.Equal("99+", await BellAfterAsync(user.Id, 80, client));
    }

    [Fact]
    public async Task Settings_ShowTheKindsOfTheRole_WithDefaults_AndSaveAChoice()
    {
        var expert = await App.CreateUserAsync(Roles.Expert);
        var client = await App.SignedInClientAsync(expert.Email!);

        var page = await client.GetDocumentAsync("/notifications/settings");
        Assert.Equal(["Assigned", "ReviewReminder"], page.QuerySelectorAll("#notification-settings tbody th").Select(th => th.Id!["kind-".Length..]));
        Assert.True(Checked(page, "#choice-Assigned-Immediate"));
        Assert.True(Checked(page, "#choice-ReviewReminder-Digest"));

        var saved = await client.SubmitFormAsync("/notifications/settings", [new("choices[ReviewReminder]", "Immediate"), new("choices[Assigned]", "InAppOnly")]);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        page = await client.GetDocumentAsync("/notifications/settings");
        Assert.True(Checked(page, "#choice-ReviewReminder-Immediate"));
        Assert.True(Checked(page, "#choice-Assigned-InAppOnly"));
        await NotifyAsync(App, expert.Id, NotificationKind.ReviewReminder);
        Assert.Single(await EmailsToAsync(App, expert.Email!));
    }

    [Theory]
    [InlineData("choices[ReviewReminder]", "Sometimes", "Выберите способ получения: Напоминания о сроках экспертизы.")]
    [InlineData("choices[ReviewReminder]", "2", "Выберите способ получения: Напоминания о сроках экспертизы.")]
    [InlineData("choices[Returned]", "Digest", "В форме указан несуществующий вид уведомлений.")]
    public async Task Settings_RefuseWhatTheFormCannotMean_AndSaveNothing(string field, string value, string message)
    {
        var expert = await App.CreateUserAsync(Roles.Expert);
        var client = await App.SignedInClientAsync(expert.Email!);

        var response = await client.SubmitFormAsync("/notifications/settings", [new(field, value)]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        Assert.False(await App.WithDbAsync(db => db.NotificationPreferences.AnyAsync(p => p.UserId == expert.Id)));
    }

    [Fact]
    public async Task Notifications_NeedSigningIn()
    {
        var anonymous = App.CreatePortalClient();

        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync("/notifications")).StatusCode);
        Assert.Contains("/account/login", (await anonymous.GetAsync("/notifications/settings")).Headers.Location!.OriginalString, StringComparison.OrdinalIgnoreCase);
    }

    private async Task<PortalUser> ColleagueAsync(Guid companyId)
    {
        var colleague = await App.CreateUserAsync(Roles.Applicant);
        await App.WithDbAsync(db => db.Users.Where(u => u.Id == colleague.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.CompanyId, companyId)));
        return colleague;
    }

    private static bool Checked(AngleSharp.Html.Dom.IHtmlDocument page, string selector) => page.QuerySelector(selector)!.HasAttribute("checked");

    private static async Task<string?> BellAsync(HttpClient client) =>
        (await client.GetDocumentAsync("/")).QuerySelector("#notification-bell .notification-count")?.TextContent;

    private async Task<string?> BellAfterAsync(Guid userId, int more, HttpClient client)
    {
        await NotifyAsync(App, userId, NotificationKind.Assigned, more);
        return await BellAsync(client);
    }
}
