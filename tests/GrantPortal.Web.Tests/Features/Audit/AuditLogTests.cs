using GrantPortal.Testing;
using GrantPortal.Web.Data;
using GrantPortal.Web.Domain;
using GrantPortal.Web.Features.Audit;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Xunit.Abstractions;

namespace GrantPortal.Web.Tests.Features.Audit;

/// <summary>
/// A migrated database of its own for the audit log, without the app: contexts over unpooled connections, so twenty
/// concurrent appends leave no connections open behind them in the test run's server.
/// </summary>
public sealed class AuditDatabase : IAsyncLifetime
{
    public static readonly AuditActor Actor = new("test", "Test Actor", "test@example.test");

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync() => ConnectionString = await TestDatabaseServer.CreateDatabaseAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public async Task<T> WithLogAsync<T>(Func<PortalDbContext, AuditLog, Task<T>> action)
    {
        await using var db = new PortalDbContext(new DbContextOptionsBuilder<PortalDbContext>().UseNpgsql(ConnectionString + ";Pooling=false").Options);
        return await action(db, new AuditLog(db, TimeProvider.System, new HttpContextAccessor()));
    }

    public Task<AuditEntry> AppendAsync(string subject) => WithLogAsync(async (db, log) =>
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        var entry = await log.AppendAsync(AuditKind.StateChanged, subject, Actor, [("to", "Тест \"кавычки\" и юникод ✓")], CancellationToken.None);
        await transaction.CommitAsync();
        return entry;
    });

    public Task<AuditVerification> VerifyAsync() => WithLogAsync((_, log) => log.VerifyAsync());

    public Task<int> CountAsync() => WithLogAsync((db, _) => db.AuditEntries.CountAsync());

    /// <summary>What someone with the table owner's rights can do: switch the guard off, change rows, switch it on again.</summary>
    public Task AsOwnerAsync(string sql) => TestSql.ExecuteAsync(ConnectionString, $"""
        BEGIN;
        ALTER TABLE "AuditEntries" DISABLE TRIGGER "AuditEntries_NoUpdateOrDelete";
        {sql};
        ALTER TABLE "AuditEntries" ENABLE TRIGGER "AuditEntries_NoUpdateOrDelete";
        COMMIT;
        """);
}

/// <summary>The chain itself: appends, the database's refusals, and what verification finds after tampering.</summary>
public sealed class AuditLogTests(AuditDatabase database) : IClassFixture<AuditDatabase>
{
    [Fact]
    public async Task Verify_FindsACleanChainIntact()
    {
        await AppendAsync(3);

        var result = await database.VerifyAsync();

        Assert.True(result.Intact);
        Assert.Equal(await database.CountAsync(), result.Checked);
        Assert.Equal(await database.WithLogAsync((db, _) => db.AuditEntries.OrderBy(e => e.Sequence).Select(e => e.Hash).LastAsync()), result.LastHash);
    }

    [Fact]
    public async Task EditingARowInTheDatabase_IsFoundByVerify_AtThatEntry()
    {
        var entries = await AppendAsync(4);
        var target = entries[1];
        try
        {
            await database.AsOwnerAsync($"""UPDATE "AuditEntries" SET "Details" = '{"{"}"sum":"1"{"}"}' WHERE "Sequence" = {target.Sequence}""");

            var result = await database.VerifyAsync();

            Assert.Equal((target.Sequence, AuditProblem.Edited), (result.BrokenAt, result.Problem));
            Assert.Equal(target.Sequence - 1, result.Checked);
        }
        finally
        {
            await database.AsOwnerAsync($"""UPDATE "AuditEntries" SET "Details" = '{target.Details}' WHERE "Sequence" = {target.Sequence}""");
        }

        Assert.True((await database.VerifyAsync()).Intact);
    }

