using GrantPortal.Testing;
using GrantPortal.Web.Features.Demo;
using GrantPortal.Workflows.Persistence;
using GrantPortal.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static GrantPortal.Web.Tests.Features.Applications.ApplicationForms;

namespace GrantPortal.Web.Tests.Features.Applications;

/// <summary>
/// The state and region the officers' list filters on, copied onto the application by the workflow's observer, and the
/// counts per state its trigger keeps.
/// </summary>
public sealed class ApplicationListCopyTests(PortalFixture fixture) : IClassFixture<PortalFixture>, IAsyncLifetime
{
    private static readonly Guid CompanyA = Guid.Parse("b0000000-0000-0000-0000-00000000000a");

    private PortalAppFactory App => fixture.App;

    public Task InitializeAsync() => App.WithServicesAsync(DemoData.SeedAsync);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task TheState_FollowsEveryTransitionPeopleMake()
    {
        var applicant = await App.SignedInClientAsync("applicant1@grantportal.test", DemoData.Password);
        var officer = await App.SignedInClientAsync("officer1@grantportal.test", DemoData.Password);
        var id = await CreateDraftAsync(applicant);
        await AssertStateAsync(id, "Draft");
        await FillCompletelyAsync(applicant, id);

        await ActAsync(applicant, id, "submit");
        await AssertStateAsync(id, "Submitted");
        await ActAsync(officer, id, "startFormalCheck");
        await AssertStateAsync(id, "FormalCheck");
        await ActAsync(officer, id, "returnForRevision", comment: "Уточните поставщика.");
        await AssertStateAsync(id, "RevisionRequested");
        await ActAsync(applicant, id, "resubmit");
        await AssertStateAsync(id, "Submitted");
        await ActAsync(applicant, id, "withdraw");
        await AssertStateAsync(id, "Withdrawn");
        await AssertCountsAgreeAsync();
    }

