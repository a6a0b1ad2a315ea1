using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using GrantPortal.Web.Data;
using GrantPortal.Web.Domain;
using GrantPortal.Web.Features.Account;
using GrantPortal.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace GrantPortal.Web.Features.Audit;

/// <summary>Who did what an entry records, as the trail keeps it (names change; the entry keeps the one of the day).</summary>
public sealed record AuditActor(string Id, string Name, string? Email)
{
    public static AuditActor System { get; } = new(WorkflowActor.System.Id, WorkflowActor.System.DisplayName, null);

    public static AuditActor Of(ClaimsPrincipal user) => new(
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "anonymous",
        user.FindFirstValue(PortalClaimsPrincipalFactory.FullNameClaim) ?? user.Identity?.Name ?? "",
        user.FindFirstValue(ClaimTypes.Email) ?? user.Identity?.Name);
}

public enum AuditProblem
{
    /// <summary>The entry's content does not give its hash: it was changed after it was written.</summary>
    Edited,

    /// <summary>The entry does not hold the hash of the entry before it: that one was changed, or entries were removed or inserted.</summary>
    BrokenLink,

    /// <summary>Entries from <see cref="AuditVerification.BrokenAt"/> to <see cref="AuditVerification.MissingThrough"/> are not there.</summary>
    Missing,
}

/// <param name="Checked">How many entries were read and found in order before the first problem (all of them when intact).</param>
/// <param name="LastHash">The hash of the last entry found in order: written down elsewhere, it pins the chain so far.</param>
/// <param name="BrokenAt">The sequence number of the first entry that is wrong or missing; null when the chain is intact.</param>
public sealed record AuditVerification(
    long Checked, string LastHash, TimeSpan Elapsed, long? BrokenAt = null, AuditProblem? Problem = null, long? MissingThrough = null)
{
    public bool Intact => BrokenAt is null;
}

/// <summary>
/// The append-only audit trail. <see cref="AppendAsync"/> writes an entry in the caller's transaction, so the entry
/// exists if and only if the change it records commits. Appends are serialised by a transaction-level advisory lock
/// taken before the last entry is read, so the chain never forks and its numbers have no gaps (a rolled-back append
/// leaves its number to the next one); the primary key on the number would refuse a fork even if the lock were
/// bypassed. The lock is held until the caller's transaction ends: callers append as late in it as they can.
/// </summary>
/// <remarks>
/// Needs READ COMMITTED (the default): the last entry must be read by a statement that starts after the lock is
/// taken. Under REPEATABLE READ a concurrent append would make this one fail on the primary key, never fork.
/// </remarks>
public sealed class AuditLog(PortalDbContext db, TimeProvider clock, IHttpContextAccessor http)
{
    /// <summary>How many entries verification reads per query: memory stays flat however long the trail is.</summary>
    public const int VerifyBatchSize = 10_000;

    // Any fixed number that no other lock uses: "AuditLog" in ASCII.
    private const string LockSql = "SELECT pg_advisory_xact_lock(4716786588825972583)";

    private const int MaxDetailLength = 500;

    private static readonly JsonWriterOptions DetailsFormat = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes an entry in the current transaction.</summary>
    /// <param name="details">Short texts, kept in this order as a JSON object.</param>
    /// <exception cref="InvalidOperationException">No transaction is open: the entry would not be tied to the change.</exception>
    public async Task<AuditEntry> AppendAsync(
        AuditKind kind, string subjectId, AuditActor actor, IEnumerable<(string Key, string? Value)> details, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("An audit entry is written in the transaction of the change it records; begin one first.");
        }

