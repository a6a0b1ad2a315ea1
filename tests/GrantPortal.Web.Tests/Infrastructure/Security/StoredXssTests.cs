using System.Net;
using AngleSharp.Html.Dom;
using GrantPortal.Testing;
using GrantPortal.Web.Features.Demo;
using GrantPortal.Web.Tests.Features.Documents;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;
using static GrantPortal.Web.Tests.Features.Applications.ApplicationForms;
using static GrantPortal.Web.Tests.Features.Decisions.DecisionSteps;
using static GrantPortal.Web.Tests.Features.Reviews.ReviewSteps;

namespace GrantPortal.Web.Tests.Infrastructure.Security;

/// <summary>
/// Script put into every free-text field people save (through the real forms), and into the search boxes, comes back
/// as text on every page that shows it: the page's DOM gains no script, no event handler and no image, and the page
/// shows the field's text (HTML-encoded in the markup).
/// </summary>
[Collection(SecurityWorldCollection.Name)]
public sealed class StoredXssTests(SecurityWorld world, ITestOutputHelper output)
{
    /// <summary>A payload that names its field, so that a page showing it tells which field it was.</summary>
    private static string Payload(string field) => $"<script>alert('{field}')</script>\"><img src=x onerror=alert('{field}')>";

    /// <summary>How the field's payload appears in markup that encodes it (a file name keeps only its harmless characters).</summary>
    private static string Encoded(string field) => $"alert(&#x27;{field}&#x27;)";

