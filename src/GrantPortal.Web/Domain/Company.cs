namespace GrantPortal.Web.Domain;

/// <summary>A Russian legal entity that applies for grants. Its users see all of its applications.</summary>
public sealed class Company
{
    public Guid Id { get; set; }

    public string LegalName { get; set; } = "";

    /// <summary>Taxpayer number; fixed once the company is registered on the portal (it identifies the company).</summary>
    public required Inn Inn { get; set; }

    /// <summary>Primary state registration number; fixed once the company is registered, as the INN.</summary>
    public required Ogrn Ogrn { get; set; }

    /// <summary>Null only for companies registered before the profile asked for it.</summary>
    public Kpp? Kpp { get; set; }

    /// <summary>
    /// The two-digit code of a subject of the Russian Federation (<see cref="RussianRegions"/>). Rows from before the
    /// codes may hold a name the upgrade did not recognise: <see cref="KnownRegion"/> is null for those.
    /// </summary>
    public string? Region { get; set; }

    public RussianRegion? KnownRegion => RussianRegions.Find(Region);

    public string Address { get; set; } = "";

    public string ContactPerson { get; set; } = "";

    public string ContactPhone { get; set; } = "";

    public string ContactEmail { get; set; } = "";

    /// <summary>A small or medium-sized enterprise, as the company declares it.</summary>
    public bool IsSme { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>PostgreSQL's xmin: changes whenever the row does, so two people editing at once cannot overwrite each other unseen.</summary>
    public uint Version { get; set; }
}
