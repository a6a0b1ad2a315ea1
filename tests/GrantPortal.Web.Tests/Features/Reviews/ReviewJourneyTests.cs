using System.Net;
using GrantPortal.Testing;
using GrantPortal.Web.Domain;
using GrantPortal.Web.Features.Demo;
using GrantPortal.Workflows.Persistence;
using GrantPortal.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using static GrantPortal.Web.Tests.Features.Applications.ApplicationForms;
using static GrantPortal.Web.Tests.Features.Reviews.ReviewSteps;

namespace GrantPortal.Web.Tests.Features.Reviews;

public sealed class ReviewJourneyTests(PortalFixture fixture) : IClassFixture<PortalFixture>, IAsyncLifetime
{
    private PortalAppFactory App => fixture.App;

    public Task InitializeAsync() => App.WithServicesAsync(DemoData.SeedAsync);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task TwoExpertsScore_AndTheApplicationReachesReviewsComplete_WithItsWeightedScore()
    {
        var (id, officer) = await CheckedAsync(App);
        var page = await officer.GetStringAsync($"/applications/{id}/experts");
        Assert.Contains("Пройдена", page);

        Assert.Equal(HttpStatusCode.Redirect, (await AssignAsync(App, officer, id, "expert1@grantportal.test", "expert2@grantportal.test")).StatusCode);

        Assert.Equal("Экспертиза", await StateAsync(officer, id));
        Assert.True(await App.WithDbAsync(db => db.OutboxEmails.AnyAsync(e => e.To == "expert1@grantportal.test" && e.Subject.Contains("Заявка на экспертизу"))));
        await AcceptAndScoreAsync(App, id, "expert1@grantportal.test", 8);
        Assert.Equal("Экспертиза", await StateAsync(officer, id));
        await AcceptAndScoreAsync(App, id, "expert2@grantportal.test", 6);

        Assert.Equal("Экспертиза завершена", await StateAsync(officer, id));
        var score = await App.WithDbAsync(db => db.ApplicationScores.AsNoTracking().SingleAsync(s => s.ApplicationId == id));
        Assert.Equal((70.00m, 2, false), (score.Score, score.ReviewCount, score.Divergent)); // (80 + 60) / 2
    }

    [Fact]
    public async Task AnExpertTiedToTheApplicant_IsNeverOffered_AndCannotBeAssigned()
    {
        var (id, officer) = await CheckedAsync(App);
        var page = await officer.GetDocumentAsync($"/applications/{id}/experts");
        var expert3 = await App.WithDbAsync(db => db.Users.Where(u => u.Email == "expert3@grantportal.test").Select(u => u.Id).SingleAsync());

        Assert.True(page.QuerySelector($"#expert-{expert3}")!.HasAttribute("disabled"));
        Assert.Contains("конфликт интересов", page.QuerySelector("#candidates")!.TextContent);
        var forced = await AssignAsync(App, officer, id, "expert1@grantportal.test", "expert3@grantportal.test");
        Assert.Equal("Формальная проверка", await StateAsync(officer, id));
        Assert.Contains("конфликт интересов", await officer.GetStringAsync(forced.Headers.Location!.OriginalString));
        Assert.False(await App.WithDbAsync(db => db.Reviews.AnyAsync(r => r.ApplicationId == id)));
    }