    [Fact]
    public async Task TheState_FollowsTransitionsFiredByTimers()
    {
        var applicant = await App.SignedInClientAsync("applicant1@grantportal.test", DemoData.Password);
        var draft = await CreateDraftAsync(applicant);
        var submitted = await CreateDraftAsync(applicant);
        await FillCompletelyAsync(applicant, submitted);
        await ActAsync(applicant, submitted, "submit");
        await AssertStateAsync(submitted, "Submitted");

        // The call closes: both applications' "callClosed" timers come due and fire as the system.
        var subjects = new[] { draft.ToString(), submitted.ToString() };
        await App.WithDbAsync(db => db.Set<WorkflowTimer>()
            .Where(t => db.Set<WorkflowInstance>().Any(i => i.Id == t.InstanceId && subjects.Contains(i.SubjectId)))
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.DueAt, DateTime.UtcNow.AddMinutes(-1))));
        await App.WithServicesAsync(services => services.GetRequiredService<WorkflowRuntime>().FireDueTimersAsync());

        await AssertStateAsync(draft, "Withdrawn");
        await AssertStateAsync(submitted, "FormalCheck");
        await AssertCountsAgreeAsync(); // the draft the closing withdrew was never submitted: it is in no count
    }

    [Fact]
    public async Task TwoApplicationsCrossingEachOthersStatesAtOnce_WaitRatherThanDeadlock_AndTheCountsAgree()
    {
        var applicant = await App.SignedInClientAsync("applicant1@grantportal.test", DemoData.Password);
        var first = await CreateDraftAsync(applicant);
        var second = await CreateDraftAsync(applicant);
        await App.WithDbAsync(db => db.Applications.Where(a => a.Id == first || a.Id == second).ExecuteUpdateAsync(u => u
            .SetProperty(a => a.SubmittedAt, DateTime.UtcNow)
            .SetProperty(a => a.State, a => a.Id == first ? "Submitted" : "FormalCheck")));

        // The first moves Submitted -> FormalCheck and holds its transaction open while the second moves
        // FormalCheck -> Submitted: both need both counts of the call.
        await using var one = new NpgsqlConnection(App.ConnectionString);
        await using var two = new NpgsqlConnection(App.ConnectionString);
        await one.OpenAsync();
        await two.OpenAsync();
        await using var firstMove = await one.BeginTransactionAsync();
        await new NpgsqlCommand($"UPDATE \"Applications\" SET \"State\" = 'FormalCheck' WHERE \"Id\" = '{first}'", one, firstMove).ExecuteNonQueryAsync();
        var secondMove = Task.Run(async () =>
        {
            await using var transaction = await two.BeginTransactionAsync();
            await new NpgsqlCommand($"UPDATE \"Applications\" SET \"State\" = 'Submitted' WHERE \"Id\" = '{second}'", two, transaction).ExecuteNonQueryAsync();
            await transaction.CommitAsync();
        });
        await Task.Delay(500);
        Assert.False(secondMove.IsCompleted); // it waits for the first
        await firstMove.CommitAsync();
        await secondMove;

        await AssertCountsAgreeAsync();
    }

    [Fact]
    public async Task TheRegion_IsCopiedAtCreation_AndAgainAtEachSubmission_ButNotFollowedAfterwards()
    {
        var applicant = await App.SignedInClientAsync("applicant1@grantportal.test", DemoData.Password);
        try
        {
            var id = await CreateDraftAsync(applicant);
            Assert.Equal("66", await RegionCodeAsync(id));

            await MoveCompanyAsync("77");
            Assert.Equal("66", await RegionCodeAsync(id));
            await FillCompletelyAsync(applicant, id);
            await ActAsync(applicant, id, "submit");
            Assert.Equal("77", await RegionCodeAsync(id));

            await MoveCompanyAsync("50");
            Assert.Equal("77", await RegionCodeAsync(id));

            await MoveCompanyAsync("Марс"); // a name an old upgrade did not recognise: no region to filter by
            var unknown = await CreateDraftAsync(applicant);
            Assert.Null(await RegionCodeAsync(unknown));
        }
        finally
        {
            await MoveCompanyAsync("66");
        }
    }

    /// <summary>The copy on the application and the workflow instance agree, and both say <paramref name="state"/>.</summary>
    private async Task AssertStateAsync(Guid id, string state)
    {
        var subject = id.ToString();
        var copy = await App.WithDbAsync(db => db.Applications.Where(a => a.Id == id).Select(a => a.State).SingleAsync());
        var instance = await App.WithDbAsync(db => db.Set<WorkflowInstance>().Where(i => i.SubjectId == subject).Select(i => i.State).SingleAsync());
        Assert.Equal((state, state), (copy, instance));
    }

    /// <summary>The counts the officers' list shows are those a count of the applications gives, for every call.</summary>
    private async Task AssertCountsAgreeAsync()
    {
        var kept = await TestSql.ListAsync(App.ConnectionString, """
            SELECT "CallId" || ' ' || "State" || ' ' || "Count" FROM "ApplicationStateCounts" WHERE "Count" <> 0 ORDER BY 1
            """);
        var counted = await TestSql.ListAsync(App.ConnectionString, """
            SELECT "CallId" || ' ' || "State" || ' ' || count(*) FROM "Applications" WHERE "SubmittedAt" IS NOT NULL
            GROUP BY "CallId", "State" ORDER BY 1
            """);
        Assert.NotEmpty(counted);
        Assert.Equal(counted, kept);
    }

    private Task<string?> RegionCodeAsync(Guid id) =>
        App.WithDbAsync(db => db.Applications.Where(a => a.Id == id).Select(a => a.RegionCode).SingleAsync());

    private Task MoveCompanyAsync(string region) =>
        App.WithDbAsync(db => db.Companies.Where(c => c.Id == CompanyA).ExecuteUpdateAsync(u => u.SetProperty(c => c.Region, region)));
}
