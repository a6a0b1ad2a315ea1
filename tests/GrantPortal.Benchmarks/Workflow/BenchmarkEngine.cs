using GrantPortal.Workflows.Persistence;
using GrantPortal.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GrantPortal.Benchmarks.Workflow;

/// <summary>
/// The engine alone over a database migrated with the app's scripts, wired as the app wires it: a scoped database
/// context and runtime, so every transition gets a fresh scope as a web request would.
/// </summary>
public sealed class BenchmarkEngine(ServiceProvider services) : IAsyncDisposable
{
    /// <param name="logSql">When given, receives every SQL command executed and every commit.</param>
    public static BenchmarkEngine Create(string connectionString, Action<string>? logSql = null)
    {
        var services = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton(TimeProvider.System)
            .AddDbContext<DbContext, EngineDbContext>(o =>
            {
                o.UseNpgsql(connectionString);
                if (logSql is not null)
                {
                    o.LogTo(logSql, [RelationalEventId.CommandExecuted, RelationalEventId.TransactionCommitted]);
                }
            })
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
