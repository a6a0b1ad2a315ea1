using GrantPortal.Testing;
using GrantPortal.Web.Data;
using GrantPortal.Web.Domain;
using GrantPortal.Web.Features.Decisions;
using GrantPortal.Web.Features.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static GrantPortal.Web.Tests.Features.Applications.ApplicationForms;
using static GrantPortal.Web.Tests.Features.Decisions.DecisionSteps;
using static GrantPortal.Web.Tests.Features.Reviews.ReviewSteps;

namespace GrantPortal.Web.Tests.Infrastructure.Security;

/// <summary>The security suite's classes share one app and one set of records, built once through the real pages.</summary>
[CollectionDefinition(Name)]
public sealed class SecurityWorldCollection : ICollectionFixture<SecurityWorld>
{
    public const string Name = "Security world";
}

/// <summary>
/// The demo accounts, signed in, and records of each kind: company A's decided application (reviews by two experts,
/// a decision letter issued), company A's draft with documents. Company B's applicant is "another company"; expert 1
/// is assigned to A's decided application, so expert 2's review of it is "not assigned to this expert".
/// </summary>
public sealed class SecurityWorld : IAsyncLifetime
{
    private PortalAppFactory? _app;

    public PortalAppFactory App => _app ?? throw new InvalidOperationException("The fixture is not initialised.");

    /// <summary>The people the suite asks as, by the name failure messages give.</summary>
    public Dictionary<Person, HttpClient> Clients { get; } = [];

    public Guid Decided { get; private set; }

    public Guid DecidedDocument { get; private set; }

    public Guid OwnReview { get; private set; }

    public Guid OthersReview { get; private set; }

    public string VerificationCode { get; private set; } = "";

    public Guid Draft { get; private set; }

    public Guid DraftDocument { get; private set; }

    public Guid ApplicantUser { get; private set; }

    public Guid ExpertUser { get; private set; }

    /// <summary>A notification of company A's applicant.</summary>
    public Guid ApplicantNotification { get; private set; }

    public async Task InitializeAsync()
    {
        _app = await PortalAppFactory.CreateAsync();
        await App.WithServicesAsync(DemoData.SeedAsync);
        (Decided, var officer) = await InDecisionAsync(App);
        await DecideAsync(App, officer, Decided, "approve", new() { ["amount"] = "7 500 000,00", ["conditions"] = "Отчёт по этапу 1 до 01.10.2027." });
        await IssueLettersAsync();
        OwnReview = (await ReviewOfAsync(App, Decided, "expert1@grantportal.test")).Id;
        OthersReview = (await ReviewOfAsync(App, Decided, "expert2@grantportal.test")).Id;

        Clients[Person.Anonymous] = App.CreatePortalClient();
        Clients[Person.Applicant] = await App.SignedInClientAsync("applicant1@grantportal.test", DemoData.Password);
        Clients[Person.OtherCompany] = await App.SignedInClientAsync("applicant2@grantportal.test", DemoData.Password);
        Clients[Person.Expert] = await App.SignedInClientAsync("expert1@grantportal.test", DemoData.Password);
        Clients[Person.Officer] = officer;
        Clients[Person.Admin] = await App.SignedInClientAsync("admin@grantportal.test", DemoData.Password);

        Draft = await CreateDraftAsync(Clients[Person.Applicant]);
        await FillCompletelyAsync(Clients[Person.Applicant], Draft);
        await App.WithDbAsync(async db =>
        {
            DecidedDocument = await db.ApplicationDocuments.Where(d => d.ApplicationId == Decided).Select(d => d.Id).FirstAsync();
            DraftDocument = await db.ApplicationDocuments.Where(d => d.ApplicationId == Draft).Select(d => d.Id).FirstAsync();
            VerificationCode = await db.Decisions.Where(d => d.ApplicationId == Decided).Select(d => d.VerificationCode!).SingleAsync();
            ApplicantUser = await db.Users.Where(u => u.Email == "applicant1@grantportal.test").Select(u => u.Id).SingleAsync();
            ExpertUser = await db.Users.Where(u => u.Email == "expert1@grantportal.test").Select(u => u.Id).SingleAsync();
            var applicant = ApplicantUser;
            ApplicantNotification = await db.Notifications.Where(n => n.UserId == applicant).Select(n => n.Id).FirstAsync();
            return 0;
        });
    }

