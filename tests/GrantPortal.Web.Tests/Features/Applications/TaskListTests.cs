using GrantPortal.Testing;
using GrantPortal.Web.Features.Demo;
using static GrantPortal.Web.Tests.Features.Applications.ApplicationForms;

namespace GrantPortal.Web.Tests.Features.Applications;

public sealed class TaskListTests(PortalFixture fixture) : IClassFixture<PortalFixture>, IAsyncLifetime
{
    private PortalAppFactory App => fixture.App;

    public Task InitializeAsync() => App.WithServicesAsync(DemoData.SeedAsync);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ASubmittedApplication_WaitsForOfficers_AndADraftOnlyForItsOwnCompany()
    {
        var applicant = await App.SignedInClientAsync("applicant1@grantportal.test", DemoData.Password);
        var submitted = await CreateDraftAsync(applicant);
        await FillCompletelyAsync(applicant, submitted);
        await ActAsync(applicant, submitted, "submit");
        var draft = await CreateDraftAsync(applicant);

        var officerTasks = await (await App.SignedInClientAsync("officer1@grantportal.test", DemoData.Password)).GetStringAsync("/tasks");
        var ownTasks = await applicant.GetStringAsync("/tasks");
        var otherCompanyTasks = await (await App.SignedInClientAsync("applicant2@grantportal.test", DemoData.Password)).GetStringAsync("/tasks");

        Assert.Contains($"/applications/{submitted}", officerTasks);
        Assert.DoesNotContain($"/applications/{draft}", officerTasks);
        Assert.Contains($"/applications/{draft}", ownTasks);
        Assert.DoesNotContain($"/applications/{submitted}", ownTasks);
        Assert.DoesNotContain($"/applications/{draft}", otherCompanyTasks);
    }
}