    [Fact]
    public async Task AnEditedRowWithItsHashRecomputed_BreaksTheLinkOfTheNextEntry()
    {
        var entries = await AppendAsync(3);
        var target = entries[0];
        var forged = new AuditEntry
        {
            Sequence = target.Sequence, At = target.At, ActorId = target.ActorId, ActorName = "Someone Else", ActorEmail = target.ActorEmail,
            Kind = target.Kind, SubjectId = target.SubjectId, Details = target.Details, PreviousHash = target.PreviousHash,
        };
        try
        {
            await database.AsOwnerAsync($"""UPDATE "AuditEntries" SET "ActorName" = 'Someone Else', "Hash" = '{forged.ComputeHash()}' WHERE "Sequence" = {target.Sequence}""");

            var result = await database.VerifyAsync();

            Assert.Equal((target.Sequence + 1, AuditProblem.BrokenLink), (result.BrokenAt, result.Problem));
        }
        finally
        {
            await database.AsOwnerAsync($"""UPDATE "AuditEntries" SET "ActorName" = '{target.ActorName}', "Hash" = '{target.Hash}' WHERE "Sequence" = {target.Sequence}""");
        }
    }

    [Fact]
    public async Task ADeletedRow_IsFoundMissingByVerify()
    {
        var entries = await AppendAsync(3);
        var target = entries[1];
        try
        {
            await database.AsOwnerAsync($"""DELETE FROM "AuditEntries" WHERE "Sequence" = {target.Sequence}""");

            var result = await database.VerifyAsync();

            Assert.Equal((target.Sequence, AuditProblem.Missing, target.Sequence), (result.BrokenAt, result.Problem, result.MissingThrough));
        }
        finally
        {
            await database.WithLogAsync((db, _) =>
            {
                db.AuditEntries.Add(target);
                return db.SaveChangesAsync();
            });
        }

        Assert.True((await database.VerifyAsync()).Intact);
    }

    [Theory]
    [InlineData("""UPDATE "AuditEntries" SET "Details" = '{}'""")]
    [InlineData("""DELETE FROM "AuditEntries" """)]
    [InlineData("""TRUNCATE "AuditEntries" """)]
    public async Task UpdateDeleteAndTruncate_AreRefusedByTheDatabase_EvenToItsSuperuser(string sql)
    {
        await AppendAsync(1);
        var before = await database.CountAsync();

        var error = await Assert.ThrowsAsync<PostgresException>(() => TestSql.ExecuteAsync(database.ConnectionString, sql));

        Assert.Contains("append-only", error.MessageText);
        Assert.Equal(before, await database.CountAsync());
        Assert.True((await database.VerifyAsync()).Intact);
    }

    [Fact]
    public async Task TwentyConcurrentAppends_MakeOneChain_WithoutForksOrGaps()
    {
        var before = await database.CountAsync();

        var appended = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => database.AppendAsync($"concurrent-{i}"))));

        Assert.Equal(Enumerable.Range(before + 1, 20).Select(n => (long)n), appended.Select(e => e.Sequence).Order());
        Assert.Equal(20, appended.Select(e => e.PreviousHash).Distinct().Count());
        var result = await database.VerifyAsync();
        Assert.True(result.Intact, $"broken at {result.BrokenAt}: {result.Problem}");
        Assert.Equal(before + 20, result.Checked);
    }

    [Fact]
    public async Task AnAppendRolledBackWithItsChange_LeavesNeitherAnEntryNorAGap()
    {
        var before = await database.CountAsync();
        await database.WithLogAsync(async (db, log) =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await log.AppendAsync(AuditKind.StateChanged, "rolled-back", AuditDatabase.Actor, [], CancellationToken.None);
            await transaction.RollbackAsync();
            return 0;
        });

        var next = await database.AppendAsync("after");

        Assert.Equal(before + 1, next.Sequence);
        Assert.True((await database.VerifyAsync()).Intact);
    }

    [Fact]
    public async Task AnAppendOutsideATransaction_IsRefused()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => database.WithLogAsync((_, log) =>
            log.AppendAsync(AuditKind.StateChanged, "alone", AuditDatabase.Actor, [], CancellationToken.None)));

        Assert.Contains("transaction", error.Message);
    }

    [Fact]
    public void TheHash_CoversEveryField_AndTellsAMissingEmailFromAnEmptyOne()
    {
        AuditEntry Entry(Action<AuditEntry>? change = null)
        {
            var entry = new AuditEntry
            {
                Sequence = 7, At = new DateTime(2026, 12, 1, 9, 30, 0, DateTimeKind.Utc), ActorId = "a", ActorName = "Имя",
                ActorEmail = null, Kind = AuditKind.RolesChanged, SubjectId = "s", Details = "{}", PreviousHash = AuditEntry.GenesisHash,
            };
            change?.Invoke(entry);
            return entry;
        }

        Action<AuditEntry>[] changes =
        [
            e => e.Sequence = 8, e => e.At = e.At.AddTicks(10), e => e.ActorId = "b", e => e.ActorName = "Имя ", e => e.ActorEmail = "",
            e => e.Kind = AuditKind.StateChanged, e => e.SubjectId = "t", e => e.Details = "{ }", e => e.PreviousHash = new string('1', 64),
            // The same text split differently between two fields.
            e => (e.ActorId, e.ActorName) = ("aИ", "мя"),
        ];

        var original = Entry().ComputeHash();
        Assert.Equal(original, Entry().ComputeHash());
        Assert.Equal(changes.Length + 1, changes.Select(c => Entry(c).ComputeHash()).Append(original).Distinct().Count());
    }

    private async Task<List<AuditEntry>> AppendAsync(int count)
    {
        var entries = new List<AuditEntry>();
        for (var i = 0; i < count; i++)
        {
            entries.Add(await database.AppendAsync($"subject-{i}"));
        }

        return entries;
    }
}

