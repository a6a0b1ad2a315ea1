using GrantPortal.Testing;
using GrantPortal.Web.Domain;
using GrantPortal.Web.Features.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using static GrantPortal.Web.Tests.Features.Notifications.NotificationSteps;

namespace GrantPortal.Web.Tests.Features.Notifications;

public sealed class NotificationDigestTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private PortalAppFactory App => fixture.App;

    [Fact]
    public async Task ADigestReader_GetsOneEmailWithEveryUnreadItem_OnceHoweverOftenTheDigestRuns()
    {
        var expert = await App.CreateUserAsync(Roles.Expert); // reminders come in the digest by default
        await NotifyAsync(App, expert.Id, NotificationKind.ReviewReminder, count: 3, subject: "Напоминание");
        Assert.Empty(await EmailsToAsync(App, expert.Email!));

        await RunDigestAsync();
        await RunDigestAsync();

        var email = Assert.Single(await EmailsToAsync(App, expert.Email!));
        Assert.Equal("GrantPortal: новых уведомлений — 3", email.Subject);
        Assert.All(["Напоминание 1", "Напоминание 2", "Напоминание 3", "Подробности 2"], text => Assert.Contains(text, email.HtmlBody));
        Assert.All(await NotificationsOfAsync(App, expert.Id), n => Assert.NotNull(n.EmailedAt));
    }

    [Fact]
    public async Task TwoDigestRunsAtOnce_AsOnTwoAppInstances_SendOneEmail()
    {
        var experts = new List<PortalUser>();
        for (var i = 0; i < 5; i++)
        {
            var expert = await App.CreateUserAsync(Roles.Expert);
            await NotifyAsync(App, expert.Id, NotificationKind.ReviewReminder, count: 2);
            experts.Add(expert);
        }

        await Task.WhenAll(RunDigestAsync(), RunDigestAsync(), RunDigestAsync());

        foreach (var expert in experts)
        {
            Assert.Contains("2", Assert.Single(await EmailsToAsync(App, expert.Email!)).Subject);
        }
    }

    [Fact]
    public async Task WhatWasReadBeforeTheDigest_IsNotEmailed_AndWhatCameAtOnceIsNotRepeated()
    {
        var expert = await App.CreateUserAsync(Roles.Expert);
        await NotifyAsync(App, expert.Id, NotificationKind.ReviewReminder, count: 2, subject: "Напоминание");
        await NotifyAsync(App, expert.Id, NotificationKind.Assigned, subject: "Предложение");
        var first = (await NotificationsOfAsync(App, expert.Id))[0];
        await App.WithDbAsync(db => db.Notifications.Where(n => n.Id == first.Id).ExecuteUpdateAsync(u => u.SetProperty(n => n.ReadAt, DateTime.UtcNow)));

        await RunDigestAsync();

        var emails = await EmailsToAsync(App, expert.Email!);
        Assert.Equal(2, emails.Count); // the assignment at once, then the digest
        var digest = Assert.Single(emails, e => e.Subject.StartsWith("GrantPortal:"));
        Assert.Contains("Напоминание 2", digest.HtmlBody);
        Assert.DoesNotContain("Напоминание 1", digest.HtmlBody);
        Assert.DoesNotContain("Предложение", digest.HtmlBody);
    }

    [Fact]
    public async Task TheDigest_IsWrittenInTheReadersLanguage()
    {
        var expert = await App.CreateUserAsync(Roles.Expert);
        await App.WithDbAsync(db => db.Users.Where(u => u.Id == expert.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.PreferredCulture, "en")));
        await NotifyAsync(App, expert.Id, NotificationKind.ReviewReminder, count: 2);

        await RunDigestAsync();

        var email = Assert.Single(await EmailsToAsync(App, expert.Email!));
        Assert.Equal("GrantPortal: 2 new notifications", email.Subject);
        Assert.Contains("What happened on GrantPortal since the last digest", email.HtmlBody);
    }

    [Fact]
    public async Task TheDigestJob_RunsThroughTheClusteredScheduler()
    {
        var expert = await App.CreateUserAsync(Roles.Expert);
        await NotifyAsync(App, expert.Id, NotificationKind.ReviewReminder, count: 2);
        var scheduler = await App.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();

        await scheduler.TriggerJob(NotificationDigestJob.Key);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await EmailsToAsync(App, expert.Email!)).Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        Assert.Single(await EmailsToAsync(App, expert.Email!));
        var trigger = await scheduler.GetTrigger(new TriggerKey("notification-digest-daily"));
        var next = Assert.IsAssignableFrom<ICronTrigger>(trigger).NextFireTimeUtc!.Value;
        Assert.Equal((5, 0), (next.UtcDateTime.Hour, next.UtcDateTime.Minute)); // 08:00 in Moscow
    }

    private Task RunDigestAsync() => App.WithServicesAsync(services => services.GetRequiredService<NotificationDigest>().SendAsync(CancellationToken.None));
}
