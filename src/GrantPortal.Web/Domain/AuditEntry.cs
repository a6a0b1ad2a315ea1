using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace GrantPortal.Web.Domain;

/// <summary>What an audit entry records. Stored by name: never renumber, only add.</summary>
public enum AuditKind
{
    /// <summary>A workflow instance entered a state (subject: the workflow's subject, an application's id).</summary>
    StateChanged,

    /// <summary>A decision became final (subject: the application's id).</summary>
    DecisionMade,

    /// <summary>An account's roles were changed or given by an invitation (subject: the account's id).</summary>
    RolesChanged,

    /// <summary>Agency staff or an expert downloaded an application's document (subject: the application's id).</summary>
    DocumentDownloaded,

    /// <summary>Agency staff or an expert downloaded a decision's PDF (subject: the application's id).</summary>
    DecisionPdfDownloaded,
}

/// <summary>
/// One entry of the append-only audit trail. Entries form a hash chain: each holds the hash of the one before it, and
/// its own hash covers its content and that link, so changing, removing or inserting an entry anywhere breaks the
/// chain from there on. The database refuses UPDATE and DELETE on the table (0013_audit.sql).
/// </summary>
public sealed class AuditEntry
{
    /// <summary>The previous hash of the first entry.</summary>
    public static readonly string GenesisHash = new('0', 64);

    /// <summary>1, 2, 3… without gaps: the order of the chain.</summary>
    public long Sequence { get; set; }

    /// <summary>UTC, whole microseconds (what PostgreSQL keeps), so the hash is the same after a round trip.</summary>
    public DateTime At { get; set; }

    /// <summary>The account's id, or "system" for what timers do.</summary>
    public string ActorId { get; set; } = "";

    public string ActorName { get; set; } = "";

    public string? ActorEmail { get; set; }

    public AuditKind Kind { get; set; }

    public string SubjectId { get; set; } = "";

    /// <summary>A small JSON object of strings, kept as the exact text that was hashed.</summary>
    public string Details { get; set; } = "{}";

    /// <summary>SHA-256 of the entry before, lower-case hex; <see cref="GenesisHash"/> for the first.</summary>
    public string PreviousHash { get; set; } = GenesisHash;

    /// <summary>SHA-256 of <see cref="Canonical"/>, lower-case hex.</summary>
    public string Hash { get; set; } = "";

    public string ComputeHash()
    {
        var canonical = Canonical();
        var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(canonical.Length));
        try
        {
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(bytes.AsSpan(0, Encoding.UTF8.GetBytes(canonical, bytes)), hash);
            return Convert.ToHexStringLower(hash);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    /// <summary>
    /// The hashed form: a version tag, then every field as a netstring ("byte length:text,", null as "~,"), so no two
    /// different entries serialise alike, whatever their texts contain. Changing it breaks every existing chain.
    /// </summary>
    public string Canonical()
    {
        var builder = new StringBuilder("audit-v1;", 512);
        Field(builder, Sequence.ToString(CultureInfo.InvariantCulture));
        Field(builder, At.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
        Field(builder, ActorId);
        Field(builder, ActorName);
        Field(builder, ActorEmail);
        Field(builder, Kind.ToString());
        Field(builder, SubjectId);
        Field(builder, Details);
        Field(builder, PreviousHash);
        return builder.ToString();
    }

    private static void Field(StringBuilder builder, string? value)
    {
        if (value is null)
        {
            builder.Append("~,");
            return;
        }

        builder.Append(Encoding.UTF8.GetByteCount(value).ToString(CultureInfo.InvariantCulture)).Append(':').Append(value).Append(',');
    }

    /// <summary>A moment as PostgreSQL stores it: UTC, cut to whole microseconds.</summary>
    public static DateTime ToStoredPrecision(DateTime utc) =>
        new(utc.Ticks - utc.Ticks % (TimeSpan.TicksPerMillisecond / 1000), DateTimeKind.Utc);
}
