using Npgsql;

namespace GrantPortal.Benchmarks.Workflow;

/// <summary>
/// Fills the engine's tables with finished instances of the ring as history: started, round the ring once, closed,
/// with four journal rows each, as if the portal had run for years. Written by the server itself in batches
/// (INSERT ... SELECT generate_series), which is far faster than going through the engine.
/// </summary>
public static class FinishedInstances
{
    private const int BatchSize = 10_000;

    public static async Task SeedAsync(
        string connectionString, string version, int count, Action<string> progress, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var startedAt = DateTime.UtcNow.AddYears(-3);
        for (var from = 0; from < count; from += BatchSize)
        {
            await using var insert = new NpgsqlCommand("""
                WITH instances AS (
                    INSERT INTO "WorkflowInstances"
                        ("Id", "DefinitionId", "Version", "SubjectId", "State", "Sequence", "IsFinished", "StartedAt", "UpdatedAt")
                    SELECT gen_random_uuid(), $1, $2, 'finished-' || n, 'Closed', 4, true,
                           $3 + n * interval '10 minutes', $3 + n * interval '10 minutes' + interval '3 days'
                    FROM generate_series($4::int, $5::int - 1) AS n
                    RETURNING "Id", "StartedAt")
                INSERT INTO "WorkflowJournal"
                    ("InstanceId", "Sequence", "At", "ActorId", "ActorName", "FromState", "ToState", "Trigger", "IdempotencyKey")
                SELECT i."Id", s.sequence, i."StartedAt" + (s.sequence - 1) * interval '1 day', 'bench-clerk', 'Benchmark clerk',
                       s.from_state, s.to_state, s.trigger, CASE WHEN s.sequence = 1 THEN 'start' ELSE gen_random_uuid()::text END
                FROM instances i
                CROSS JOIN (VALUES (1, NULL, 'A', 'start'), (2, 'A', 'B', 'toB'), (3, 'B', 'C', 'toC'), (4, 'C', 'Closed', 'close'))
                    AS s(sequence, from_state, to_state, trigger)
                """, connection);
            var to = Math.Min(from + BatchSize, count);
            insert.Parameters.Add(new() { Value = RingFlow.Id });
            insert.Parameters.Add(new() { Value = version });
            insert.Parameters.Add(new() { Value = startedAt });
            insert.Parameters.Add(new() { Value = from });
            insert.Parameters.Add(new() { Value = to });
            insert.CommandTimeout = 600;
            await insert.ExecuteNonQueryAsync(cancellationToken);
            progress($"seeded {to:N0} / {count:N0} finished instances");
        }

    }

    /// <summary>
    /// Fresh statistics before measuring. No CHECKPOINT: right after one, every page written first goes whole into the
    /// WAL, which made the round after it up to twice as slow.
    /// </summary>
    public static async Task AnalyzeAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var analyze = new NpgsqlCommand("ANALYZE", connection) { CommandTimeout = 600 };
        await analyze.ExecuteNonQueryAsync(cancellationToken);
    }
}