        await db.Database.ExecuteSqlRawAsync(LockSql, cancellationToken);
        var last = await db.AuditEntries.AsNoTracking()
            .OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash })
            .FirstOrDefaultAsync(cancellationToken);
        var entry = new AuditEntry
        {
            Sequence = (last?.Sequence ?? 0) + 1,
            At = AuditEntry.ToStoredPrecision(clock.GetUtcNow().UtcDateTime),
            ActorId = actor.Id,
            ActorName = actor.Name,
            ActorEmail = actor.Email,
            Kind = kind,
            SubjectId = subjectId,
            Details = Json(details),
            PreviousHash = last?.Hash ?? AuditEntry.GenesisHash,
        };
        entry.Hash = entry.ComputeHash();
        // Written at once rather than tracked, so a second append in the same transaction reads this one as the last.
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "AuditEntries" ("Sequence", "At", "ActorId", "ActorName", "ActorEmail", "Kind", "SubjectId", "Details", "PreviousHash", "Hash")
            VALUES ({entry.Sequence}, {entry.At}, {entry.ActorId}, {entry.ActorName}, {entry.ActorEmail}, {kind.ToString()},
                {entry.SubjectId}, {entry.Details}, {entry.PreviousHash}, {entry.Hash})
            """, cancellationToken);
        return entry;
    }

    /// <summary>A workflow instance entered a state (called by <see cref="AuditedStateChanges"/>).</summary>
    public Task StateChangedAsync(WorkflowContext context, CancellationToken cancellationToken) =>
        AppendAsync(AuditKind.StateChanged, context.SubjectId, ActorOf(context.Actor), [
            ("workflow", context.Definition.Id),
            ("from", context.Trigger == "start" ? null : context.FromState),
            ("to", context.ToState),
            ("trigger", context.Trigger),
        ], cancellationToken);

    /// <summary>A decision became final, in the transition that made it so.</summary>
    public Task DecisionMadeAsync(WorkflowContext context, Decision decision, CancellationToken cancellationToken) =>
        AppendAsync(AuditKind.DecisionMade, decision.ApplicationId.ToString(), ActorOf(context.Actor), [
            ("decision", decision.Id.ToString()),
            ("number", decision.Number),
            ("kind", decision.Kind.ToString()),
            ("amount", decision.Amount?.ToString("0.00", CultureInfo.InvariantCulture)),
            ("proposedBy", decision.ConfirmedById is null ? null : decision.ProposedById.ToString()),
        ], cancellationToken);

    /// <summary>An account's roles changed, in the transaction that changed them.</summary>
    /// <param name="by">Who changed them; the person signed in now when not given.</param>
    public Task RolesChangedAsync(
        PortalUser user, IEnumerable<string> before, IEnumerable<string> after, CancellationToken cancellationToken, ClaimsPrincipal? by = null)
    {
        var (old, now) = (before.Order(StringComparer.Ordinal).ToList(), after.Distinct().Order(StringComparer.Ordinal).ToList());
        return old.SequenceEqual(now)
            ? Task.CompletedTask
            : AppendAsync(AuditKind.RolesChanged, user.Id.ToString(), by is null ? CurrentActor() : AuditActor.Of(by), [
                ("email", user.Email),
                ("from", string.Join(",", old)),
                ("to", string.Join(",", now)),
            ], cancellationToken);
    }

    /// <summary>Records a download of an application's document by agency staff or an expert; the company's own people are not recorded.</summary>
    public Task DocumentDownloadedAsync(ClaimsPrincipal user, ApplicationDocument document, CancellationToken cancellationToken) =>
        DownloadedAsync(user, AuditKind.DocumentDownloaded, document.ApplicationId, [
            ("document", document.Id.ToString()),
            ("file", document.FileName),
            ("sha256", document.Sha256),
        ], cancellationToken);

    /// <summary>Records a download of a decision's PDF by agency staff or an expert: call it where the PDF is sent.</summary>
    public Task DecisionPdfDownloadedAsync(ClaimsPrincipal user, Decision decision, CancellationToken cancellationToken) =>
        DownloadedAsync(user, AuditKind.DecisionPdfDownloaded, decision.ApplicationId, [
            ("decision", decision.Id.ToString()),
            ("number", decision.Number),
            ("sha256", decision.PdfSha256),
        ], cancellationToken);

    /// <summary>
    /// Walks the whole chain in order, <see cref="VerifyBatchSize"/> entries per query, and stops at the first entry
    /// that is missing, does not follow the one before, or does not match its own hash.
    /// </summary>
    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        var (expected, previous) = (1L, AuditEntry.GenesisHash);
        while (true)
        {
            var from = expected;
            var batch = await db.AuditEntries.AsNoTracking()
                .Where(e => e.Sequence >= from)
                .OrderBy(e => e.Sequence)
                .Take(VerifyBatchSize)
                .ToListAsync(cancellationToken);
            foreach (var entry in batch)
            {
                AuditProblem? problem = entry.Sequence != expected ? AuditProblem.Missing
                    : entry.PreviousHash != previous ? AuditProblem.BrokenLink
                    : entry.Hash != entry.ComputeHash() ? AuditProblem.Edited
                    : null;
                if (problem is not null)
                {
                    return new AuditVerification(
                        expected - 1, previous, Stopwatch.GetElapsedTime(started), expected, problem, problem == AuditProblem.Missing ? entry.Sequence - 1 : null);
                }

                (expected, previous) = (expected + 1, entry.Hash);
            }

            if (batch.Count < VerifyBatchSize)
            {
                return new AuditVerification(expected - 1, previous, Stopwatch.GetElapsedTime(started));
            }
        }
    }

    /// <summary>The details of an entry as written; an empty list for text that is not a JSON object of strings.</summary>
    public static IReadOnlyDictionary<string, string?> ReadDetails(string details)
    {
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string?>>(details) ?? [];
        }
        catch (JsonException)
        {
            return new Dictionary<string, string?>();
        }
    }

    // A download changes nothing else, so it is its own transaction (unless the caller has one); the entry is written
    // before the bytes go out, so a download that fails half-way is still recorded.
    private async Task DownloadedAsync(
        ClaimsPrincipal user, AuditKind kind, Guid applicationId, IEnumerable<(string Key, string? Value)> details, CancellationToken cancellationToken)
    {
        if (!user.IsInRole(Roles.Officer) && !user.IsInRole(Roles.Admin) && !user.IsInRole(Roles.Expert))
        {
            return;
        }

        await using var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        await AppendAsync(kind, applicationId.ToString(), AuditActor.Of(user), details, cancellationToken);
        if (own is not null)
        {
            await own.CommitAsync(cancellationToken);
        }
    }

    private AuditActor CurrentActor() =>
        http.HttpContext?.User is { Identity.IsAuthenticated: true } user ? AuditActor.Of(user) : AuditActor.System;

    // The engine's actor has no e-mail; when it is the person making this request, the request's claims give it.
    private AuditActor ActorOf(WorkflowActor actor) =>
        http.HttpContext?.User is { Identity.IsAuthenticated: true } user && user.FindFirstValue(ClaimTypes.NameIdentifier) == actor.Id
            ? AuditActor.Of(user)
            : new AuditActor(actor.Id, actor.DisplayName, null);

    private static string Json(IEnumerable<(string Key, string? Value)> details)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, DetailsFormat))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in details)
            {
                if (value is null)
                {
                    writer.WriteNull(key);
                }
                else
                {
                    writer.WriteString(key, value.Length > MaxDetailLength ? value[..MaxDetailLength] : value);
                }
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
