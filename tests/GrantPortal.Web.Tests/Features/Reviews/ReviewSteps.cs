using System.Net;
using GrantPortal.Testing;
using GrantPortal.Web.Domain;
using GrantPortal.Web.Features.Demo;
using GrantPortal.Web.Features.Reviews;
using Microsoft.EntityFrameworkCore;
using static GrantPortal.Web.Tests.Features.Applications.ApplicationForms;

namespace GrantPortal.Web.Tests.Features.Reviews;

/// <summary>The officer's and the experts' steps of review, as their pages take them.</summary>
internal static class ReviewSteps
{
    /// <summary>A submitted application of the demo company, formally checked by an officer and ready for experts.</summary>
    public static async Task<(Guid Id, HttpClient Officer)> CheckedAsync(PortalAppFactory app, string applicantEmail = "applicant1@grantportal.test")
    {
        var applicant = await app.SignedInClientAsync(applicantEmail, DemoData.Password);
        var id = await CreateDraftAsync(applicant);
        await FillCompletelyAsync(applicant, id);
        await ActAsync(applicant, id, "submit");
        var officer = await app.SignedInClientAsync("officer1@grantportal.test", DemoData.Password);
        await ActAsync(officer, id, "startFormalCheck");
        var check = await officer.SubmitFormAsync(
            $"/applications/{id}/experts", FormalChecklist.Items.Select(i => new KeyValuePair<string, string>("confirmed", i.Code)), $"form[action='/applications/{id}/formal-check']");
        Assert.Equal(HttpStatusCode.Redirect, check.StatusCode);
        return (id, officer);
    }

    public static async Task<HttpResponseMessage> AssignAsync(PortalAppFactory app, HttpClient officer, Guid id, params string[] expertEmails)
    {
        var experts = await app.WithDbAsync(db => db.Users.Where(u => expertEmails.Contains(u.Email)).Select(u => u.Id).ToListAsync());
        return await officer.SubmitFormAsync(
            $"/applications/{id}/experts", experts.Select(e => new KeyValuePair<string, string>("experts", e.ToString())), $"form[action='/applications/{id}/experts']");
    }

    public static Task<Review> ReviewOfAsync(PortalAppFactory app, Guid id, string expertEmail) =>
        app.WithDbAsync(db => db.Reviews.AsNoTracking().SingleAsync(r => r.ApplicationId == id && db.Users.Any(u => u.Id == r.ExpertId && u.Email == expertEmail)));

    /// <summary>The expert accepts (declaring no conflict) and submits the same score on every criterion.</summary>
    public static async Task<(HttpClient Expert, Guid ReviewId)> AcceptAndScoreAsync(PortalAppFactory app, Guid id, string expertEmail, int score, bool submit = true)
    {
        var expert = await app.SignedInClientAsync(expertEmail, DemoData.Password);
        var review = await ReviewOfAsync(app, id, expertEmail);
        Assert.Equal(HttpStatusCode.Redirect, (await expert.SubmitFormAsync($"/reviews/{review.Id}", [new("declareNoConflict", "true")], $"form[action='/reviews/{review.Id}/accept']")).StatusCode);
        var response = await ScoreAsync(expert, review.Id, score, submit);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return (expert, review.Id);
    }

    public static async Task<HttpResponseMessage> ScoreAsync(HttpClient expert, Guid reviewId, int score, bool submit = true)
    {
        var page = await expert.GetDocumentAsync($"/reviews/{reviewId}");
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Form.Recommendation", score >= 5 ? "Fund" : "DoNotFund"),
            new("Form.Summary", "Проект обоснован, команда опытная, рынок подтверждён письмами покупателей."),
            new("submit", submit ? "true" : "false"),
        };
        for (var i = 0; i < page.QuerySelectorAll("select[name$='.Score']").Length; i++)
        {
            fields.Add(new($"Form.Scores[{i}].Score", score.ToString()));
            fields.Add(new($"Form.Scores[{i}].Reason", $"Оценка {score}: обоснование по критерию достаточно подробное."));
        }

        return await expert.SubmitFormAsync(page, fields, $"form[action='/reviews/{reviewId}']", $"/reviews/{reviewId}");
    }
}
