using GrantPortal.Web.Infrastructure.Database;
using GrantPortal.Workflows.Persistence;
using GrantPortal.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GrantPortal.Benchmarks.Workflow;

/// <summary>
/// The engine alone over a database migrated with the app's scripts, wired as the app wires it: a pooled database
/// context, a scoped runtime and the app's connection settings, so every transition gets a fresh scope as a web
/// request would.
/// </summary>
public sealed class BenchmarkEngine(ServiceProvider services) : IAsyncDisposable
{
    /// <param name="connectionString">Used as given: pass it through <see cref="DatabaseExtensions.WithPortalSettings"/> to connect as the app does.</param>
    public static BenchmarkEngine Create(string connectionString)
    {
        var services = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton(TimeProvider.System)
            .AddDbContextPool<DbContext, EngineDbContext>(o => o.UseNpgsql(connectionString))
            .AddSingleton(new WorkflowHandlers([new NoOpGuard()], [new NoOpEffect()], []))
            .AddSingleton(sp => new WorkflowCatalog([RingFlow.File], sp.GetRequiredService<WorkflowHandlers>().Vocabulary(RingFlow.Roles)))
            .AddScoped<WorkflowRuntime>()
            .BuildServiceProvider(validateScopes: true);
        services.GetRequiredService<WorkflowCatalog>(); // a bad definition fails here, before anything is measured
        return new BenchmarkEngine(services);
    }

    public string LatestVersion(string definitionId) => services.GetRequiredService<WorkflowCatalog>().LatestOf(definitionId).Version;

    /// <summary>Runs <paramref name="work"/> in a fresh scope: one request's worth of runtime and database context.</summary>
    public async Task<T> RunAsync<T>(Func<WorkflowRuntime, Task<T>> work)
    {
        await using var scope = services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<WorkflowRuntime>());
    }

    public ValueTask DisposeAsync() => services.DisposeAsync();

    private sealed class EngineDbContext(DbContextOptions<EngineDbContext> options) : DbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyWorkflowModel();
    }

    private sealed class NoOpGuard : IWorkflowGuard
    {
        public string Name => RingFlow.Guard;

        public Task<GuardResult> CheckAsync(WorkflowContext context, CancellationToken cancellationToken) => Task.FromResult(GuardResult.Pass);
    }

    private sealed class NoOpEffect : IWorkflowEffect
    {
        public string Name => RingFlow.Effect;

        public Task RunAsync(WorkflowContext context, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
