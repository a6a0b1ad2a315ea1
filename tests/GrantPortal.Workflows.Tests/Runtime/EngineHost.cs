using GrantPortal.Testing;
using GrantPortal.Web.Infrastructure.Database;
using GrantPortal.Workflows.Definitions;
using GrantPortal.Workflows.Persistence;
using GrantPortal.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GrantPortal.Workflows.Tests.Runtime;

/// <summary>
/// The engine alone over a real database of its own: a service provider like the app's (a pooled context, the app's
/// connection settings), without the app.
/// </summary>
public sealed class EngineHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private EngineHost(ServiceProvider services) => _services = services;

    public ManualClock Clock => (ManualClock)_services.GetRequiredService<TimeProvider>();

    public TestHandlers Handlers => _services.GetRequiredService<TestHandlers>();

    /// <param name="files">Definition files (name, JSON); they replace each other by id when the host is rebuilt on the same database.</param>
    /// <param name="pending">Names declared pending instead of registered.</param>
    public static async Task<EngineHost> StartAsync(
        IEnumerable<(string FileName, string Content)> files, string? connectionString = null, string[]? pending = null)
    {
        connectionString ??= await TestDatabaseServer.CreateDatabaseAsync();
        var handlers = new TestHandlers(pending ?? []);
        var services = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton<TimeProvider>(new ManualClock(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero)))
            .AddSingleton(handlers)
            .AddDbContextPool<DbContext, EngineDbContext>(o => o.UseNpgsql(DatabaseExtensions.WithPortalSettings(connectionString)))
            .AddSingleton(sp => new WorkflowHandlers(handlers.Guards, handlers.Effects, handlers.DateSources, pending))
            .AddSingleton(sp => new WorkflowCatalog(files, sp.GetRequiredService<WorkflowHandlers>().Vocabulary(TestHandlers.Roles)))
            .AddSingleton<IWorkflowObserver>(handlers.Observer)
            .AddScoped<WorkflowRuntime>()
            .BuildServiceProvider(validateScopes: true);
        var host = new EngineHost(services) { ConnectionString = connectionString };
        services.GetRequiredService<WorkflowCatalog>(); // a bad definition fails here, as at the app's start-up
        return host;
    }

    public string ConnectionString { get; private init; } = "";

    /// <summary>Runs <paramref name="work"/> in a fresh scope: one request's worth of runtime and database context.</summary>
    public async Task<T> RunAsync<T>(Func<WorkflowRuntime, DbContext, Task<T>> work)
    {
        await using var scope = _services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<WorkflowRuntime>(), scope.ServiceProvider.GetRequiredService<DbContext>());
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    private sealed class EngineDbContext(DbContextOptions<EngineDbContext> options) : DbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyWorkflowModel();
    }
}

/// <summary>Guards, effects and date sources whose behaviour a test sets.</summary>
public sealed class TestHandlers(string[] pending)
{
    public static readonly string[] Roles = ["Applicant", "Officer", "Expert", "Admin"];

    public Dictionary<string, string?> GuardFailures { get; } = [];

    public List<string> EffectsRun { get; } = [];

    public Dictionary<string, DateTimeOffset?> Dates { get; } = [];

    public string? FailingEffect { get; set; }

    /// <summary>What every effect does besides recording that it ran, e.g. write through the database context as the app's do.</summary>
    public Func<WorkflowContext, CancellationToken, Task>? EffectWork { get; set; }

    /// <summary>What the observer was told, as "subject:trigger:state entered".</summary>
    public List<string> StatesEntered { get; } = [];

    public bool ObserverFails { get; set; }

    public IWorkflowObserver Observer => new StateObserver(this);

    // Every name the test flow and the agency's default workflow use, so both load.
    public IEnumerable<IWorkflowGuard> Guards =>
        new[] { "callIsOpen", "applicationComplete", "commentGiven", "formalCheckPassed", "expertsAssigned", "allReviewsSubmitted",
         "scoresWithinDivergence", "submittedReviewChosen", "amountWithinRequest", "withinCallBudget", "fourEyes", "reasonsGiven", "decisionPdfStored" }
        .Except(pending).Select(n => new Guard(n, this));

    public IEnumerable<IWorkflowEffect> Effects =>
        new[] { "assignApplicationNumber", "freezeSubmittedVersion", "notifyApplicant", "notifyOfficers", "notifyExperts",
         "createReviewTasks", "reopenReview", "remindReviewers", "computeScores", "recordDecision", "issueDecisionPdf" }
        .Except(pending).Select(n => new Effect(n, this));

    public IEnumerable<IWorkflowDateSource> DateSources => new[] { "callClosesAt", "reviewDueAt" }.Except(pending).Select(n => new DateSource(n, this));

    private sealed record Guard(string Name, TestHandlers Owner) : IWorkflowGuard
    {
        public Task<GuardResult> CheckAsync(WorkflowContext context, CancellationToken cancellationToken) =>
            Task.FromResult(Owner.GuardFailures.TryGetValue(Name, out var reason) ? GuardResult.Fail(reason ?? Name) : GuardResult.Pass);
    }

    private sealed record Effect(string Name, TestHandlers Owner) : IWorkflowEffect
    {
        public async Task RunAsync(WorkflowContext context, CancellationToken cancellationToken)
        {
            if (Owner.FailingEffect == Name)
            {
                throw new InvalidOperationException($"{Name} failed");
            }

            lock (Owner.EffectsRun)
            {
                Owner.EffectsRun.Add($"{Name}:{context.Trigger}");
            }

            if (Owner.EffectWork is { } work)
            {
                await work(context, cancellationToken);
            }
        }
    }

    private sealed record StateObserver(TestHandlers Owner) : IWorkflowObserver
    {
        public Task StateEnteredAsync(WorkflowContext context, CancellationToken cancellationToken)
        {
            if (Owner.ObserverFails)
            {
                throw new InvalidOperationException("The observer failed");
            }

            lock (Owner.StatesEntered)
            {
                Owner.StatesEntered.Add($"{context.SubjectId}:{context.Trigger}:{context.ToState}");
            }

            return Task.CompletedTask;
        }
    }

    private sealed record DateSource(string Name, TestHandlers Owner) : IWorkflowDateSource
    {
        public Task<DateTimeOffset?> GetAsync(WorkflowContext context, CancellationToken cancellationToken) =>
            Task.FromResult(Owner.Dates.GetValueOrDefault(Name));
    }
}
