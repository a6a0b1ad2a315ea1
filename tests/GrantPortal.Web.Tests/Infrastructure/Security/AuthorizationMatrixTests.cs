using System.Net;
using GrantPortal.Web.Features.Demo;
using Xunit.Abstractions;

namespace GrantPortal.Web.Tests.Infrastructure.Security;

/// <summary>
/// Every GET route of the app (from its endpoint data source, so a new page is covered without editing this test) asked
/// for by each kind of person, for records they own, records of others and unknown ids. The answer expected comes
/// from the rules, not from what the app returns: the route's [Authorize] roles decide between the login page (anonymous),
/// the access-denied page (signed in without the role) and the route itself; the table below says whose record each
/// route shows (another company's application, a review not assigned to this expert: 404). No answer may be a server
/// error or show an exception.
/// </summary>
[Collection(SecurityWorldCollection.Name)]
public sealed class AuthorizationMatrixTests(SecurityWorld world, ITestOutputHelper output)
{
    private static readonly Person[] People = Enum.GetValues<Person>();

    [Fact]
    public async Task EveryGetRoute_AnswersEachPerson_AsTheRulesSay()
    {
        var routes = Endpoint.All(world.App, "GET");
        Assert.True(routes.Count > 40, $"only {routes.Count} routes found");
        var table = Table();
        var missing = routes.Where(r => !table.ContainsKey(r.Pattern)).ToList();
        Assert.True(missing.Count == 0,
            "Add these routes to AuthorizationMatrixTests.Table (which record to ask for, whose it is): " + string.Join(", ", missing));

        var failures = new List<string>();
        var cases = 0;
        foreach (var route in routes)
        {
            var known = table[route.Pattern];
            var unknown = route.Parameters.Any() && known.Length > 0
                ? [new Case("unknown id", route.Url(Unknown), NotFound)]
                : Array.Empty<Case>();
            foreach (var (label, url, answer) in known.Concat(unknown))
            {
                foreach (var person in People)
                {
                    cases++;
                    var expected = !route.Admits(person) ? person == Person.Anonymous ? Answer.Login : Answer.Denied : answer(person);
                    var response = await world.Clients[person].GetAsync(url);
                    if (await Answer.MismatchAsync(expected, response) is { } wrong)
                    {
                        failures.Add($"{person} GET {url} ({route.Pattern}, {label}): expected {expected}, got {wrong}");
                    }
                }
            }
        }

        output.WriteLine($"{routes.Count} GET routes, {cases} answers checked");
        Assert.True(failures.Count == 0, $"{failures.Count} of {cases} answers are wrong:\n" + string.Join("\n", failures));
    }

    [Fact]
    public async Task EveryPostRoute_RefusesPeopleWithoutTheRole_EvenWithAValidToken_AndNothingChanges()
    {
        var routes = Endpoint.All(world.App, "POST");
        var before = await world.FingerprintAsync();
        var failures = new List<string>();
        var cases = 0;
        foreach (var route in routes)
        {
            var url = world.PostUrl(route);
            foreach (var person in People.Where(p => !route.Admits(p)))
            {
                cases++;
                var expected = person == Person.Anonymous ? Answer.Login : Answer.Denied;
                var response = await world.Clients[person].PostAsync(url, await FormAsync(person, []));
                if (await Answer.MismatchAsync(expected, response) is { } wrong)
                {
                    failures.Add($"{person} POST {url} ({route.Pattern}): expected {expected}, got {wrong}");
                }
            }
        }

        output.WriteLine($"{routes.Count} POST routes, {cases} posts by people without the role");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(before, await world.FingerprintAsync());
    }

