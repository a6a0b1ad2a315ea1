namespace GrantPortal.Web.Domain;

/// <summary>
/// What the agency knows of an expert for assignments: fields of expertise (sectors and free keywords), the
/// organisations the expert is tied to (by INN: an application from one of them is a conflict of interest), and how
/// many open reviews the expert takes at once.
/// </summary>
public sealed class ExpertProfile
{
    public const int DefaultMaxOpenReviews = 5;

    public Guid UserId { get; set; }

    public List<Sector> Sectors { get; set; } = [];

    /// <summary>Free keywords separated by commas, e.g. "подшипники, металлургия".</summary>
    public string Keywords { get; set; } = "";

    public List<string> AffiliationInns { get; set; } = [];

    public int MaxOpenReviews { get; set; } = DefaultMaxOpenReviews;

    /// <summary>PostgreSQL's row version: two people editing the profile at once cannot overwrite each other unseen.</summary>
    public uint Version { get; set; }

    public IEnumerable<string> KeywordList =>
        Keywords.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>An officer's eligibility check of one submitted version.</summary>
public sealed class FormalCheck
{
    public Guid Id { get; set; }

    public Guid ApplicationId { get; set; }

    public int VersionNumber { get; set; }

    public Guid CheckedById { get; set; }

    public DateTime CheckedAt { get; set; }

    /// <summary>The codes of the checklist items the officer confirmed.</summary>
    public List<string> Confirmed { get; set; } = [];

    public bool Passed { get; set; }
}
