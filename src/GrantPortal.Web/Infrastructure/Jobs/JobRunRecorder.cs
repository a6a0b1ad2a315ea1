using GrantPortal.Web.Data;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace GrantPortal.Web.Infrastructure.Jobs;

/// <summary>
/// Records every run of every job, on whichever node ran it, for the jobs page. Each job keeps its newest
/// <see cref="KeptPerJob"/> runs, so the table stays small however often a job runs (the timers job runs every
/// 15 seconds) and a job that runs once a day still shows its history.
/// </summary>
internal sealed class JobRunRecorder(IServiceScopeFactory scopes, ILogger<JobRunRecorder> logger) : IJobListener
{
    public const int KeptPerJob = 100;

    public string Name => nameof(JobRunRecorder);

    public async ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken)
    {
        var job = context.JobDetail.Key;
        try
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            // One transaction, so that no reader sees the new run before the oldest one beyond the limit is gone.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            db.Add(new JobRun
            {
                JobGroup = job.Group,
                JobName = job.Name,
                Node = context.Scheduler.SchedulerInstanceId,
                StartedAt = context.FireTimeUtc.UtcDateTime,
                Duration = context.JobRunTime,
                Succeeded = jobException is null,
                Error = JobsOwnError(jobException)?.Message,
            });
            await db.SaveChangesAsync(cancellationToken);
            await db.Database.ExecuteSqlAsync($"""
                DELETE FROM "JobRuns" WHERE "JobGroup" = {job.Group} AND "JobName" = {job.Name} AND "Id" <= (
                    SELECT "Id" FROM "JobRuns" WHERE "JobGroup" = {job.Group} AND "JobName" = {job.Name}
                    ORDER BY "Id" DESC OFFSET {KeptPerJob} LIMIT 1)
                """, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The job has run either way; a missing line in its history must not look like a failed run.
            logger.LogWarning(e, "Could not record the run of job {Job}", job);
        }
    }

    // Quartz wraps what a job threw, in one or two of its own exceptions ("Job threw an unhandled exception").
    private static Exception? JobsOwnError(Exception? error)
    {
        while (error is SchedulerException { InnerException: { } inner })
        {
            error = inner;
        }

        return error;
    }
}