    /// <summary>The right role, someone else's record (another company's application, a review assigned to another expert, another person's notification): 404.</summary>
    [Fact]
    public async Task PostsOnSomeoneElsesRecord_AreNotFound_AndNothingChanges()
    {
        var draft = world.Draft;
        var others = world.OthersReview;
        var fields = new Dictionary<string, string> { ["Form.Team"] = "chosen by a stranger", ["reason"] = "stranger", ["declareNoConflict"] = "true", ["submit"] = "true" };
        (Person Who, string Url, Answer Expected)[] posts =
        [
            (Person.OtherCompany, $"/applications/{draft}/item", Answer.NotFoundPage),
            (Person.OtherCompany, $"/applications/{draft}/project", Answer.NotFoundPage),
            (Person.OtherCompany, $"/applications/{draft}/stages", Answer.NotFoundPage),
            (Person.OtherCompany, $"/applications/{draft}/market", Answer.NotFoundPage),
            (Person.OtherCompany, $"/applications/{draft}/team", Answer.NotFoundPage),
            (Person.OtherCompany, $"/applications/{draft}/actions/submit", Answer.NotFoundPage),
            (Person.OtherCompany, $"/applications/{draft}/documents/{world.DraftDocument}/remove", Answer.NotFoundPage),
            (Person.OtherCompany, $"/applications/{world.Decided}/actions/withdraw", Answer.NotFoundPage),
            // Removal looks for the file among this application's own: "no longer attached", as for a file removed in another tab.
            (Person.Applicant, $"/applications/{draft}/documents/{world.DecidedDocument}/remove", Answer.RedirectTo($"/applications/{draft}/documents")),
            (Person.Expert, $"/reviews/{others}/accept", Answer.NotFoundPage),
            (Person.Expert, $"/reviews/{others}/decline", Answer.NotFoundPage),
            (Person.Expert, $"/reviews/{others}", Answer.NotFoundPage),
            (Person.OtherCompany, $"/notifications/{world.ApplicantNotification}/open", Answer.NotFoundPage),
            (Person.OtherCompany, $"/notifications/{world.ApplicantNotification}/read", Answer.NotFoundPage),
            (Person.Officer, $"/officer/experts/{world.ApplicantUser}", Answer.NotFoundPage),
        ];
        var before = await world.FingerprintAsync();
        var failures = new List<string>();
        foreach (var (who, url, expected) in posts)
        {
            var response = await world.Clients[who].PostAsync(url, await FormAsync(who, fields));
            if (await Answer.MismatchAsync(expected, response) is { } wrong)
            {
                failures.Add($"{who} POST {url}: expected {expected}, got {wrong}");
            }
        }

        var upload = await Features.Documents.DocumentFiles.UploadAsync(world.Clients[Person.OtherCompany], draft, "other", "x.pdf", Features.Documents.DocumentFiles.Pdf("stranger"));
        if (upload.StatusCode != HttpStatusCode.NotFound)
        {
            failures.Add($"{Person.OtherCompany} upload to company A's draft: expected 404, got {(int)upload.StatusCode}");
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(before, await world.FingerprintAsync());
    }

    private async Task<FormUrlEncodedContent> FormAsync(Person person, Dictionary<string, string> fields) =>
        new(fields.Append(new("__RequestVerificationToken", await world.TokenAsync(person))));

    [Fact]
    public async Task TheAccessDeniedPage_Answers403()
    {
        var response = await world.Clients[Person.Expert].GetAsync("/admin/users");

        Assert.Equal(Answer.Denied.Location, response.Headers.Location!.AbsolutePath);
        Assert.Equal(HttpStatusCode.Forbidden, (await world.Clients[Person.Expert].GetAsync(response.Headers.Location)).StatusCode);
    }

    private static string Unknown(string parameter) => parameter switch
    {
        "number" => "999",
        "statusCode" => "99999",
        "code" => "NOSUCHCODE22",
        "id" or "callId" or "userId" or "documentId" or "reviewId" => Guid.NewGuid().ToString(),
        _ => "no-such-thing",
    };

    private delegate Answer Expectation(Person person);

    private sealed record Case(string Label, string Url, Expectation Answer);

    private static Answer Ok(Person _) => Answer.Ok;

    private static Answer NotFound(Person _) => Answer.NotFoundPage;

    /// <summary>Shown to these people (among those the route's roles admit); 404 for everyone else.</summary>
    private static Expectation OnlyFor(params Person[] people) => p => people.Contains(p) ? Answer.Ok : Answer.NotFoundPage;

    private static Expectation Redirect(string to) => _ => Answer.RedirectTo(to);

    /// <summary>
    /// Each GET route: the records to ask for and who may see them. A route missing here fails the test: add it,
    /// with its owner's and a stranger's record if it shows one.
    /// </summary>
    private Dictionary<string, Case[]> Table()
    {
        var a = world.Decided;
        var draft = world.Draft;
        var call = DemoData.CallId;
        var companyA = OnlyFor(Person.Applicant, Person.Officer, Person.Admin);
        return new()
        {
            ["/"] = [new("home", "/", Ok)],
            ["/account/access-denied"] = [new("page", "/account/access-denied", _ => Answer.Forbidden)],
            ["/account/accept-invitation"] = [new("no link", "/account/accept-invitation", Ok)],
            ["/account/accept-invitation/done"] = [new("page", "/account/accept-invitation/done", Ok)],
            ["/account/check-email"] = [new("page", "/account/check-email", Ok)],
            ["/account/confirm-email"] = [new("bad link", $"/account/confirm-email?userId={world.ApplicantUser}&code=wrong", Ok)],
            ["/account/forgot-password"] = [new("page", "/account/forgot-password", Ok)],
            ["/account/login"] = [new("page", "/account/login", Ok)],
            ["/account/login-2fa"] = [new("no pending sign-in", "/account/login-2fa", Redirect("/account/login"))],
            ["/account/register"] = [new("page", "/account/register", Ok)],
            ["/account/resend-confirmation"] = [new("page", "/account/resend-confirmation", Ok)],
            ["/account/reset-password"] = [new("bad link", $"/account/reset-password?userId={world.ApplicantUser}&code=wrong", Ok)],
            ["/account/two-factor"] = [new("page", "/account/two-factor", Ok)],
            ["/account/two-factor/enable"] = [new("page", "/account/two-factor/enable", Ok)],
            ["/admin/audit"] = [new("page", "/admin/audit", Ok)],
            ["/admin/jobs"] = [new("page", "/admin/jobs", Ok)],
            ["/admin/users"] = [new("page", "/admin/users", Ok)],
            ["/admin/users/invite"] = [new("page", "/admin/users/invite", Ok)],
            ["/admin/users/{id:guid}"] = [new("a user", $"/admin/users/{world.ApplicantUser}", Ok)],
            ["/admin/workflows"] = [new("page", "/admin/workflows", Ok)],
            ["/admin/workflows/{id}"] = [new("the grant workflow", "/admin/workflows/component-substitution-grant", Ok)],
            ["/applications"] = [new("list", "/applications", Ok)],
            ["/applications/new"] = [new("page", "/applications/new", Ok)],
            ["/applications/{id:guid}"] = [new("company A's", $"/applications/{a}", companyA)],
            ["/applications/{id:guid}/decision.pdf"] = [new("company A's", $"/applications/{a}/decision.pdf", companyA)],
            ["/applications/{id:guid}/documents"] = [new("company A's draft", $"/applications/{draft}/documents", companyA)],
            ["/applications/{id:guid}/documents/{documentId:guid}"] =
            [
                new("company A's", $"/applications/{draft}/documents/{world.DraftDocument}", companyA),
                new("a document of another application", $"/applications/{draft}/documents/{world.DecidedDocument}", NotFound),
            ],
            ["/applications/{id:guid}/experts"] = [new("company A's", $"/applications/{a}/experts", Ok)],
            ["/applications/{id:guid}/item"] = [new("company A's draft", $"/applications/{draft}/item", companyA)],
            ["/applications/{id:guid}/market"] = [new("company A's draft", $"/applications/{draft}/market", companyA)],
            ["/applications/{id:guid}/project"] = [new("company A's draft", $"/applications/{draft}/project", companyA)],
            ["/applications/{id:guid}/stages"] = [new("company A's draft", $"/applications/{draft}/stages", companyA)],
            ["/applications/{id:guid}/team"] = [new("company A's draft", $"/applications/{draft}/team", companyA)],
            ["/applications/{id:guid}/versions/compare"] = [new("company A's", $"/applications/{a}/versions/compare?from=1&to=1", companyA)],
            ["/applications/{id:guid}/versions/{number:int}"] = [new("company A's", $"/applications/{a}/versions/1", companyA)],
            ["/calls"] = [new("list", "/calls", Ok)],
            ["/calls/{id:guid}"] = [new("the open call", $"/calls/{call}", Ok)],
            ["/company"] = [new("own company", "/company", Ok)],
            ["/company/edit"] = [new("own company", "/company/edit", Ok)],
            ["/company/invite"] = [new("own company", "/company/invite", Ok)],
            ["/company/new"] = [new("has one already", "/company/new", Redirect("/company"))],
            // The outbox exists in Development only: everywhere else the route answers 404 to everyone.
            ["/dev/outbox"] = [new("outside Development", "/dev/outbox", NotFound)],
            ["/dev/outbox/{id:guid}"] = [new("outside Development", $"/dev/outbox/{Guid.NewGuid()}", NotFound)],
            ["/error/{statusCode:int?}"] =
            [
                new("404", "/error/404", NotFound),
                new("500", "/error/500", _ => Answer.ServerErrorPage),
                new("not an error", "/error/200", NotFound),
                new("not a status", "/error/0", NotFound),
            ],
            ["/notifications"] = [new("own", "/notifications", Ok)],
            ["/notifications/settings"] = [new("own", "/notifications/settings", Ok)],
            ["/officer/calls"] = [new("list", "/officer/calls", Ok)],
            ["/officer/calls/new"] = [new("page", "/officer/calls/new", Ok)],
            ["/officer/calls/{callId:guid}/applications"] = [new("the open call", $"/officer/calls/{call}/applications", Ok)],
            ["/officer/calls/{callId:guid}/ranking"] = [new("the open call", $"/officer/calls/{call}/ranking", Ok)],
            ["/officer/calls/{callId:guid}/ranking.csv"] = [new("the open call", $"/officer/calls/{call}/ranking.csv", Ok)],
            ["/officer/calls/{callId:guid}/reviews"] = [new("the open call", $"/officer/calls/{call}/reviews", Ok)],
            ["/officer/calls/{id:guid}"] = [new("the open call", $"/officer/calls/{call}", Ok)],
            ["/officer/calls/{id:guid}/edit"] = [new("the open call", $"/officer/calls/{call}/edit", Ok)],
            ["/officer/experts"] = [new("list", "/officer/experts", Ok)],
            ["/officer/experts/{userId:guid}"] =
            [
                new("an expert", $"/officer/experts/{world.ExpertUser}", Ok),
                new("not an expert", $"/officer/experts/{world.ApplicantUser}", NotFound),
            ],
            ["/reviews"] = [new("own", "/reviews", Ok)],
            ["/reviews/profile"] = [new("own", "/reviews/profile", Ok)],
            ["/reviews/{id:guid}"] =
            [
                new("assigned to this expert", $"/reviews/{world.OwnReview}", Ok),
                new("assigned to another expert", $"/reviews/{world.OthersReview}", NotFound),
            ],
            ["/reviews/{id:guid}/documents/{documentId:guid}"] =
            [
                new("of the reviewed application", $"/reviews/{world.OwnReview}/documents/{world.DecidedDocument}", Ok),
                new("another expert's review", $"/reviews/{world.OthersReview}/documents/{world.DecidedDocument}", NotFound),
                new("a document of another application", $"/reviews/{world.OwnReview}/documents/{world.DraftDocument}", NotFound),
            ],
            ["/tasks"] = [new("own", "/tasks", Ok)],
            ["/verify/{code}"] = [new("an issued decision", $"/verify/{world.VerificationCode}", Ok)],
        };
    }
}