    [Fact]
    public async Task ExpertsSeeOnlyTheirOwnReviews_AndApplicantsNeverLearnWhoTheyAre()
    {
        var (id, officer) = await CheckedAsync(App);
        await AssignAsync(App, officer, id, "expert1@grantportal.test", "expert2@grantportal.test");
        var (expert1, review1) = await AcceptAndScoreAsync(App, id, "expert1@grantportal.test", 7, submit: false);
        var expert2 = await App.SignedInClientAsync("expert2@grantportal.test", DemoData.Password);
        var applicant = await App.SignedInClientAsync("applicant1@grantportal.test", DemoData.Password);

        Assert.Equal(HttpStatusCode.NotFound, (await expert2.GetAsync($"/reviews/{review1}")).StatusCode);
        Assert.StartsWith("https://localhost/account/access-denied", (await expert1.GetAsync($"/applications/{id}")).Headers.Location!.ToString());
        Assert.StartsWith("https://localhost/account/access-denied", (await expert1.GetAsync($"/applications/{id}/experts")).Headers.Location!.ToString());
        Assert.StartsWith("https://localhost/account/access-denied", (await applicant.GetAsync($"/reviews/{review1}")).Headers.Location!.ToString());
        Assert.StartsWith("https://localhost/account/access-denied", (await applicant.GetAsync($"/applications/{id}/experts")).Headers.Location!.ToString());
        var applicantPage = await applicant.GetStringAsync($"/applications/{id}");
        Assert.DoesNotContain("Экспертов", applicantPage);
        Assert.DoesNotContain("Оценщикова", applicantPage);
        var ownDraft = await expert1.GetStringAsync($"/reviews/{review1}");
        Assert.Contains("Оценка 7", ownDraft); // the draft is kept
        Assert.Contains($"/reviews/{review1}", await expert1.GetStringAsync("/reviews"));
        Assert.DoesNotContain($"/reviews/{review1}", await expert2.GetStringAsync("/reviews"));
    }

    [Fact]
    public async Task SubmittingNeedsEveryScoreWithAReason_AndThenTheReviewIsLocked_UntilAnOfficerReopensIt()
    {
        var (id, officer) = await CheckedAsync(App);
        await AssignAsync(App, officer, id, "expert1@grantportal.test", "expert2@grantportal.test");
        var expert = await App.SignedInClientAsync("expert1@grantportal.test", DemoData.Password);
        var review = await ReviewOfAsync(App, id, "expert1@grantportal.test");

        var undeclared = await expert.SubmitFormAsync($"/reviews/{review.Id}", [], $"form[action='/reviews/{review.Id}/accept']");
        Assert.Contains("Подтвердите отсутствие конфликта интересов", await expert.GetStringAsync(undeclared.Headers.Location!.OriginalString));
        await expert.SubmitFormAsync($"/reviews/{review.Id}", [new("declareNoConflict", "true")], $"form[action='/reviews/{review.Id}/accept']");
        var page = await expert.GetDocumentAsync($"/reviews/{review.Id}");
        var incomplete = await expert.SubmitFormAsync(page, [new("Form.Scores[0].Score", "11"), new("submit", "true")], $"form[action='/reviews/{review.Id}']", $"/reviews/{review.Id}");
        var errors = WebUtility.HtmlDecode(await incomplete.Content.ReadAsStringAsync());
        Assert.Contains("от 0 до 10", errors);
        page = await expert.GetDocumentAsync($"/reviews/{review.Id}");
        incomplete = await expert.SubmitFormAsync(page, [new("Form.Scores[0].Score", "5"), new("Form.Scores[0].Reason", "коротко"), new("submit", "true")], $"form[action='/reviews/{review.Id}']", $"/reviews/{review.Id}");
        errors = WebUtility.HtmlDecode(await incomplete.Content.ReadAsStringAsync());
        Assert.Contains("не менее 30 символов", errors);
        Assert.Contains("Выберите рекомендацию", errors);
        Assert.Equal(ReviewStatus.Accepted, (await ReviewOfAsync(App, id, "expert1@grantportal.test")).Status);

        Assert.Equal(HttpStatusCode.Redirect, (await ScoreAsync(expert, review.Id, 9)).StatusCode);
        var late = await ScoreAsync(expert, review.Id, 1);
        Assert.Contains("нельзя изменить", WebUtility.HtmlDecode(await late.Content.ReadAsStringAsync()));
        Assert.Equal(90.00m, (await ReviewOfAsync(App, id, "expert1@grantportal.test")).Total);

        var reopen = await officer.SubmitFormAsync($"/applications/{id}/experts", [new("reason", "Уточните оценку рынка.")], $"form[action='/applications/{id}/reviews/{review.Id}/reopen']");
        Assert.Equal(HttpStatusCode.Redirect, reopen.StatusCode);
        Assert.Equal(ReviewStatus.Accepted, (await ReviewOfAsync(App, id, "expert1@grantportal.test")).Status);
        Assert.True(await App.WithDbAsync(db => db.Set<WorkflowJournalEntry>().AnyAsync(j => j.Trigger == "reopenReview" && j.Comment == "Уточните оценку рынка.")));
        Assert.True(await App.WithDbAsync(db => db.OutboxEmails.AnyAsync(e => e.To == "expert1@grantportal.test" && e.Subject.Contains("Заключение возвращено"))));
        Assert.Equal(HttpStatusCode.Redirect, (await ScoreAsync(expert, review.Id, 8)).StatusCode);
    }

