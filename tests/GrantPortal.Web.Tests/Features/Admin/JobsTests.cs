using System.Globalization;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using GrantPortal.Testing;
using GrantPortal.Web.Domain;
using GrantPortal.Web.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace GrantPortal.Web.Tests.Features.Admin;

/// <summary>The admins' jobs page over the real, clustered Quartz scheduler; the timers job polls every 0.3 s here.</summary>
public sealed partial class JobsTests : IAsyncLifetime
{
    private PortalAppFactory _app = null!;

    public async Task InitializeAsync() => _app = new PortalAppFactory(
        await TestDatabaseServer.CreateDatabaseAsync(),
        settings: new Dictionary<string, string> { ["Workflows:TimerPollInterval"] = "00:00:00.300" });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Admin_SeesTheWorkflowTimersJob_WithItsNextRunInMoscowTime()
    {
        var client = await SignedInAsync(Roles.Admin);

        var page = await client.GetDocumentAsync("/admin/jobs");

        var row = page.QuerySelector("#job-schedule tr[data-job='workflow-timers']");
        Assert.NotNull(row);
        var next = MoscowTime().Match(row.QuerySelector("[data-next-run]")!.TextContent.Trim());
        Assert.True(next.Success, row.OuterHtml);
        var nextUtc = DateTime.ParseExact(next.Groups["time"].Value, "dd.MM.yyyy HH:mm:ss", CultureInfo.InvariantCulture).AddHours(-3);
        Assert.InRange(nextUtc, DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddMinutes(1));
        Assert.NotNull(page.QuerySelector("nav a[href='/admin/jobs']"));
    }

    [Theory]
    [InlineData(Roles.Officer)]
    [InlineData(Roles.Applicant)]
    public async Task OtherRoles_AreRefused(string role)
    {
        var client = await SignedInAsync(role);

        var response = await client.GetAsync("/admin/jobs");

        Assert.StartsWith("https://localhost/account/access-denied", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task ARun_IsRecorded_WithTheNodeThatRanIt()
    {
        var client = await SignedInAsync(Roles.Admin);

        var run = await WaitForRunAsync(client, "workflow-timers");

        Assert.NotNull(run.QuerySelector(".text-bg-success"));
        var node = await NodeAsync();
        Assert.Contains(node, run.TextContent);
    }

    [Fact]
    public async Task AFailedRun_IsRecorded_WithItsError()
    {
        var client = await SignedInAsync(Roles.Admin);
        var scheduler = await _app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await scheduler.ScheduleJob(
            JobBuilder.Create<FailingJob>().WithIdentity("failing-job").Build(), TriggerBuilder.Create().StartNow().Build());

        var run = await WaitForRunAsync(client, "failing-job");

        Assert.NotNull(run.QuerySelector(".text-bg-danger"));
        Assert.Contains(FailingJob.Message, run.TextContent);
    }

    [Fact]
    public async Task EachJob_KeepsOnlyItsNewestRuns()
    {
        var old = string.Join(", ", Enumerable.Range(0, JobRunRecorder.KeptPerJob + 20).Select(i =>
            $"('DEFAULT', 'workflow-timers', 'old-node', now() - interval '1 day' + {i} * interval '1 second', interval '0', true)"));
        await TestSql.ExecuteAsync(_app.ConnectionString,
            $"""INSERT INTO "JobRuns" ("JobGroup", "JobName", "Node", "StartedAt", "Duration", "Succeeded") VALUES {old}""");

        await WaitForRunAsync(await SignedInAsync(Roles.Admin), "workflow-timers", node: await NodeAsync());

        var kept = await _app.WithDbAsync(db => db.Set<JobRun>().Where(r => r.JobName == "workflow-timers").ToListAsync());
        Assert.Equal(JobRunRecorder.KeptPerJob, kept.Count);
        Assert.Contains(kept, r => r.Node != "old-node");
    }

    private async Task<HttpClient> SignedInAsync(string role)
    {
        var user = await _app.CreateUserAsync(role, demo: true); // demo staff accounts need no second factor
        return await _app.SignedInClientAsync(user.Email!);
    }

    private async Task<string> NodeAsync() =>
        (await _app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler()).SchedulerInstanceId;

    /// <summary>The page's newest row for a run of <paramref name="job"/> (on <paramref name="node"/>, if given), once there is one.</summary>
    private static async Task<IElement> WaitForRunAsync(HttpClient client, string job, string? node = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var page = await client.GetDocumentAsync("/admin/jobs");
            var run = page.QuerySelectorAll($"#job-runs tr[data-job='{job}']")
                .FirstOrDefault(r => node is null || r.TextContent.Contains(node, StringComparison.Ordinal));
            if (run is not null)
            {
                return run;
            }

            Assert.True(DateTime.UtcNow < deadline, $"No run of {job} was recorded within 30 seconds.");
            await Task.Delay(200);
        }
    }

    [GeneratedRegex(@"^(?<time>\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}:\d{2}) (МСК|MSK)$")]
    private static partial Regex MoscowTime();

    /// <summary>A job that always fails, scheduled by the test.</summary>
    public sealed class FailingJob : IJob
    {
        public const string Message = "This job fails on purpose.";

        public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
            throw new InvalidOperationException(Message);
    }
}
