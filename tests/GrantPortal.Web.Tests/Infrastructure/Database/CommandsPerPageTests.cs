using GrantPortal.Testing;
using GrantPortal.Testing.Seeding;
using GrantPortal.Web.Domain;
using GrantPortal.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace GrantPortal.Web.Tests.Infrastructure.Database;

/// <summary>
/// The busiest pages send as many database commands however much data is behind them: a page that read its rows one
/// at a time (N+1) would send more as the programme grows. The pages are counted at 200 applications and again after
/// the same database grew to 4,000, seeded as the load benchmark seeds it (<see cref="ApplicationSeed"/>,
/// <see cref="ReviewSeed"/>): the largest call then has twenty times the applications, the ranking and the expert's
/// dashboard twenty times the rows.
/// </summary>
public sealed class CommandsPerPageTests : IAsyncLifetime
{
    private const int Small = 200;
    private const int Large = 4_000;

    private PortalAppFactory _app = null!;

    // The background jobs stay away from the seeded data between the two counts (the approvals' PDFs, the deadlines).
    public async Task InitializeAsync() => _app = new PortalAppFactory(
        await TestDatabaseServer.CreateDatabaseAsync(),
        settings: new Dictionary<string, string>
        {
            ["Decisions:PdfPollInterval"] = "1.00:00:00",
            ["Workflows:TimerPollInterval"] = "1.00:00:00",
        });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task TheBusiestPages_SendAsManyCommands_AtTwentyTimesTheApplications()
    {
        var officer = await _app.CreateUserAsync(Roles.Officer, demo: true);
        var expert = await _app.CreateUserAsync(Roles.Expert, demo: true);
        await using var connection = new NpgsqlConnection(_app.ConnectionString);
        await connection.OpenAsync();
        var (version, content) = ReviewSeed.GrantWorkflow(_app.Services.GetRequiredService<WorkflowCatalog>());
        var companies = await ApplicationSeed.SeedCallsAsync(connection, Large, ApplicationSeed.TwentyCalls, _ => { }, default);
        await ReviewSeed.SeedExpertsAsync(connection, experts: 20, _ => { }, default);
        async Task GrowAsync(int from, int to)
        {
            await ApplicationSeed.SeedApplicationsAsync(connection, from, to, Large, companies, ApplicationSeed.TwentyCalls, _ => { }, default);
            await ReviewSeed.SeedAsync(connection, version, content, officer.Id, _ => { }, default);
            await TestSql.ExecuteAsync(connection, "VACUUM ANALYZE", default);
        }

        await GrowAsync(0, Small);
        var call = ApplicationSeed.CallId(0);
        // One application of the largest call in each state the officers' page shows differently, the same at both sizes.
        var applications = await TestSql.ListAsync(_app.ConnectionString, $"""
            SELECT DISTINCT ON ("State") "Id"::text FROM "Applications"
            WHERE "CallId" = '{call}' AND "SubmittedAt" IS NOT NULL ORDER BY "State", "Id"
            """);
        string[] officerPages =
        [
            $"/officer/calls/{call}/applications",
            $"/officer/calls/{call}/applications?sector=Energy",
            $"/officer/calls/{call}/applications?q=подшип",
            $"/officer/calls/{call}/applications?status=ExpertReview&region=77&sort=amount-desc",
            $"/officer/calls/{call}/ranking",
            .. applications.Select(id => $"/applications/{id}"),
        ];
        string[] expertPages = ["/reviews"];

        var small = await CountAsync(officer.Email!, officerPages, expert.Email!, expertPages);
        await GrowAsync(Small, Large);
        var large = await CountAsync(officer.Email!, officerPages, expert.Email!, expertPages);

        Assert.True(applications.Count >= 5, $"The small call has applications in {applications.Count} states only.");
        Assert.Equal(small, large);
    }

    /// <returns>A line per page: its address and how many commands it sent.</returns>
    private async Task<string> CountAsync(string officer, string[] officerPages, string expert, string[] expertPages)
    {
        // Signed in afresh: a cookie older than Identity's security-stamp interval would add its own queries.
        var officerClient = await _app.SignedInClientAsync(officer);
        var expertClient = await _app.SignedInClientAsync(expert);
        using var log = new DatabaseCommandLog();
        var lines = new List<string>();
        foreach (var (client, url) in officerPages.Select(u => (officerClient, u)).Concat(expertPages.Select(u => (expertClient, u))))
        {
            await log.GetAsync(client, url); // the first request of a page warms caches (the workflow definition, the ranking's order)
            var commands = (await log.GetAsync(client, url)).Commands.Count;
            Assert.True(commands > 0, $"No command of GET {url} was seen: the count would prove nothing.");
            lines.Add($"{url}: {commands}");
        }

        return string.Join("\n", lines);
    }
}