    [Fact]
    public async Task DivergentScores_BringInAThirdExpert_BeforeTheReviewsAreComplete()
    {
        var (id, officer) = await CheckedAsync(App, "applicant2@grantportal.test");
        await AssignAsync(App, officer, id, "expert1@grantportal.test", "expert2@grantportal.test");
        await AcceptAndScoreAsync(App, id, "expert1@grantportal.test", 9);
        await AcceptAndScoreAsync(App, id, "expert2@grantportal.test", 3);

        Assert.Equal("Экспертиза", await StateAsync(officer, id));
        Assert.True(await App.WithDbAsync(db => db.OutboxEmails.AnyAsync(e => e.To == "officer1@grantportal.test" && e.Subject.Contains("расходятся"))));
        Assert.Contains("Конкурс требует заключений: 3", WebUtility.HtmlDecode(await officer.GetStringAsync($"/applications/{id}/experts")));
        Assert.Equal(HttpStatusCode.Redirect, (await AssignAsync(App, officer, id, "expert3@grantportal.test")).StatusCode);
        // The third expert's due date gets reminder timers of its own beside the first two experts' three.
        Assert.Equal(6, await App.WithDbAsync(db => db.Set<WorkflowTimer>().CountAsync(t => db.Set<WorkflowInstance>().Any(i => i.Id == t.InstanceId && i.SubjectId == id.ToString()))));
        await AcceptAndScoreAsync(App, id, "expert3@grantportal.test", 6);

        Assert.Equal("Экспертиза завершена", await StateAsync(officer, id));
        var score = await App.WithDbAsync(db => db.ApplicationScores.AsNoTracking().SingleAsync(s => s.ApplicationId == id));
        Assert.Equal((60.00m, 3, true), (score.Score, score.ReviewCount, score.Divergent));
    }

