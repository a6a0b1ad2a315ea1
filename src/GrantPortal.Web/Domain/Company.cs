namespace GrantPortal.Web.Domain;

/// <summary>A Russian legal entity that applies for grants. Its users see all of its applications.</summary>
public sealed class Company
{
    public Guid Id { get; set; }

    public string LegalName { get; set; } = "";

    /// <summary>Taxpayer number: 10 digits for a legal entity.</summary>
    public string Inn { get; set; } = "";

    /// <summary>Primary state registration number: 13 digits.</summary>
    public string Ogrn { get; set; } = "";

    public string? Kpp { get; set; }

    public string? Region { get; set; }

    public DateTime CreatedAt { get; set; }
}
