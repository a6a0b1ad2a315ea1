using GrantPortal.Web.Infrastructure.Database;
using GrantPortal.Web.Infrastructure.Workflows;
using Quartz;

namespace GrantPortal.Web.Infrastructure.Jobs;

public static class JobsExtensions
{
    /// <summary>
    /// Durable background jobs: Quartz with its job store in the app's PostgreSQL database, clustered, so that
    /// several app instances share the work and a job survives a restart.
    /// </summary>
    public static void AddPortalJobs(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(DatabaseExtensions.ConnectionStringName)!;
        var timerPoll = builder.Configuration.GetValue("Workflows:TimerPollInterval", TimeSpan.FromSeconds(15));
        builder.Services.AddSingleton<ISchemaPart, QuartzSchema>();
        builder.Services.AddQuartz(q =>
        {
            q.ConfigureScheduler(scheduler =>
            {
                scheduler.InstanceName = "GrantPortal";
                // Each app instance is its own node of the cluster, even two on one machine.
                scheduler.GenerateInstanceId = true;
            });
            q.UsePersistentStore(store =>
            {
                store.UsePostgres(connectionString);
                store.UseSystemTextJsonSerializer();
                store.UseClustering();
            });
            q.AddJobListener<JobRunRecorder>();
            q.AddJob<WorkflowTimersJob>(job => job.WithIdentity(WorkflowTimersJob.Key).StoreDurably());
            q.AddTrigger(trigger => trigger
                .ForJob(WorkflowTimersJob.Key)
                .WithIdentity("workflow-timers-poll")
                .StartNow()
                .WithSimpleSchedule(s => s.WithInterval(timerPoll).RepeatForever()));
        });
        builder.Services.AddQuartzHostedService(options => options.WaitForJobsToComplete = true);
    }
}