    /// <summary>Issues due decision letters now, rather than leaving them to the background job while another test compares digests.</summary>
    public Task IssueLettersAsync() => App.WithServicesAsync(services => services.GetRequiredService<IssueDecisionPdfs>().IssueDueAsync());

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    /// <summary>
    /// A digest of everything a post could change (not sign-in bookkeeping, the audit of downloads or the e-mail outbox,
    /// which the delivery job updates in the background): equal before and after a refused post means it changed nothing.
    /// A test that leaves background work due (a decision letter to issue) must do it before it ends; see IssueLettersAsync.
    /// </summary>
    public Task<string> FingerprintAsync() => App.WithDbAsync(db => db.Database.SqlQueryRaw<string>(FingerprintSql).SingleAsync());

    private static readonly string[] Fingerprinted =
    [
        "Companies", "Calls", "Applications", "ApplicationVersions", "ApplicationDocuments", "ExpertProfiles", "FormalChecks",
        "Reviews", "ApplicationScores", "Decisions", "Notifications", "NotificationPreferences",
        "AspNetUserRoles", "AspNetUserTokens", "WorkflowInstances",
    ];

    // Table names from the list above, no input: nothing to inject.
    private static readonly string FingerprintSql =
        "SELECT md5(string_agg(t, '|' ORDER BY t)) AS \"Value\" FROM (" + string.Join(" UNION ALL ", Fingerprinted.Select(table =>
            $"SELECT '{table}' || md5(coalesce(string_agg(x::text, ',' ORDER BY x::text), '')) AS t FROM \"{table}\" x")) + ") d";

    /// <summary>
    /// A POST route with its parameters filled with records the first person it admits may act on (company A's draft,
    /// expert 1's review...). A parameter this does not know fails the test that asks, naming the route.
    /// </summary>
    internal string PostUrl(Endpoint route) => route.Url(name => (route.Pattern, name) switch
    {
        (_, "documentId") => DraftDocument.ToString(),
        (_, "reviewId") => OwnReview.ToString(),
        (_, "trigger") => "submit",
        (_, "code") => VerificationCode,
        (_, "userId") => ExpertUser.ToString(),
        (_, "callId") => DemoData.CallId.ToString(),
        (var p, "id") when p.StartsWith("/applications/", StringComparison.Ordinal) => Draft.ToString(),
        (var p, "id") when p.StartsWith("/reviews/", StringComparison.Ordinal) => OwnReview.ToString(),
        (var p, "id") when p.StartsWith("/admin/users/", StringComparison.Ordinal) => ApplicantUser.ToString(),
        (var p, "id") when p.StartsWith("/notifications/", StringComparison.Ordinal) => ApplicantNotification.ToString(),
        (var p, "id") when p.StartsWith("/officer/calls/", StringComparison.Ordinal) => DemoData.CallId.ToString(),
        _ => throw new InvalidOperationException($"{route}: teach SecurityWorld.PostUrl which record '{name}' names."),
    });

    /// <summary>The anti-forgery token of the person's session (every layout carries the sign-out or language form).</summary>
    public async Task<string> TokenAsync(Person person) =>
        (await Clients[person].GetDocumentAsync("/")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

    public static IReadOnlyList<string> RolesOf(Person person) => person switch
    {
        Person.Applicant or Person.OtherCompany => [Roles.Applicant],
        Person.Expert => [Roles.Expert],
        Person.Officer => [Roles.Officer],
        Person.Admin => [Roles.Admin],
        _ => [],
    };
}

public enum Person
{
    Anonymous,
    Applicant,
    OtherCompany,
    Expert,
    Officer,
    Admin,
}
