using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace GrantPortal.Web.Infrastructure.Database;

/// <summary>
/// Applies the numbered SQL scripts in Data/Migrations (embedded in this assembly) in order, each in its own
/// transaction, and records them in <c>__schema_migrations</c>. The dotnet-ef tool is not available here, and
/// plain scripts are easier to review than generated code. An advisory lock makes concurrent start-ups safe:
/// the second instance waits and then finds nothing left to do.
/// </summary>
public sealed class SchemaMigrator(string connectionString, ILogger<SchemaMigrator> logger, IEnumerable<ISchemaPart>? parts = null)
{
    // Any fixed number: it names the lock that every instance of the app takes before migrating.
    private const long AdvisoryLockKey = 0x4772616E74; // "Grant"

    public static IReadOnlyList<MigrationScript> Scripts { get; } = LoadScripts();

    /// <summary>Applies every pending script, or only those up to and including <paramref name="upToVersion"/>.</summary>
    /// <returns>The versions applied by this call.</returns>
    public async Task<IReadOnlyList<string>> MigrateAsync(string? upToVersion = null, CancellationToken cancellationToken = default)
    {
        await EnsureDatabaseExistsAsync(cancellationToken);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, $"SELECT pg_advisory_lock({AdvisoryLockKey})", cancellationToken);
        try
        {
            await ExecuteAsync(connection, """
                CREATE TABLE IF NOT EXISTS "__schema_migrations" (
                    version text PRIMARY KEY,
                    name text NOT NULL,
                    checksum text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now())
                """, cancellationToken);
            var applied = await AppliedAsync(connection, cancellationToken);
            CheckHistory(applied);

            var done = new List<string>();
            foreach (var script in Scripts.Where(s => !applied.ContainsKey(s.Version)))
            {
                if (upToVersion is not null && string.CompareOrdinal(script.Version, upToVersion) > 0)
                {
                    break;
                }

                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await ExecuteAsync(connection, script.Sql, cancellationToken);
                await using (var record = new NpgsqlCommand(
                    """INSERT INTO "__schema_migrations" (version, name, checksum) VALUES ($1, $2, $3)""", connection))
                {
                    record.Parameters.Add(new() { Value = script.Version });
                    record.Parameters.Add(new() { Value = script.Name });
                    record.Parameters.Add(new() { Value = script.Checksum });
                    await record.ExecuteNonQueryAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
                logger.LogInformation("Applied database migration {Version} {Name}", script.Version, script.Name);
                done.Add(script.Version);
            }

            if (upToVersion is null)
            {
                foreach (var part in parts ?? [])
                {
                    await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                    await part.ApplyAsync(connection, cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                }
            }

            return done;
        }
        finally
        {
            await ExecuteAsync(connection, $"SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
        }
    }

    private static void CheckHistory(IReadOnlyDictionary<string, string> applied)
    {
        foreach (var (version, checksum) in applied)
        {
            var script = Scripts.FirstOrDefault(s => s.Version == version)
                ?? throw new InvalidOperationException(
                    $"The database has migration {version}, which this version of GrantPortal does not know: it was upgraded by a newer release.");
            if (script.Checksum != checksum)
            {
                throw new InvalidOperationException(
                    $"Migration {version} ({script.Name}) was edited after it was applied. Add a new script instead of changing an applied one.");
            }
        }
    }

    private async Task EnsureDatabaseExistsAsync(CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var database = builder.Database ?? throw new InvalidOperationException("The connection string names no database.");
        builder.Database = "postgres";
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection);
        exists.Parameters.Add(new() { Value = database });
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            try
            {
                await ExecuteAsync(connection, $"CREATE DATABASE \"{database.Replace("\"", "\"\"")}\"", cancellationToken);
                logger.LogInformation("Created database {Database}", database);
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
            {
                // Another instance created it at the same moment.
            }
        }
    }

    private static async Task<Dictionary<string, string>> AppliedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""SELECT version, checksum FROM "__schema_migrations" """, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var applied = new Dictionary<string, string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            applied[reader.GetString(0)] = reader.GetString(1);
        }

        return applied;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static List<MigrationScript> LoadScripts()
    {
        var assembly = Assembly.GetExecutingAssembly();
        const string prefix = "GrantPortal.Web.Data.Migrations.";
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var reader = new StreamReader(stream, Encoding.UTF8);
                var sql = reader.ReadToEnd().ReplaceLineEndings("\n");
                var fileName = n[prefix.Length..^".sql".Length]; // e.g. 0001_identity
                var separator = fileName.IndexOf('_');
                return new MigrationScript(fileName[..separator], fileName[(separator + 1)..], sql,
                    Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sql))));
            })
            .OrderBy(s => s.Version, StringComparer.Ordinal)
            .ToList();
    }
}

public sealed record MigrationScript(string Version, string Name, string Sql, string Checksum);

/// <summary>
/// Tables a library owns and creates itself with idempotent statements (e.g. Quartz's job store). Applied after the
/// numbered scripts, under the same lock, on every start; it must only create what is missing.
/// </summary>
public interface ISchemaPart
{
    Task ApplyAsync(NpgsqlConnection connection, CancellationToken cancellationToken);
}
