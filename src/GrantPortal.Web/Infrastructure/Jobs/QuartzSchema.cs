using System.Text.RegularExpressions;
using GrantPortal.Web.Infrastructure.Database;
using Npgsql;

namespace GrantPortal.Web.Infrastructure.Jobs;

/// <summary>
/// Quartz's job-store tables, created from the script Quartz ships for PostgreSQL (only what is missing, never a
/// drop). Run by our migrator under its advisory lock rather than by Quartz at start-up, so that two app instances
/// starting together do not race to create them.
/// </summary>
internal sealed partial class QuartzSchema : ISchemaPart
{
    public const string TablePrefix = "qrtz_";

    private const string Script = "Quartz.Impl.AdoJobStore.Schema.create_postgres.sql";

    public async Task ApplyAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var stream = typeof(Quartz.IScheduler).Assembly.GetManifestResourceStream(Script)
            ?? throw new InvalidOperationException($"The Quartz package no longer carries {Script}.");
        var sql = (await new StreamReader(stream).ReadToEndAsync(cancellationToken))
            .Replace("{0}", TablePrefix, StringComparison.Ordinal)
            .Replace("{1}", TablePrefix, StringComparison.Ordinal);
        // The script separates its statements with lines reading exactly "--;;" (its header says so, and mentions
        // the marker inside a sentence too, so only whole lines count).
        foreach (var statement in StatementSeparator().Split(sql).Where(s => s.Split('\n').Any(l => l.Trim() is { Length: > 0 } t && !t.StartsWith("--"))))
        {
            await using var command = new NpgsqlCommand(statement, connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    [GeneratedRegex(@"^--;;\r?$", RegexOptions.Multiline)]
    private static partial Regex StatementSeparator();
}
