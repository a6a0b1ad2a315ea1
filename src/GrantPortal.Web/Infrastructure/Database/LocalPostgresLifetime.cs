namespace GrantPortal.Web.Infrastructure.Database;

/// <summary>Stops the local cluster on shut-down (Ctrl+C) when this process started it; its data stays for the next run.</summary>
internal sealed class LocalPostgresLifetime(LocalPostgres postgres, ILogger<LocalPostgresLifetime> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation("Using the local PostgreSQL server on port {Port}", postgres.Port);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        if (postgres.StartedHere)
        {
            postgres.Stop();
        }

        return Task.CompletedTask;
    }
}
