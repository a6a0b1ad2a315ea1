using GrantPortal.BrowserTests.Features.Applications;
using GrantPortal.Web.Features.Demo;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GrantPortal.BrowserTests.Features.Reviews;

public sealed class ReviewJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AnOfficerChecksAndAssigns_TwoExpertsScore_AndTheReviewsAreComplete()
    {
        await browser.App.WithServicesAsync(DemoData.SeedAsync);
        var applicant = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(applicant, "applicant1@grantportal.test", DemoData.Password);
        await ApplicationSteps.StartFillAndSubmitAsync(applicant);
        var applicationUrl = applicant.Url;

        var officer = await ReviewSteps.CheckAssignAndScoreAsync(browser, applicationUrl);

        await officer.GotoAsync(applicationUrl);
        await Expect(officer.Locator("#application-state")).ToHaveTextAsync("Экспертиза завершена");
    }
}