/// <summary>Verification over a long trail, in a database of its own so the other tests stay quick.</summary>
public sealed class AuditLogVolumeTests(AuditDatabase database, ITestOutputHelper output) : IClassFixture<AuditDatabase>
{
    private const int Entries = 100_000;

    [Fact]
    public async Task Verify_Reads100000Entries_InSeconds_AndFindsAnEditNearTheEnd()
    {
        await SeedChainAsync(database.ConnectionString, Entries);

        var result = await database.VerifyAsync();

        output.WriteLine($"verified {result.Checked} entries in {result.Elapsed.TotalSeconds:0.00} s");
        Assert.True(result.Intact);
        Assert.Equal(Entries, result.Checked);
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(30), $"verification took {result.Elapsed}");

        await database.AsOwnerAsync("""UPDATE "AuditEntries" SET "At" = "At" + interval '1 second' WHERE "Sequence" = 99990""");
        var edited = await database.VerifyAsync();
        Assert.Equal((99990L, AuditProblem.Edited, 99989L), (edited.BrokenAt, edited.Problem, edited.Checked));
    }

    // A valid chain written straight into the table (binary COPY): appending 100,000 entries one by one takes minutes.
    private static async Task SeedChainAsync(string connectionString, int count)
    {
        var previous = AuditEntry.GenesisHash;
        var start = DateTime.UtcNow.AddDays(-30);
        await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using (var writer = await connection.BeginBinaryImportAsync("""
            COPY "AuditEntries" ("Sequence", "At", "ActorId", "ActorName", "ActorEmail", "Kind", "SubjectId", "Details", "PreviousHash", "Hash") FROM STDIN (FORMAT BINARY)
            """))
        {
            for (var i = 1; i <= count; i++)
            {
                var entry = new AuditEntry
                {
                    Sequence = i,
                    At = AuditEntry.ToStoredPrecision(start.AddSeconds(i * 20)),
                    ActorId = Guid.NewGuid().ToString(),
                    ActorName = "Олег Первый",
                    ActorEmail = "officer1@grantportal.test",
                    Kind = (AuditKind)(i % 5),
                    SubjectId = Guid.NewGuid().ToString(),
                    Details = $"{{\"workflow\":\"component-substitution-grant\",\"from\":\"Draft\",\"to\":\"Submitted\",\"trigger\":\"submit\",\"n\":\"{i}\"}}",
                    PreviousHash = previous,
                };
                entry.Hash = previous = entry.ComputeHash();
                await writer.StartRowAsync();
                await writer.WriteAsync(entry.Sequence, NpgsqlDbType.Bigint);
                await writer.WriteAsync(entry.At, NpgsqlDbType.TimestampTz);
                foreach (var text in new[] { entry.ActorId, entry.ActorName, entry.ActorEmail, entry.Kind.ToString(), entry.SubjectId, entry.Details, entry.PreviousHash, entry.Hash })
                {
                    await writer.WriteAsync(text, NpgsqlDbType.Varchar);
                }
            }

            await writer.CompleteAsync();
        }

        await using var analyze = new NpgsqlCommand("""ANALYZE "AuditEntries" """, connection);
        await analyze.ExecuteNonQueryAsync();
    }
}
