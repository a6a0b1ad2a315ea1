using GrantPortal.Testing;
using GrantPortal.Web.Data;
using GrantPortal.Web.Domain;
using GrantPortal.Web.Infrastructure.Email;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GrantPortal.Web.Tests.Infrastructure.Email;

public sealed class OutboxEmailSenderTests(PortalFixture fixture) : IClassFixture<PortalFixture>, IDisposable
{
    private readonly string _pickup = Path.Combine(Path.GetTempPath(), "grantportal-pickup", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task QueuedEmail_IsDeliveredToThePickupFolder_AndMarkedSent()
    {
        await using var app = fixture.App.WithWebHostBuilder(b => b
            .UseSetting("Email:PickupDirectory", _pickup)
            .UseSetting("Email:PollInterval", "00:00:00.200"));
        using (var scope = app.Services.CreateScope())
        {
            var services = scope.ServiceProvider;
            services.GetRequiredService<EmailOutbox>().Queue("reader@example.test", "Проверка доставки", "<p>Текст</p>");
            await services.GetRequiredService<PortalDbContext>().SaveChangesAsync();
        }

        var email = await WaitUntilSentAsync(app.Services, "reader@example.test");

        Assert.NotNull(email.SentAt);
        Assert.Equal(1, email.Attempts);
        var file = Assert.Single(Directory.EnumerateFiles(_pickup, "*.eml"));
        Assert.Contains("reader@example.test", await File.ReadAllTextAsync(file));
    }

    private static async Task<OutboxEmail> WaitUntilSentAsync(IServiceProvider services, string to)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            using var scope = services.CreateScope();
            var email = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().OutboxEmails.AsNoTracking().SingleAsync(e => e.To == to);
            if (email.SentAt is not null || DateTime.UtcNow > deadline)
            {
                return email;
            }

            await Task.Delay(100);
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_pickup))
        {
            Directory.Delete(_pickup, recursive: true);
        }
    }
}
