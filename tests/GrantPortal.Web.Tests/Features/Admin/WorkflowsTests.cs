using System.Net;
using GrantPortal.Testing;
using GrantPortal.Web.Domain;

namespace GrantPortal.Web.Tests.Features.Admin;

public sealed class WorkflowsTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private PortalAppFactory App => fixture.App;

    [Theory]
    [InlineData(Roles.Officer)]
    [InlineData(Roles.Admin)]
    public async Task Staff_SeeTheGrantWorkflowDrawn_WithEveryStepBuilt(string role)
    {
        var client = await SignedInAsync(role);

        var list = await client.GetDocumentAsync("/admin/workflows");
        var link = list.QuerySelector("main a[href='/admin/workflows/component-substitution-grant']");
        Assert.NotNull(link);

        var page = await client.GetDocumentAsync("/admin/workflows/component-substitution-grant");
        var svg = page.QuerySelector(".workflow-diagram svg");
        Assert.NotNull(svg);
        Assert.Contains("Экспертиза", svg.TextContent);
        Assert.DoesNotContain("ещё не реализовано", page.QuerySelector("main")!.TextContent);
    }

    [Theory]
    [InlineData(Roles.Applicant)]
    [InlineData(Roles.Expert)]
    public async Task OtherRoles_AreRefused(string role)
    {
        var client = await SignedInAsync(role);

        var response = await client.GetAsync("/admin/workflows/component-substitution-grant");

        Assert.StartsWith("https://localhost/account/access-denied", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task AnUnknownWorkflow_IsNotFound()
    {
        var client = await SignedInAsync(Roles.Admin);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/admin/workflows/no-such-flow")).StatusCode);
    }

    private async Task<HttpClient> SignedInAsync(string role)
    {
        var user = await App.CreateUserAsync(role, demo: true);
        return await App.SignedInClientAsync(user.Email!);
    }
}
