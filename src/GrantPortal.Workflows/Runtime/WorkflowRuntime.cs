using GrantPortal.Workflows.Definitions;
using GrantPortal.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace GrantPortal.Workflows.Runtime;

/// <summary>A signal to an instance: fire <paramref name="Trigger"/>, at most once per <paramref name="IdempotencyKey"/>.</summary>
/// <param name="ExpectedSequence">The sequence the caller saw; when the instance has moved on, the signal is a conflict.</param>
public sealed record WorkflowSignal(
    string Trigger,
    string IdempotencyKey,
    int? ExpectedSequence = null,
    string? Comment = null,
    IReadOnlyDictionary<string, string>? Payload = null);

/// <summary>
/// Starts instances, fires signals and says what an actor may do. Every transition is one database transaction
/// holding a row lock on the instance: the state change, its journal entry, its tasks and timers, and the effects'
/// own writes (through the same <see cref="DbContext"/>) commit together or not at all. The lock serialises signals
/// to one instance; the journal's unique (instance, sequence) and (instance, idempotency key) indexes make a lost or
/// doubled transition impossible even if the lock were bypassed. Cost per transition does not depend on how many
/// instances exist: every query goes by primary key or by instance.
/// </summary>
public sealed class WorkflowRuntime(
    DbContext db,
    WorkflowCatalog catalog,
    WorkflowHandlers handlers,
    IServiceProvider services,
    TimeProvider clock,
    ILogger<WorkflowRuntime> logger,
    IEnumerable<IWorkflowObserver> observers)
{
    /// <summary>How long a timer whose transition failed waits before it is tried again.</summary>
    public static readonly TimeSpan TimerRetryDelay = TimeSpan.FromMinutes(1);

    /// <summary>The reason given for a transition whose guards or effects the app has not built yet.</summary>
    public const string NotAvailableYet = "This step is not available yet.";

    private static readonly IReadOnlyDictionary<string, string> NoPayload = new Dictionary<string, string>();

    /// <summary>Starts the newest version of a workflow for a subject, or returns the subject's running instance.</summary>
    public async Task<WorkflowInstance> StartAsync(string definitionId, string subjectId, WorkflowActor actor, CancellationToken cancellationToken = default)
    {
        var definition = catalog.LatestOf(definitionId);
        if (await RunningAsync(definitionId, subjectId, cancellationToken) is { } running)
        {
            return running;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var instance = new WorkflowInstance
        {
            Id = Guid.CreateVersion7(),
            DefinitionId = definition.Id,
            Version = definition.Version,
            SubjectId = subjectId,
            State = definition.InitialState,
            Sequence = 1,
            StartedAt = now,
            UpdatedAt = now,
        };

        try
        {
            await InTransactionAsync(async () =>
            {
                // Recorded once, so that this version can be rebuilt after its file has changed.
                await db.Database.ExecuteSqlInterpolatedAsync($"""
                    INSERT INTO "WorkflowDefinitions" ("DefinitionId", "Version", "Content", "FirstSeenAt")
                    VALUES ({definition.Id}, {definition.Version}, {catalog.ContentOf(definition)}, {now})
                    ON CONFLICT DO NOTHING
                    """, cancellationToken);
                db.Add(instance);
                db.Add(new WorkflowJournalEntry
                {
                    InstanceId = instance.Id, Sequence = instance.Sequence, At = now, ActorId = actor.Id, ActorName = actor.DisplayName,
                    ToState = instance.State, Trigger = "start", IdempotencyKey = "start",
                });
                var context = Context(instance, definition, null, "start", actor, new WorkflowSignal("start", "start"));
                var (bookmarks, timers) = await EnterAsync(instance, definition.State(instance.State), context, now, cancellationToken);
                db.AddRange(bookmarks);
                db.AddRange(timers);
                await ObserveAsync(context, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                return null;
            }, cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Another request started this subject's instance at the same moment: there is still only one.
            db.ChangeTracker.Clear();
            return await RunningAsync(definitionId, subjectId, cancellationToken)
                ?? throw new InvalidOperationException($"The instance for {subjectId} vanished while starting.", e);
        }

        return instance;
    }

    /// <summary>Fires a signal as <paramref name="actor"/>. Never throws for a refused or conflicting signal: see the outcome.</summary>
    public async Task<FireResult> FireAsync(Guid instanceId, WorkflowSignal signal, WorkflowActor actor, CancellationToken cancellationToken = default)
    {
        FireResult? result = null;
        await InTransactionAsync(async () =>
        {
            (result, var writes) = await FireLockedAsync(instanceId, signal, actor, cancellationToken);
            return writes;
        }, cancellationToken);
        return result!;
    }

    /// <summary>The triggers <paramref name="actor"/>'s roles allow in the current state, each with whether its guards hold now.</summary>
    public async Task<IReadOnlyList<AvailableAction>> GetActionsAsync(Guid instanceId, WorkflowActor actor, CancellationToken cancellationToken = default) =>
        await GetActionsAsync(await db.Set<WorkflowInstance>().AsNoTracking().SingleAsync(i => i.Id == instanceId, cancellationToken), actor, cancellationToken);

    /// <summary>As the other overload, for an instance the caller has just read (a page showing it), saving a query.</summary>
    public async Task<IReadOnlyList<AvailableAction>> GetActionsAsync(WorkflowInstance instance, WorkflowActor actor, CancellationToken cancellationToken = default)
    {
        var definition = await DefinitionAsync(instance, cancellationToken);
        var actions = new List<AvailableAction>();
        foreach (var transition in definition.TransitionsFrom(instance.State).Where(t => t.Roles.Intersect(actor.Roles).Any()))
        {
            var context = Context(instance, definition, transition, transition.Trigger, actor, new WorkflowSignal(transition.Trigger, ""));
            var failed = handlers.NeedsPending(transition) ? null : await FailedGuardsAsync(transition, context, cancellationToken);
            actions.Add(failed is null
                ? new AvailableAction(transition.Trigger, transition.Name, [NotAvailableYet], [])
                : new AvailableAction(transition.Trigger, transition.Name, [.. failed.Select(f => f.Reason)], [.. failed.Select(f => f.Guard)]));
        }

        return actions;
    }

    /// <summary>
    /// Fires the timers due by now, each in its own transaction, as the system. A timer row is claimed with
    /// FOR UPDATE SKIP LOCKED and deleted with its transition, so across app instances and restarts each fires once.
    /// Its instance is claimed in the same statement: a timer whose instance someone is acting on is left for the next
    /// run, rather than held while waiting for that instance (whose transition wants to delete the timer: a deadlock).
    /// </summary>
    /// <returns>How many timers fired.</returns>
    public async Task<int> FireDueTimersAsync(int batchSize = 100, CancellationToken cancellationToken = default)
    {
        var fired = 0;
        while (fired < batchSize)
        {
            WorkflowTimer? timer = null;
            try
            {
                await InTransactionAsync(async () =>
                {
                    var now = clock.GetUtcNow().UtcDateTime;
                    timer = await db.Set<WorkflowTimer>()
                        .FromSqlInterpolated($"""
                            SELECT t.* FROM "WorkflowTimers" t JOIN "WorkflowInstances" i ON i."Id" = t."InstanceId"
                            WHERE t."DueAt" <= {now} ORDER BY t."DueAt" LIMIT 1 FOR UPDATE OF t, i SKIP LOCKED
                            """)
                        .SingleOrDefaultAsync(cancellationToken);
                    if (timer is null)
                    {
                        return null;
                    }

                    db.Remove(timer);
                    await db.SaveChangesAsync(cancellationToken);
                    var (_, writes) = await FireLockedAsync(timer.InstanceId, new WorkflowSignal(timer.Trigger, $"timer:{timer.Id}"), WorkflowActor.System, cancellationToken);
                    return writes;
                }, cancellationToken);
            }
            catch (Exception e) when (timer is not null && e is not OperationCanceledException)
            {
                // The transition rolled back and the timer with it; put it off so that one failing timer cannot
                // hold up the others, and try it again later.
                logger.LogError(e, "Timer {TimerId} ({Trigger}) of instance {InstanceId} failed; retrying in {Delay}",
                    timer.Id, timer.Trigger, timer.InstanceId, TimerRetryDelay);
                var retryAt = clock.GetUtcNow().UtcDateTime + TimerRetryDelay;
                await db.Set<WorkflowTimer>().Where(t => t.Id == timer.Id)
                    .ExecuteUpdateAsync(u => u.SetProperty(t => t.DueAt, retryAt), cancellationToken);
                continue;
            }

            if (timer is null)
            {
                break;
            }

            fired++;
        }

        return fired;
    }

    /// <returns>
    /// The outcome, and for a transition taken the engine's own writes, which the caller sends last (with the commit
    /// when the transaction is the runtime's own). The effects' and observers' writes through the context are saved
    /// before that, in the same transaction.
    /// </returns>
    private async Task<(FireResult Result, NpgsqlBatch? Writes)> FireLockedAsync(
        Guid instanceId, WorkflowSignal signal, WorkflowActor actor, CancellationToken cancellationToken)
    {
        var (instance, alreadyApplied, waiting) = await LockAsync(instanceId, signal.IdempotencyKey, cancellationToken);
        if (alreadyApplied)
        {
            return (Result(FireOutcome.AlreadyApplied, instance), null);
        }

        if (signal.ExpectedSequence is { } expected && expected != instance.Sequence)
        {
            return (Result(FireOutcome.Conflict, instance, "Someone else acted on this at the same time. Reload the page to see what changed."), null);
        }

        var definition = await DefinitionAsync(instance, cancellationToken);
        var transition = definition.FindTransition(instance.State, signal.Trigger);
        if (transition is null || !transition.Roles.Intersect(actor.Roles).Any())
        {
            return (Result(FireOutcome.NotAllowed, instance, "This action is not possible now."), null);
        }

        if (handlers.NeedsPending(transition))
        {
            return (Result(FireOutcome.NotAllowed, instance, NotAvailableYet), null);
        }

        var context = Context(instance, definition, transition, signal.Trigger, actor, signal);
        var reasons = (await FailedGuardsAsync(transition, context, cancellationToken)).Select(f => f.Reason).ToList();
        if (reasons.Count > 0)
        {
            return (new FireResult(FireOutcome.GuardFailed, instance.State, instance.Sequence, reasons), null);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var from = instance.State;
        var writes = new List<NpgsqlBatchCommand>();
        if (!transition.IsInternal(from))
        {
            // The state's tasks and timers end with it: deleted by the ids read under the lock, so the new state's
            // that the effects may add stay.
            writes.AddRange(Delete("WorkflowBookmarks", waiting.Bookmarks));
            writes.AddRange(Delete("WorkflowTimers", waiting.Timers));
            instance.State = transition.To;
            var (bookmarks, timers) = await EnterAsync(instance, definition.State(transition.To), context, now, cancellationToken);
            writes.AddRange(bookmarks.Select(Insert));
            writes.AddRange(timers.Select(Insert));
        }

        var move = Move(instance, from, actor, signal, now);
        instance.Sequence++;
        instance.UpdatedAt = now;
        foreach (var effect in transition.Effects)
        {
            await handlers.Effect(effect).RunAsync(context, cancellationToken);
        }

        if (!transition.IsInternal(from))
        {
            await ObserveAsync(context, cancellationToken);
        }

        if (db.ChangeTracker.HasChanges())
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        Refresh(instance, waiting);
        return (Result(FireOutcome.Applied, instance), Batch([move, .. writes]));
    }

    /// <summary>
    /// Moves the instance, as read under the lock, to the state it now has, and journals the transition, in one
    /// statement. The update repeats the sequence read under the lock; should it find the instance moved on all the
    /// same, the journal's sequence is null and the statement fails, so the transaction cannot commit (the commit may be
    /// in the same batch, so a row count checked afterwards would be too late).
    /// </summary>
    private static NpgsqlBatchCommand Move(WorkflowInstance instance, string from, WorkflowActor actor, WorkflowSignal signal, DateTime now) =>
        Command("""
            WITH moved AS (
                UPDATE "WorkflowInstances" SET "State" = $3, "Sequence" = "Sequence" + 1, "IsFinished" = $4, "UpdatedAt" = $5
                WHERE "Id" = $1 AND "Sequence" = $2
                RETURNING "Sequence")
            INSERT INTO "WorkflowJournal" ("InstanceId", "Sequence", "At", "ActorId", "ActorName", "FromState", "ToState", "Trigger", "Comment", "IdempotencyKey")
            VALUES ($1, (SELECT "Sequence" FROM moved), $5, $6, $7, $8, $3, $9, $10, $11)
            """,
            instance.Id, instance.Sequence, instance.State, instance.IsFinished, now, actor.Id, actor.DisplayName, from, signal.Trigger, signal.Comment, signal.IdempotencyKey);

    /// <summary>
    /// Locks the instance and says whether a signal with <paramref name="idempotencyKey"/> was applied to it, and which
    /// tasks and timers wait in its state, in one round trip. The later statements of the batch take their own
    /// snapshots once the lock is held (read committed), so they see every transition committed before; subqueries of
    /// the locking statement would not, as its snapshot predates the wait for the lock. Tasks and timers of a locked
    /// instance change only under its lock, so the lists stay true until this transaction ends.
    /// </summary>
    private async Task<(WorkflowInstance Instance, bool AlreadyApplied, Waiting Waiting)> LockAsync(
        Guid instanceId, string idempotencyKey, CancellationToken cancellationToken)
    {
        await using var batch = Batch([
            Command("""
                SELECT "Id", "DefinitionId", "Version", "SubjectId", "State", "Sequence", "IsFinished", "StartedAt", "UpdatedAt"
                FROM "WorkflowInstances" WHERE "Id" = $1 FOR UPDATE
                """, instanceId),
            Command("""SELECT EXISTS (SELECT 1 FROM "WorkflowJournal" WHERE "InstanceId" = $1 AND "IdempotencyKey" = $2)""", instanceId, idempotencyKey),
            Command("""SELECT "Id" FROM "WorkflowBookmarks" WHERE "InstanceId" = $1""", instanceId),
            Command("""SELECT "Id" FROM "WorkflowTimers" WHERE "InstanceId" = $1""", instanceId),
        ]);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var locked = await reader.ReadAsync(cancellationToken)
            ? new WorkflowInstance
            {
                Id = reader.GetGuid(0),
                DefinitionId = reader.GetString(1),
                Version = reader.GetString(2),
                SubjectId = reader.GetString(3),
                State = reader.GetString(4),
                Sequence = reader.GetInt32(5),
                IsFinished = reader.GetBoolean(6),
                StartedAt = reader.GetDateTime(7),
                UpdatedAt = reader.GetDateTime(8),
            }
            : throw new KeyNotFoundException($"No workflow instance {instanceId}.");
        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var alreadyApplied = reader.GetBoolean(0);
        var bookmarks = await IdsAsync(reader, cancellationToken);
        var timers = await IdsAsync(reader, cancellationToken);
        return (locked, alreadyApplied, new Waiting(bookmarks, timers));
    }

    /// <summary>The ids of an instance's waiting tasks and timers, read under its lock.</summary>
    private sealed record Waiting(List<Guid> Bookmarks, List<Guid> Timers);

    private static async Task<List<Guid>> IdsAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        await reader.NextResultAsync(cancellationToken);
        var ids = new List<Guid>();
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    /// <summary>
    /// Gives a copy of the instance the context tracks (read earlier in the scope) the values just written, and
    /// forgets the deleted tasks and timers it tracks, as the engine writes its rows itself rather than through the
    /// context. Should the writes fail, the transaction rolls back and the context is cleared.
    /// </summary>
    private void Refresh(WorkflowInstance written, Waiting deleted)
    {
        if (db.Set<WorkflowInstance>().Local.FindEntry(written.Id) is { } tracked)
        {
            tracked.CurrentValues.SetValues(written);
            tracked.OriginalValues.SetValues(written);
            tracked.State = EntityState.Unchanged;
        }

        Forget<WorkflowBookmark>(deleted.Bookmarks);
        Forget<WorkflowTimer>(deleted.Timers);
    }

    private void Forget<T>(List<Guid> ids)
        where T : class
    {
        foreach (var id in ids)
        {
            if (db.Set<T>().Local.FindEntry(id) is { } tracked)
            {
                tracked.State = EntityState.Detached;
            }
        }
    }

    /// <summary>A batch in the context's transaction, with its command timeout.</summary>
    private NpgsqlBatch Batch(IEnumerable<NpgsqlBatchCommand> commands)
    {
        var batch = new NpgsqlBatch((NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction());
        foreach (var command in commands)
        {
            batch.BatchCommands.Add(command);
        }

        if (db.Database.GetCommandTimeout() is { } timeout)
        {
            batch.Timeout = timeout;
        }

        return batch;
    }

    /// <summary>A statement with positional parameters; a null is text, the only type of the engine's nullable columns.</summary>
    private static NpgsqlBatchCommand Command(string sql, params object?[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(parameter is null
                ? new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text }
                : new NpgsqlParameter { Value = parameter });
        }

        return command;
    }

    private static IEnumerable<NpgsqlBatchCommand> Delete(string table, List<Guid> ids) =>
        ids.Count == 0 ? [] : [Command($"""DELETE FROM "{table}" WHERE "Id" = ANY($1)""", ids.ToArray())];

    private static NpgsqlBatchCommand Insert(WorkflowBookmark bookmark) =>
        Command("""
            INSERT INTO "WorkflowBookmarks" ("Id", "InstanceId", "State", "Role", "CreatedAt") VALUES ($1, $2, $3, $4, $5)
            """, bookmark.Id, bookmark.InstanceId, bookmark.State, bookmark.Role, bookmark.CreatedAt);

    private static NpgsqlBatchCommand Insert(WorkflowTimer timer) =>
        Command("""
            INSERT INTO "WorkflowTimers" ("Id", "InstanceId", "State", "Trigger", "DueAt", "CreatedAt") VALUES ($1, $2, $3, $4, $5, $6)
            """, timer.Id, timer.InstanceId, timer.State, timer.Trigger, timer.DueAt, timer.CreatedAt);

    /// <summary>The tasks and timers of the state the instance enters, for the caller to write; marks a final state's instance finished.</summary>
    private async Task<(List<WorkflowBookmark> Bookmarks, List<WorkflowTimer> Timers)> EnterAsync(
        WorkflowInstance instance, StateDefinition state, WorkflowContext context, DateTime now, CancellationToken cancellationToken)
    {
        var bookmarks = state.Awaits
            .Select(role => new WorkflowBookmark { Id = Guid.CreateVersion7(), InstanceId = instance.Id, State = state.Id, Role = role, CreatedAt = now })
            .ToList();
        var timers = new List<WorkflowTimer>();
        foreach (var timer in state.Timers.Where(t => t.At is null || !handlers.IsPending(t.At)))
        {
            var due = timer.After is { } after
                ? now + after
                : (await handlers.DateSource(timer.At!).GetAsync(context with { ToState = state.Id }, cancellationToken))?.UtcDateTime + timer.Offset;
            if (due is { } dueAt)
            {
                timers.Add(new WorkflowTimer { Id = Guid.CreateVersion7(), InstanceId = instance.Id, State = state.Id, Trigger = timer.Trigger, DueAt = dueAt, CreatedAt = now });
            }
        }

        instance.IsFinished = state.IsFinal;
        return (bookmarks, timers);
    }

    private async Task ObserveAsync(WorkflowContext context, CancellationToken cancellationToken)
    {
        foreach (var observer in observers)
        {
            await observer.StateEnteredAsync(context, cancellationToken);
        }
    }

    private async Task<List<(string Guard, string Reason)>> FailedGuardsAsync(TransitionDefinition transition, WorkflowContext context, CancellationToken cancellationToken)
    {
        var failed = new List<(string, string)>();
        foreach (var guard in transition.Guards)
        {
            var result = await handlers.Guard(guard).CheckAsync(context, cancellationToken);
            if (!result.Holds)
            {
                failed.Add((guard, result.Reason ?? guard));
            }
        }

        return failed;
    }

    /// <summary>The definition version the instance runs on (which may be older than the newest file).</summary>
    public Task<WorkflowDefinition> DefinitionAsync(WorkflowInstance instance, CancellationToken cancellationToken = default) =>
        catalog.GetAsync(instance.DefinitionId, instance.Version, () => db.Set<WorkflowDefinitionRecord>()
            .Where(d => d.DefinitionId == instance.DefinitionId && d.Version == instance.Version)
            .Select(d => d.Content)
            .SingleAsync(cancellationToken));

    private Task<WorkflowInstance?> RunningAsync(string definitionId, string subjectId, CancellationToken cancellationToken) =>
        db.Set<WorkflowInstance>().SingleOrDefaultAsync(i => i.DefinitionId == definitionId && i.SubjectId == subjectId && !i.IsFinished, cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> in the caller's transaction if there is one, else in a new one. The writes the work
    /// returns go last; in a transaction of the runtime's own they carry the commit, which saves a round trip.
    /// </summary>
    private async Task InTransactionAsync(Func<Task<NpgsqlBatch?>> work, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            await using var writes = await work();
            if (writes is not null)
            {
                await SendAsync(writes, cancellationToken);
            }

            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Any failure rolls the whole transaction back, so SaveChanges need not wrap itself in a savepoint (two more
        // round trips to the server).
        db.Database.AutoSavepointsEnabled = false;
        try
        {
            await using var writes = await work();
            if (writes is null)
            {
                await transaction.CommitAsync(cancellationToken);
            }
            else
            {
                // Npgsql learns from the server's reply that the transaction has ended, so disposing it sends no rollback.
                writes.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
                await SendAsync(writes, cancellationToken);
            }
        }
        catch
        {
            // Rolled back: what the context still tracks describes nothing that exists.
            db.ChangeTracker.Clear();
            throw;
        }
        finally
        {
            db.Database.AutoSavepointsEnabled = true;
        }
    }

    /// <summary>Sends the engine's writes; an instance found moved on under its lock (see <see cref="Move"/>) fails as EF's concurrency check would.</summary>
    private static async Task SendAsync(NpgsqlBatch writes, CancellationToken cancellationToken)
    {
        try
        {
            await writes.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException e) when (e is { SqlState: PostgresErrorCodes.NotNullViolation, TableName: "WorkflowJournal", ColumnName: "Sequence" })
        {
            throw new DbUpdateConcurrencyException("The workflow instance moved on under its lock.", e);
        }
    }

    private WorkflowContext Context(
        WorkflowInstance instance, WorkflowDefinition definition, TransitionDefinition? transition, string trigger, WorkflowActor actor, WorkflowSignal signal) =>
        new(instance.Id, instance.SubjectId, definition, instance.State, transition?.To ?? instance.State, trigger, actor,
            signal.Payload ?? NoPayload, signal.Comment, services);

    private static FireResult Result(FireOutcome outcome, WorkflowInstance instance, params string[] reasons) =>
        new(outcome, instance.State, instance.Sequence, reasons);
}
