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
        var applicant = await SignInAsync("applicant1@grantportal.test");
        var submitted = await CreateDraftAsync(applicant);
        await FillCompletelyAsync(applicant, submitted);
        await ActAsync(applicant, submitted, "submit");
        var draft = await CreateDraftAsync(applicant);

        var officerTasks = await (await SignInAsync("officer1@grantportal.test")).GetStringAsync("/tasks");
        var ownTasks = await applicant.GetStringAsync("/tasks");
        var otherCompanyTasks = await (await SignInAsync("applicant2@grantportal.test")).GetStringAsync("/tasks");

        Assert.Contains($"/applications/{submitted}", officerTasks);
        Assert.DoesNotContain($"/applications/{draft}", officerTasks);
        Assert.Contains($"/applications/{draft}", ownTasks);
        Assert.DoesNotContain($"/applications/{submitted}", ownTasks);
        Assert.DoesNotContain($"/applications/{draft}", otherCompanyTasks);
    }

    private async Task<HttpClient> SignInAsync(string email)
    {
        var client = App.CreatePortalClient();
        await client.LoginAsync(email, DemoData.Password);
        return client;
    }
}