    [Fact]
    public async Task ScriptInEveryFreeTextField_IsShownAsText_OnEveryPageThatShowsIt()
    {
        var app = world.App;
        var applicant = world.Clients[Person.Applicant];
        var officer = world.Clients[Person.Officer];
        var expert = world.Clients[Person.Expert];
        var admin = world.Clients[Person.Admin];

        // The company profile, and a colleague's name.
        await Saved(applicant.SubmitFormAsync("/company/edit", new Dictionary<string, string>
        {
            ["LegalName"] = "ООО " + Payload("legal-name"), ["Address"] = Payload("address"), ["ContactPerson"] = Payload("contact-person"),
        }), "company profile");
        await Saved(applicant.SubmitFormAsync("/company/invite", new Dictionary<string, string>
        {
            ["Email"] = $"colleague-{Guid.NewGuid():N}@example.test", ["FullName"] = Payload("colleague-name"),
        }), "colleague invitation");

        // Every text of an application, a file name, and the officer's comment when returning it for revision.
        var revised = await CreateDraftAsync(applicant);
        await FillCompletelyAsync(applicant, revised);
        await SaveAsync(applicant, revised, "item", new()
        {
            ["Form.Name"] = Payload("item-name"), ["Form.CountryOfOrigin"] = Payload("country"), ["Form.CurrentSupplier"] = Payload("supplier"),
            ["Form.AnnualImportVolume"] = Payload("import-volume"),
        });
        await SaveAsync(applicant, revised, "project", new() { ["Form.Title"] = Payload("title"), ["Form.Summary"] = Payload("summary") });
        await SaveAsync(applicant, revised, "stages", new() { ["Form.Stages[0].Deliverables"] = Payload("deliverables"), ["Form.Stages[0].Lines[0].Item"] = Payload("budget-item") });
        await SaveAsync(applicant, revised, "market", new() { ["Form.PlannedAnnualVolume"] = Payload("planned-volume"), ["Form.Buyers[0].Name"] = Payload("buyer") });
        await SaveAsync(applicant, revised, "team", new() { ["Form.Team"] = Payload("team") });
        var upload = await DocumentFiles.UploadAsync(applicant, revised, "other", "<script>alert('file-name')</script><img src=x onerror=alert('file-name')>.pdf", DocumentFiles.Pdf("xss"));
        Assert.True(upload.IsSuccessStatusCode, await upload.Content.ReadAsStringAsync());
        await ActAsync(applicant, revised, "submit");
        await ActAsync(officer, revised, "startFormalCheck");
        await ActAsync(officer, revised, "returnForRevision", Payload("revision-comment"));

        // A review's summary and reasons, an expert's reason to decline.
        var (reviewed, _) = await CheckedAsync(app);
        await AssignAsync(app, officer, reviewed, "expert1@grantportal.test", "expert2@grantportal.test");
        var declined = await ReviewOfAsync(app, reviewed, "expert2@grantportal.test");
        var expert2 = await app.SignedInClientAsync("expert2@grantportal.test", DemoData.Password);
        await Saved(expert2.SubmitFormAsync($"/reviews/{declined.Id}", [new("reason", Payload("decline-reason"))], $"form[action='/reviews/{declined.Id}/decline']"), "decline");
        var review = await ReviewOfAsync(app, reviewed, "expert1@grantportal.test");
        await Saved(expert.SubmitFormAsync($"/reviews/{review.Id}", [new("declareNoConflict", "true")], $"form[action='/reviews/{review.Id}/accept']"), "accept");
        var reviewPage = await expert.GetDocumentAsync($"/reviews/{review.Id}");
        var scores = new List<KeyValuePair<string, string>> { new("Form.Recommendation", "Fund"), new("Form.Summary", Payload("review-summary")), new("submit", "false") };
        for (var i = 0; i < reviewPage.QuerySelectorAll("select[name$='.Score']").Length; i++)
        {
            scores.Add(new($"Form.Scores[{i}].Score", "7"));
            scores.Add(new($"Form.Scores[{i}].Reason", Payload($"score-reason-{i}") + " обоснование по критерию достаточно подробное"));
        }

        await Saved(expert.SubmitFormAsync(reviewPage, scores, $"form[action='/reviews/{review.Id}']", $"/reviews/{review.Id}"), "review");

        // A decision's reasons.
        var (decided, _) = await InDecisionAsync(app);
        await Saved(DecideAsync(app, officer, decided, "reject", new() { ["reasons"] = Payload("rejection-reasons") + " Спрос не подтверждён письмами." }), "rejection");
        await world.IssueLettersAsync();

        // A call's texts, an expert's profile, invited and registered people's names.
        var call = await app.WithDbAsync(db => NewCallAsync(db, 1_000_000_000m));
        await Saved(officer.SubmitFormAsync($"/officer/calls/{call}/edit", new Dictionary<string, string>
        {
            ["TitleRu"] = Payload("call-title-ru"), ["TitleEn"] = Payload("call-title-en"), ["DescriptionRu"] = Payload("call-description-ru"), ["DescriptionEn"] = Payload("call-description-en"),
        }), "call");
        await Saved(expert.SubmitFormAsync("/reviews/profile", new Dictionary<string, string> { ["Form.Keywords"] = Payload("keywords") }), "expert profile");
        await Saved(admin.SubmitFormAsync("/admin/users/invite", new Dictionary<string, string>
        {
            ["Email"] = $"invited-{Guid.NewGuid():N}@example.test", ["FullName"] = Payload("invited-name"), ["Role"] = "Expert",
        }), "admin invitation");
        await Saved(world.App.CreatePortalClient().SubmitFormAsync("/account/register", new Dictionary<string, string>
        {
            ["FullName"] = Payload("registered-name"), ["Email"] = $"registered-{Guid.NewGuid():N}@example.test", ["Password"] = TestAccounts.Password, ["ConfirmPassword"] = TestAccounts.Password,
        }), "registration");
        var invited = await app.WithDbAsync(db => db.Users.Where(u => u.FullName == Payload("invited-name")).Select(u => u.Id).SingleAsync());

        // Where each field must be shown; every page listed is also searched for injected markup.
        var shown = new (Person Who, string Url, string[] Fields)[]
        {
            (Person.Applicant, "/company", ["legal-name", "address", "contact-person", "colleague-name"]),
            (Person.Applicant, "/company/edit", ["legal-name", "address", "contact-person"]),
            (Person.Applicant, $"/applications/{revised}", ["title", "item-name", "summary", "buyer", "revision-comment", "file-name"]),
            (Person.Applicant, $"/applications/{revised}/item", ["item-name", "country", "supplier", "import-volume"]),
            (Person.Applicant, $"/applications/{revised}/project", ["title", "summary"]),
            (Person.Applicant, $"/applications/{revised}/stages", ["deliverables", "budget-item"]),
            (Person.Applicant, $"/applications/{revised}/market", ["planned-volume", "buyer"]),
            (Person.Applicant, $"/applications/{revised}/team", ["team"]),
            (Person.Applicant, $"/applications/{revised}/documents", ["file-name"]),
            (Person.Applicant, $"/applications/{revised}/versions/1", ["title", "item-name", "country", "supplier", "import-volume", "summary", "deliverables", "budget-item", "planned-volume", "buyer", "team", "file-name"]),
            (Person.Applicant, "/applications", ["title"]),
            (Person.Applicant, "/notifications", []),
            (Person.Applicant, "/tasks", []),
            (Person.Applicant, $"/applications/{decided}", ["rejection-reasons"]),
            (Person.Officer, $"/applications/{revised}", ["title", "legal-name", "revision-comment"]),
            (Person.Officer, $"/officer/calls/{DemoData.CallId}/applications", ["title", "legal-name"]),
            (Person.Officer, $"/officer/calls/{DemoData.CallId}/reviews", []),
            (Person.Officer, $"/officer/calls/{DemoData.CallId}/ranking", []),
            (Person.Officer, $"/applications/{reviewed}/experts", ["decline-reason"]),
            (Person.Officer, $"/applications/{decided}", ["rejection-reasons"]),
            (Person.Officer, "/officer/experts", ["keywords"]),
            (Person.Officer, $"/officer/experts/{world.ExpertUser}", ["keywords"]),
            (Person.Officer, "/officer/calls", ["call-title-ru"]),
            (Person.Officer, $"/officer/calls/{call}", ["call-title-ru", "call-description-ru"]),
            (Person.Officer, $"/officer/calls/{call}/edit", ["call-title-ru", "call-title-en", "call-description-ru", "call-description-en"]),
            (Person.Officer, "/tasks", []),
            (Person.Anonymous, "/calls", ["call-title-ru"]),
            (Person.Anonymous, $"/calls/{call}", ["call-title-ru", "call-description-ru"]),
            (Person.Anonymous, "/", []),
            (Person.Expert, "/reviews", []),
            (Person.Expert, $"/reviews/{review.Id}", ["review-summary", "score-reason-0"]),
            (Person.Expert, "/reviews/profile", ["keywords"]),
            (Person.Expert, "/notifications", []),
            (Person.Admin, "/admin/users", ["invited-name", "registered-name", "colleague-name"]),
            (Person.Admin, $"/admin/users/{invited}", ["invited-name"]),
            (Person.Admin, "/admin/audit", []),
            // Reflected: what was typed into a search box comes back in it.
            (Person.Admin, "/admin/users?q=" + Uri.EscapeDataString(Payload("q-users")), ["q-users"]),
            (Person.Admin, "/admin/audit?actor=" + Uri.EscapeDataString(Payload("q-actor")) + "&subject=" + Uri.EscapeDataString(Payload("q-subject")), ["q-actor", "q-subject"]),
            (Person.Officer, "/officer/experts?q=" + Uri.EscapeDataString(Payload("q-experts")), ["q-experts"]),
            (Person.Officer, $"/officer/calls/{DemoData.CallId}/applications?q=" + Uri.EscapeDataString(Payload("q-applications")), ["q-applications"]),
        };

        var failures = new List<string>();
        foreach (var (who, url, fields) in shown)
        {
            var response = await world.Clients[who].GetAsync(url);
            var html = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.OK)
            {
                failures.Add($"{who} GET {url}: {(int)response.StatusCode}");
                continue;
            }

            failures.AddRange(Injected(await response.ParseAsync()).Select(i => $"{who} GET {url}: {i}"));
            failures.AddRange(fields.Where(f => !html.Contains(Encoded(f), StringComparison.Ordinal)).Select(f => $"{who} GET {url}: does not show the field '{f}' (encoded)"));
        }

        output.WriteLine($"{shown.Length} pages, {shown.Sum(s => s.Fields.Length)} field displays checked");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>Markup a payload would add if it were not encoded.</summary>
    private static IEnumerable<string> Injected(IHtmlDocument page)
    {
        foreach (var script in page.Scripts.Where(s => s.Source is null or ""))
        {
            yield return $"an inline script: {script.Text[..Math.Min(80, script.Text.Length)]}";
        }

        foreach (var element in page.All)
        {
            if (element.Attributes.FirstOrDefault(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)) is { } handler)
            {
                yield return $"an event handler <{element.LocalName} {handler.Name}=\"{handler.Value}\">";
            }

            if (element is IHtmlImageElement { Source: var source } && source?.EndsWith("/x", StringComparison.Ordinal) == true)
            {
                yield return "an injected image";
            }
        }
    }

    private static async Task Saved(Task<HttpResponseMessage> post, string what)
    {
        var response = await post;
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"saving the {what} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}
