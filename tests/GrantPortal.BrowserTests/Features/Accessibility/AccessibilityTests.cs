using System.Text.RegularExpressions;
using GrantPortal.BrowserTests.Features.Applications;
using GrantPortal.BrowserTests.Features.Reviews;
using GrantPortal.Web.Features.Demo;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace GrantPortal.BrowserTests.Features.Accessibility;

/// <summary>
/// axe-core on every main page of every role, in Russian and English: no serious or critical WCAG 2 A/AA violation,
/// and the navigation bar stays on one line at 1280 px. One context per role; the pages are loaded in a loop.
/// </summary>
public sealed partial class AccessibilityTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private static readonly string Call = $"/officer/calls/{DemoData.CallId}";

    [Fact]
    public async Task EveryMainPageOfEveryRole_HasNoSeriousOrCriticalViolation_InRussianAndEnglish()
    {
        await browser.App.WithServicesAsync(DemoData.SeedAsync);
        var audit = new AxeAudit(output);

        var visitor = await browser.NewPageAsync();
        await audit.PagesInBothLanguagesAsync(visitor, "anonymous",
            ["/", "/calls", $"/calls/{DemoData.CallId}", "/account/login", "/account/register", "/account/forgot-password",
             "/account/resend-confirmation", "/no-such-page"],
            ["/", "/calls", "/account/login", "/account/register"]);
        await BrowserFixture.SignInAsync(visitor, "applicant1@grantportal.test", "not the password");
        await audit.CheckAsync(visitor, "anonymous ru, a refused sign-in");

        // A draft, whose sections are forms to fill in.
        var applicant2 = await SignedInAsync("applicant2@grantportal.test");
        await applicant2.GotoAsync("/applications/new");
        await audit.CheckAsync(applicant2, "applicant ru");
        await applicant2.GetByRole(AriaRole.Button, new() { Name = "Подать заявку на этот конкурс" }).First.ClickAsync();
        var draft = ApplicationPath(applicant2.Url);
        await audit.PagesInBothLanguagesAsync(applicant2, "applicant",
            ["/applications", "/tasks", draft, $"{draft}/item", $"{draft}/project", $"{draft}/stages", $"{draft}/market",
             $"{draft}/team", $"{draft}/documents", "/company", "/company/edit", "/company/invite", "/notifications",
             "/notifications/settings", "/account/two-factor", "/account/access-denied"],
            ["/applications", draft, $"{draft}/item", $"{draft}/stages", $"{draft}/documents", "/notifications/settings"]);
        await applicant2.GotoAsync($"{draft}/item");
        await applicant2.Locator("#Form_AnnualImportValue").FillAsync("много");
        await applicant2.GetByRole(AriaRole.Button, new() { Name = "Сохранить и продолжить" }).ClickAsync();
        await audit.CheckAsync(applicant2, "applicant ru, a section with an error");

        // A submitted application, then its formal check, assignment and reviews, audited on the way.
        var applicant1 = await SignedInAsync("applicant1@grantportal.test");
        await ApplicationSteps.StartFillAndSubmitAsync(applicant1);
        var submitted = ApplicationPath(applicant1.Url);
        await audit.PagesInBothLanguagesAsync(applicant1, "applicant", [submitted, $"{submitted}/versions/1"]);

        var officer = await SignedInAsync("officer1@grantportal.test");
        var expertPath = await FirstLinkAsync(officer, "/officer/experts", ExpertLink());
        var officerPages = new List<string>
        {
            "/officer/calls", Call, "/officer/calls/new", $"{Call}/edit", $"{Call}/applications", "/officer/experts", expertPath,
            "/applications", "/tasks", submitted, "/notifications",
        };
        await audit.PagesInBothLanguagesAsync(officer, "officer", officerPages,
            ["/officer/calls", Call, "/officer/calls/new", $"{Call}/applications", "/officer/experts"]);

        // Returned for revision and resubmitted with a new title, so the versions compared differ.
        await officer.GotoAsync(submitted);
        await officer.GetByRole(AriaRole.Button, new() { Name = "Начать формальную проверку" }).ClickAsync();
        await officer.Locator("#comment-returnForRevision").FillAsync("Уточните название проекта.");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Вернуть на доработку" }).ClickAsync();
        await Expect(officer.Locator("#application-state")).ToHaveTextAsync("Возвращена на доработку");
        await applicant1.GotoAsync($"{submitted}/project");
        await applicant1.GetByLabel("Название проекта").FillAsync("Конические подшипники для грузовых вагонов");
        await applicant1.GetByRole(AriaRole.Button, new() { Name = "Сохранить и продолжить" }).ClickAsync();
        await Expect(applicant1.GetByRole(AriaRole.Status)).ToHaveTextAsync("Сохранено.");
        await applicant1.GotoAsync(submitted);
        await applicant1.GetByRole(AriaRole.Button, new() { Name = "Подать повторно" }).ClickAsync();
        await Expect(applicant1.Locator("#application-state")).ToHaveTextAsync("Подана");
        await audit.PagesInBothLanguagesAsync(applicant1, "applicant", [$"{submitted}/versions/compare"]);
        await audit.PagesInBothLanguagesAsync(officer, "officer", [$"{submitted}/versions/compare"]);
        await Expect(officer.Locator("main").GetByText("Конические подшипники для грузовых вагонов").First).ToBeVisibleAsync();

        Func<IPage, Task> look = page => audit.CheckAsync(page, "officer or expert ru");
        await ReviewSteps.PassFormalCheckAsync(officer, submitted, look);
        await ReviewSteps.AssignAsync(officer, "officer-assign-experts.png", ["Эдуард Экспертов", "Елена Оценщикова"], look);
        await ReviewSteps.ReviewAsync(browser, "expert1@grantportal.test", 8, "review-form.png", look);
        await ReviewSteps.ReviewAsync(browser, "expert2@grantportal.test", 7, null);
        await audit.PagesInBothLanguagesAsync(officer, "officer", [$"{Call}/reviews", $"{Call}/ranking", $"{submitted}/experts", submitted]);
        await officer.GotoAsync(submitted);
        await officer.GetByRole(AriaRole.Button, new() { Name = "Перейти к решению" }).ClickAsync();
        await audit.CheckAsync(officer, "officer ru, decision");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Одобрить" }).ClickAsync();
        await audit.CheckAsync(officer, "officer ru, proposal awaiting a second officer");

        var expert = await SignedInAsync("expert1@grantportal.test");
        var reviewPath = await FirstLinkAsync(expert, "/reviews", ReviewLink());
        await audit.PagesInBothLanguagesAsync(expert, "expert", ["/reviews", reviewPath, "/reviews/profile", "/notifications", "/notifications/settings",
             "/account/two-factor/enable"],
            ["/reviews", reviewPath]);

        var admin = await SignedInAsync("admin@grantportal.test");
        var userPath = await FirstLinkAsync(admin, "/admin/users", UserLink());
        var workflowPath = await FirstLinkAsync(admin, "/admin/workflows", WorkflowLink());
        await audit.PagesInBothLanguagesAsync(admin, "admin",
            ["/admin/users", userPath, "/admin/users/invite", "/admin/workflows", workflowPath, "/admin/jobs", "/admin/audit",
             "/officer/experts", "/applications", submitted],
            ["/admin/users", "/admin/workflows", workflowPath, "/admin/jobs", "/admin/audit"]);

        audit.AssertNoSeriousOrCritical();
    }

    private async Task<IPage> SignedInAsync(string email)
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, email, DemoData.Password);
        return page;
    }

    private static string ApplicationPath(string url) => ApplicationLink().Match(url).Value;

    /// <summary>The first link on the page at <paramref name="path"/> whose address matches.</summary>
    private static async Task<string> FirstLinkAsync(IPage page, string path, Regex link)
    {
        await page.GotoAsync(path);
        var hrefs = await page.Locator("main a[href]").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        return hrefs.FirstOrDefault(link.IsMatch) ?? throw new InvalidOperationException($"No link like {link} on {path}");
    }

    [GeneratedRegex("/applications/[0-9a-f-]{36}")]
    private static partial Regex ApplicationLink();

    [GeneratedRegex("^/officer/experts/[0-9a-f-]{36}$")]
    private static partial Regex ExpertLink();

    [GeneratedRegex("^/reviews/[0-9a-f-]{36}$")]
    private static partial Regex ReviewLink();

    [GeneratedRegex("^/admin/users/[0-9a-f-]{36}$")]
    private static partial Regex UserLink();

    [GeneratedRegex("^/admin/workflows/[^/]+$")]
    private static partial Regex WorkflowLink();
}
