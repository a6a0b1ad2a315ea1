using GrantPortal.Web.Features.Decisions;
using GrantPortal.Web.Features.Notifications;
using GrantPortal.Web.Infrastructure.Database;
using GrantPortal.Web.Infrastructure.Email;
using GrantPortal.Web.Infrastructure.Localization;
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
        var pdfPoll = builder.Configuration.GetValue("Decisions:PdfPollInterval", TimeSpan.FromSeconds(10));
        var email = builder.Configuration.GetSection(EmailOptions.Section).Get<EmailOptions>() ?? new EmailOptions();
        var digestAt = builder.Configuration.GetValue(NotificationDigest.TimeSetting, NotificationDigest.DefaultTime);
        // How often a node says it is alive; another node takes over the jobs of one silent for this long plus as long
        // again (Quartz's threshold). Quartz's default is 7.5 s; the fault tests shorten it so a killed node's jobs move on sooner.
        var checkin = builder.Configuration.GetValue<TimeSpan?>("Jobs:ClusterCheckinInterval");
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
                store.UseClustering(cluster =>
                {
                    if (checkin is { } interval)
                    {
                        cluster.CheckinInterval = interval;
                        cluster.CheckinMisfireThreshold = interval;
                    }
                });
            });
            q.AddJobListener<JobRunRecorder>();
            q.AddJob<WorkflowTimersJob>(job => job.WithIdentity(WorkflowTimersJob.Key).StoreDurably());
            q.AddTrigger(trigger => trigger
                .ForJob(WorkflowTimersJob.Key)
                .WithIdentity("workflow-timers-poll")
                .StartNow()
                .WithSimpleSchedule(s => s.WithInterval(timerPoll).RepeatForever()));
            q.AddJob<DecisionPdfJob>(job => job.WithIdentity(DecisionPdfJob.Key).StoreDurably());
            q.AddTrigger(trigger => trigger
                .ForJob(DecisionPdfJob.Key)
                .WithIdentity("decision-pdfs-poll")
                .StartNow()
                .WithSimpleSchedule(s => s.WithInterval(pdfPoll).RepeatForever()));

            q.AddJob<OutboxEmailJob>(job => job.WithIdentity(OutboxEmailJob.Key).StoreDurably());
            if (email.CanDeliver)
            {
                q.AddTrigger(trigger => trigger
                    .ForJob(OutboxEmailJob.Key)
                    .WithIdentity("outbox-email-poll")
                    .StartNow()
                    .WithSimpleSchedule(s => s.WithInterval(email.PollInterval).RepeatForever()));
            }

            // Daily, Moscow time; a day missed while every node was down is sent once when one comes back. A run cut
            // short by a node's death is run again by the node that notices (recovery), rather than leaving the people not
            // yet served to tomorrow: the digest claims and marks each person's rows, so no one gets two.
            q.AddJob<NotificationDigestJob>(job => job.WithIdentity(NotificationDigestJob.Key).StoreDurably().RequestRecovery());
            q.AddTrigger(trigger => trigger
                .ForJob(NotificationDigestJob.Key)
                .WithIdentity("notification-digest-daily")
                .WithCronSchedule($"0 {digestAt.Minute} {digestAt.Hour} * * ?", cron => cron
                    .InTimeZone(Formats.MoscowZone)
                    .WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
        });
        builder.Services.AddQuartzHostedService(options => options.WaitForJobsToComplete = true);
    }
}
