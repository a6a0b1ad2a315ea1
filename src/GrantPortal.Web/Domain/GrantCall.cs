namespace GrantPortal.Web.Domain;

/// <summary>A call for applications under the component-substitution programme.</summary>
public sealed class GrantCall
{
    /// <summary>The programme's ceiling for one application, in roubles.</summary>
    public const decimal GrantCeiling = 100_000_000.00m;

    public Guid Id { get; set; }

    public string TitleRu { get; set; } = "";

    public string TitleEn { get; set; } = "";

    public string DescriptionRu { get; set; } = "";

    public string DescriptionEn { get; set; } = "";

    public decimal MaxGrant { get; set; } = GrantCeiling;

    public decimal TotalBudget { get; set; }

    /// <summary>The company's minimum share of the project budget, 0..1 (0.2 is 20 %).</summary>
    public decimal MinCoFinancingShare { get; set; }

    public DateTime OpensAt { get; set; }

    public DateTime ClosesAt { get; set; }

    public bool IsOpenAt(DateTime utcNow) => OpensAt <= utcNow && utcNow < ClosesAt;

    public string Title(string culture) => culture == "en" ? TitleEn : TitleRu;

    public string Description(string culture) => culture == "en" ? DescriptionEn : DescriptionRu;
}
