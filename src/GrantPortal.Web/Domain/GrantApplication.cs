namespace GrantPortal.Web.Domain;

/// <summary>
/// A company's application to a call. Its state lives in the workflow instance whose subject is <see cref="Id"/>;
/// the title, sector and requested grant are copied out of the content on every save, and the state and the company's
/// region are copied here too (<see cref="State"/>, <see cref="RegionCode"/>), so lists filter on one table.
/// </summary>
public sealed class GrantApplication
{
    public Guid Id { get; set; }

    public Guid CallId { get; set; }

    public GrantCall? Call { get; set; }

    public Guid CompanyId { get; set; }

    public Company? Company { get; set; }

    public Guid CreatedById { get; set; }

    /// <summary>Given at the first submission, e.g. "ATR-2026-000123"; null for a draft never submitted.</summary>
    public string? Number { get; set; }

    public ApplicationContent Content { get; private set; } = new();

    public string Title { get; private set; } = "";

    public Sector? Sector { get; private set; }

    public decimal RequestedGrant { get; private set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public DateTime? SubmittedAt { get; set; }

    /// <summary>
    /// A copy of the workflow instance's state, written in the transaction of every transition (by a person or a
    /// timer) by <c>ApplicationListCopy</c>, so it never disagrees with the instance.
    /// </summary>
    public string State { get; set; } = "";

    /// <summary>
    /// The company's region (a code of <see cref="RussianRegions"/>) as it stood when the application was created and
    /// again at each submission: the region the submitted version was made from. Null when the company's region is
    /// not a known code.
    /// </summary>
    public string? RegionCode { get; set; }

    /// <summary>PostgreSQL's row version: two people saving the same draft at once get a conflict, not a lost edit.</summary>
    public uint RowVersion { get; set; }

    public void Write(ApplicationContent content, DateTime now)
    {
        Content = content;
        Title = content.Project.Title.Trim();
        Sector = content.Project.Sector;
        RequestedGrant = content.RequestedGrant;
        UpdatedAt = now;
    }
}

/// <summary>A submitted application exactly as submitted: never changed afterwards.</summary>
public sealed class ApplicationVersion
{
    public Guid Id { get; set; }

    public Guid ApplicationId { get; set; }

    /// <summary>1 for the first submission, 2 after the first revision, ...</summary>
    public int Number { get; set; }

    public ApplicationContent Content { get; set; } = new();

    /// <summary>SHA-256 of the content as stored, so anyone can tell later that it was not changed.</summary>
    public string ContentHash { get; set; } = "";

    public DateTime SubmittedAt { get; set; }

    public Guid SubmittedById { get; set; }

    /// <summary>The documents attached when this version was submitted.</summary>
    public List<DocumentRef> Documents { get; set; } = [];
}

/// <summary>
/// How many of a call's submitted applications are in a state: kept by a trigger on Applications (0008) in the
/// transaction of every change, so the officers' list shows the call's counts without counting its applications.
/// </summary>
public sealed class ApplicationStateCount
{
    public Guid CallId { get; set; }

    public string State { get; set; } = "";

    public int Count { get; set; }
}
