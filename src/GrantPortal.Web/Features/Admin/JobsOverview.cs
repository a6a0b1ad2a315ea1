using GrantPortal.Web.Data;
using GrantPortal.Web.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Quartz;

namespace GrantPortal.Web.Features.Admin;

/// <param name="LastNode">The cluster node that ran the job last, from the recorded runs.</param>
public sealed record ScheduledJob(
    JobKey Job, string? Trigger, TriggerState? State, DateTime? NextFireAt, DateTime? PreviousFireAt, string? LastNode);

public sealed record JobsPage(IReadOnlyList<ScheduledJob> Jobs, IReadOnlyList<JobRun> RecentRuns);

/// <summary>
/// The background jobs for the admins' jobs page: every job and trigger as Quartz's job store holds them (so the
/// same on every node of the cluster), and the newest runs <see cref="JobRunRecorder"/> wrote.
/// </summary>
public sealed class JobsOverview(ISchedulerFactory schedulers, PortalDbContext db)
{
    public const int RecentRuns = 50;

    // The app has a handful of jobs; a page of this many is all of them.
    private const int Listed = 200;

    public async Task<JobsPage> LoadAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var jobs = await scheduler.QueryJobs(new JobQuery { Take = Listed }, cancellationToken);
        var triggers = (await scheduler.QueryTriggers(new TriggerQuery { Take = Listed }, cancellationToken)).Items.ToLookup(t => t.JobKey);
        var runs = db.Set<JobRun>().AsNoTracking();
        var lastNodes = await runs
            .Where(r => r.Id == runs.Where(o => o.JobGroup == r.JobGroup && o.JobName == r.JobName).Max(o => o.Id))
            .ToDictionaryAsync(r => new JobKey(r.JobName, r.JobGroup), r => r.Node, cancellationToken);
        var scheduled = jobs.Items
            .SelectMany(job => triggers[job.Key].DefaultIfEmpty().Select(trigger => new ScheduledJob(
                job.Key, trigger?.Key.Name, trigger?.State, trigger?.NextFireTimeUtc?.UtcDateTime, trigger?.PreviousFireTimeUtc?.UtcDateTime,
                lastNodes.GetValueOrDefault(job.Key))))
            .ToList();
        var recent = await runs.OrderByDescending(r => r.Id).Take(RecentRuns).ToListAsync(cancellationToken);
        return new JobsPage(scheduled, recent);
    }

    /// <summary>A trigger's state as the page names it.</summary>
    public static string Describe(TriggerState state, IStringLocalizer l) => state switch
    {
        TriggerState.Normal => l["Scheduled"],
        TriggerState.Executing => l["Running"],
        TriggerState.Paused => l["Paused"],
        TriggerState.Blocked => l["Waiting for its previous run"],
        TriggerState.Awaiting => l["Waiting for another job"],
        TriggerState.Complete => l["Will not run again"],
        TriggerState.Error => l["Error"],
        _ => l["Unknown"],
    };
}
