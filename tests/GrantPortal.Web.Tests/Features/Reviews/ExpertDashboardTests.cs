using GrantPortal.Testing;
using GrantPortal.Web.Domain;
using GrantPortal.Web.Features.Demo;
using static GrantPortal.Web.Tests.Features.Decisions.DecisionSteps;

namespace GrantPortal.Web.Tests.Features.Reviews;

public sealed class ExpertDashboardTests(PortalFixture fixture) : IClassFixture<PortalFixture>, IAsyncLifetime
{
    private PortalAppFactory App => fixture.App;

    public Task InitializeAsync() => App.WithServicesAsync(DemoData.SeedAsync);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task TheDashboard_ListsEveryOpenReview_AndTheFinishedOnesFiftyAPage_LatestFirst()
    {
        var (template, _) = await InDecisionAsync(App);
        var applications = await CopiesAsync(App, template, DemoData.CallId, 55, "ExpertReview");
        var expert = await App.CreateUserAsync(Roles.Expert);
        var now = DateTime.UtcNow;
        // The first is being written; the others were finished a minute apart, the second most recently: every fifth
        // declined, the rest submitted.
        var reviews = applications.Select((application, i) => new Review
        {
            Id = Guid.NewGuid(), ApplicationId = application, ExpertId = expert.Id, VersionNumber = 1, AssignedById = expert.Id,
            AssignedAt = now.AddDays(-20), AcceptedAt = i % 5 == 0 ? null : now.AddDays(-19), DueAt = now.AddDays(i == 0 ? 5 : -6),
            Status = i == 0 ? ReviewStatus.Accepted : i % 5 == 0 ? ReviewStatus.Declined : ReviewStatus.Submitted,
            SubmittedAt = i == 0 || i % 5 == 0 ? null : now.AddMinutes(-i), DeclinedAt = i > 0 && i % 5 == 0 ? now.AddMinutes(-i) : null,
        }).ToList();
        await App.WithDbAsync(db =>
        {
            db.Reviews.AddRange(reviews);
            return db.SaveChangesAsync();
        });
        var client = await App.SignedInClientAsync(expert.Email!);

        var first = await client.GetDocumentAsync("/reviews");
        var second = await client.GetDocumentAsync("/reviews?page=2");

        string[] Links(AngleSharp.Html.Dom.IHtmlDocument page, string list) =>
            [.. page.QuerySelectorAll($"#{list} a").Select(a => a.GetAttribute("href")!)];
        Assert.Equal([$"/reviews/{reviews[0].Id}"], Links(first, "in-progress"));
        Assert.Equal(reviews.Skip(1).Take(50).Select(r => $"/reviews/{r.Id}"), Links(first, "done"));
        Assert.Contains("(54)", first.QuerySelector("#done-heading")!.TextContent);
        Assert.NotNull(first.QuerySelector("a.page-link[href='/reviews?page=2']"));
        Assert.Equal([$"/reviews/{reviews[0].Id}"], Links(second, "in-progress"));
        Assert.Equal(reviews.Skip(51).Select(r => $"/reviews/{r.Id}"), Links(second, "done"));
    }
}
