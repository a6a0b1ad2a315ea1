using GrantPortal.Testing;
using GrantPortal.Web.Data;
using GrantPortal.Web.Domain;
using GrantPortal.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace GrantPortal.Web.Tests.Infrastructure.Email;

/// <summary>The sender itself, run by hand (this fixture's app has no pickup folder, so its own job stays idle).</summary>
public sealed class OutboxDeliveryTests(PortalFixture fixture) : IClassFixture<PortalFixture>, IDisposable
{
    private readonly string _pickup = Path.Combine(Path.GetTempPath(), "grantportal-pickup", Guid.NewGuid().ToString("N"));

    private PortalAppFactory App => fixture.App;

    [Fact]
    public async Task EachEmail_IsSentOnce_AcrossTwoRuns_IntoAFileNamedByItsId()
    {
        var ids = await QueueAsync(5);

        Assert.Equal(5, await SendAsync());
        Assert.Equal(0, await SendAsync());

        var emails = await EmailsAsync(ids);
        Assert.All(emails, e => Assert.Equal((1, (string?)null), (e.Attempts, e.LastError)));
        Assert.All(emails, e => Assert.NotNull(e.SentAt));
        Assert.Equal(ids.Select(id => $"{id:N}.eml").Order(), Directory.EnumerateFiles(_pickup, "*.eml").Select(Path.GetFileName).Order()!);
        var content = await File.ReadAllTextAsync(Path.Combine(_pickup, $"{ids[0]:N}.eml"));
        var messageIds = content.Split("\r\n").Where(line => line.StartsWith("Message-ID:", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.Equal([$"<{ids[0]:N}@grantportal.test>"], messageIds.Select(line => line["Message-ID:".Length..].Trim()));
        Assert.Contains("To: reader0@example.test", content);
    }

    [Fact]
    public async Task TwoSendersAtOnce_SendEachEmailOnce()
    {
        var ids = await QueueAsync(40);

        var counts = await Task.WhenAll(SendAsync(), SendAsync());

        Assert.Equal(40, counts.Sum());
        Assert.All(await EmailsAsync(ids), e => Assert.Equal(1, e.Attempts));
        Assert.Equal(40, Directory.EnumerateFiles(_pickup, "*.eml").Count());
    }

    [Fact]
    public async Task AnEmailUnderAnotherSendersLease_IsLeftAlone_AndAfterTheLeaseIsSentAgainAsTheSameMessage()
    {
        var id = (await QueueAsync(1))[0];
        // A sender claimed it and died before marking it sent: it may or may not have gone out.
        await App.WithDbAsync(db => db.OutboxEmails.Where(e => e.Id == id).ExecuteUpdateAsync(u => u
            .SetProperty(e => e.Attempts, 1).SetProperty(e => e.LastError, OutboxEmailSender.OutcomeUnknown).SetProperty(e => e.NextAttemptAt, DateTime.UtcNow.AddMinutes(4))));
        Directory.CreateDirectory(_pickup);
        await File.WriteAllTextAsync(Path.Combine(_pickup, $"{id:N}.eml"), "the first delivery");

        Assert.Equal(0, await SendAsync());
        await App.WithDbAsync(db => db.OutboxEmails.Where(e => e.Id == id).ExecuteUpdateAsync(u => u.SetProperty(e => e.NextAttemptAt, DateTime.UtcNow.AddSeconds(-1))));
        Assert.Equal(1, await SendAsync());

        var email = Assert.Single(await EmailsAsync([id]));
        Assert.Equal((2, (string?)null), (email.Attempts, email.LastError));
        var file = Assert.Single(Directory.EnumerateFiles(_pickup, "*.eml"));
        Assert.Contains($"Message-ID: <{id:N}@grantportal.test>", await File.ReadAllTextAsync(file), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AFailedDelivery_IsRecorded_AndWaitsItsBackOff()
    {
        var id = (await QueueAsync(1))[0];
        Directory.CreateDirectory(Path.GetDirectoryName(_pickup)!);
        await File.WriteAllTextAsync(_pickup, "a file where the folder should be");
        try
        {
            Assert.Equal(0, await SendAsync());
            Assert.Equal(0, await SendAsync()); // not again before the back-off

            var email = Assert.Single(await EmailsAsync([id]));
            Assert.Equal(1, email.Attempts);
            Assert.NotNull(email.LastError);
            Assert.NotEqual(OutboxEmailSender.OutcomeUnknown, email.LastError);
            Assert.InRange(email.NextAttemptAt!.Value, DateTime.UtcNow.AddSeconds(20), DateTime.UtcNow.AddSeconds(31));
        }
        finally
        {
            File.Delete(_pickup);
            await App.WithDbAsync(db => db.OutboxEmails.Where(e => e.Id == id).ExecuteDeleteAsync());
        }
    }

    [Fact]
    public void TheBackOff_DoublesFromThirtySeconds_UpToAnHour()
    {
        Assert.Equal(
            [30, 60, 120, 240, 480, 960, 1920, 3600, 3600],
            Enumerable.Range(1, 9).Select(a => (int)OutboxEmailSender.BackOff(a).TotalSeconds));
    }

    public void Dispose()
    {
        if (Directory.Exists(_pickup))
        {
            Directory.Delete(_pickup, recursive: true);
        }
    }

    private async Task<List<Guid>> QueueAsync(int count)
    {
        var ids = new List<Guid>();
        await App.WithServicesAsync(async services =>
        {
            var outbox = services.GetRequiredService<EmailOutbox>();
            for (var i = 0; i < count; i++)
            {
                outbox.Queue($"reader{i}@example.test", $"Письмо {i}", $"<p>Текст {i}</p>");
            }

            var db = services.GetRequiredService<PortalDbContext>();
            ids.AddRange(db.ChangeTracker.Entries<OutboxEmail>().Select(e => e.Entity.Id));
            await db.SaveChangesAsync();
        });
        return ids;
    }

    private Task<int> SendAsync() => App.WithDbAsync(db =>
        new OutboxEmailSender(db, Options.Create(new EmailOptions { PickupDirectory = _pickup }), TimeProvider.System, NullLogger<OutboxEmailSender>.Instance)
            .SendDueAsync(1000, CancellationToken.None));

    private Task<List<OutboxEmail>> EmailsAsync(IEnumerable<Guid> ids) =>
        App.WithDbAsync(db => db.OutboxEmails.AsNoTracking().Where(e => ids.Contains(e.Id)).ToListAsync());
}