    [Fact]
    public async Task TwoExpertsSubmittingAtTheSameMoment_MoveTheApplicationOnOnce()
    {
        var (id, officer) = await CheckedAsync(App);
        await AssignAsync(App, officer, id, "expert1@grantportal.test", "expert2@grantportal.test");
        var (expert1, review1) = await AcceptAndScoreAsync(App, id, "expert1@grantportal.test", 7, submit: false);
        var (expert2, review2) = await AcceptAndScoreAsync(App, id, "expert2@grantportal.test", 7, submit: false);

        var answers = await Task.WhenAll(ScoreAsync(expert1, review1, 7), ScoreAsync(expert2, review2, 7));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Redirect, a.StatusCode));
        Assert.Equal("Экспертиза завершена", await StateAsync(officer, id));
        Assert.Equal(1, await App.WithDbAsync(db => db.Set<WorkflowJournalEntry>()
            .CountAsync(j => j.Trigger == "completeReviews" && db.Set<WorkflowInstance>().Any(i => i.Id == j.InstanceId && i.SubjectId == id.ToString()))));
    }

    [Fact]
    public async Task Reminders_GoOutOncePerExpert_HoweverOftenTheTimersAreTried()
    {
        var (id, officer) = await CheckedAsync(App);
        await AssignAsync(App, officer, id, "expert1@grantportal.test", "expert2@grantportal.test");
        var subject = id.ToString();
        await App.WithDbAsync(db => db.Set<WorkflowTimer>()
            .Where(t => db.Set<WorkflowInstance>().Any(i => i.Id == t.InstanceId && i.SubjectId == subject))
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.DueAt, DateTime.UtcNow.AddMinutes(-1))));

        // Two pollers, as two app instances or one before and after a restart.
        await App.WithServicesAsync(async services => await services.GetRequiredService<WorkflowRuntime>().FireDueTimersAsync());
        await App.WithServicesAsync(async services => await services.GetRequiredService<WorkflowRuntime>().FireDueTimersAsync());

        var number = await App.WithDbAsync(db => db.Applications.Where(a => a.Id == id).Select(a => a.Number!).SingleAsync());
        // Reminders wait for the daily digest unless an expert chose otherwise: one notification each, no e-mail yet.
        var reminders = await App.WithDbAsync(db => db.Notifications.Where(n => n.Kind == NotificationKind.ReviewReminder && n.Subject.Contains(number))
            .Select(n => db.Users.Single(u => u.Id == n.UserId).Email!).ToListAsync());
        Assert.Equal(["expert1@grantportal.test", "expert2@grantportal.test"], reminders.Order());
        Assert.False(await App.WithDbAsync(db => db.OutboxEmails.AnyAsync(e => e.Subject.Contains("Напоминание") && e.Subject.Contains(number))));
        Assert.Equal(3, await App.WithDbAsync(db => db.Set<WorkflowJournalEntry>()
            .CountAsync(j => (j.Trigger == "remindReviewers" || j.Trigger == "reviewOverdue") && db.Set<WorkflowInstance>().Any(i => i.Id == j.InstanceId && i.SubjectId == subject))));
        Assert.Equal("Экспертиза", await StateAsync(officer, id));
        Assert.Equal(1, await App.WithDbAsync(db => db.OutboxEmails.CountAsync(e => e.To == "officer1@grantportal.test" && e.Subject == $"Заявка {number}: Срок экспертизы истёк")));
    }

    [Fact]
    public async Task TheApplicant_SeesTheAnonymisedSummary_OnlyOnceDecided()
    {
        var (id, officer) = await CheckedAsync(App);
        await AssignAsync(App, officer, id, "expert1@grantportal.test", "expert2@grantportal.test");
        await AcceptAndScoreAsync(App, id, "expert1@grantportal.test", 8);
        await AcceptAndScoreAsync(App, id, "expert2@grantportal.test", 6);
        var applicant = await App.SignedInClientAsync("applicant1@grantportal.test", DemoData.Password);

        Assert.Null((await applicant.GetDocumentAsync($"/applications/{id}")).QuerySelector("#review-summary"));
        Assert.NotNull((await officer.GetDocumentAsync($"/applications/{id}")).QuerySelector("#review-summary"));
        var subject = id.ToString();
        await App.WithDbAsync(db => db.Set<WorkflowInstance>().Where(i => i.SubjectId == subject).ExecuteUpdateAsync(u => u.SetProperty(i => i.State, "Rejected")));

        var summary = (await applicant.GetDocumentAsync($"/applications/{id}")).QuerySelector("#review-summary")!.TextContent;
        Assert.Contains("Балл: 70,00 из 100", summary);
        Assert.Contains("Эксперт 1", summary);
        Assert.Contains("Эксперт 2", summary);
        Assert.DoesNotContain("Экспертов", summary);
        Assert.DoesNotContain("Оценщикова", summary);
    }
}
