using System.Text.Json.Serialization;

namespace GrantPortal.Web.Domain;

/// <summary>
/// What an application says, as the applicant wrote it: one document, kept as JSON. The draft changes freely;
/// each submission freezes a copy (<see cref="ApplicationVersion"/>), which is what experts read.
/// </summary>
public sealed record ApplicationContent
{
    public ImportedItem Item { get; init; } = new();

    public ProjectDescription Project { get; init; } = new();

    public IReadOnlyList<ProjectStage> Stages { get; init; } = [];

    public ProductionPlan Production { get; init; } = new();

    public IReadOnlyList<Buyer> Buyers { get; init; } = [];

    /// <summary>The key people and their experience, in the applicant's words.</summary>
    public string Team { get; init; } = "";

    /// <summary>The grant asked for: the grant share of every budget line of every stage.</summary>
    [JsonIgnore]
    public decimal RequestedGrant => Stages.SelectMany(s => s.Budget).Sum(l => l.GrantAmount);

    [JsonIgnore]
    public decimal CoFinancing => Stages.SelectMany(s => s.Budget).Sum(l => l.CoFinancingAmount);

    [JsonIgnore]
    public decimal ProjectBudget => RequestedGrant + CoFinancing;

    /// <summary>The company's share of the project budget, 0..1; zero for an empty budget.</summary>
    [JsonIgnore]
    public decimal CoFinancingShare => ProjectBudget == 0 ? 0 : CoFinancing / ProjectBudget;
}

/// <summary>The imported raw material, component or part the project replaces.</summary>
public sealed record ImportedItem
{
    public string Name { get; init; } = "";

    /// <summary>The 10-digit customs code (ТН ВЭД ЕАЭС) as typed; checked with <see cref="Domain.TnVedCode"/>.</summary>
    public string TnVedCode { get; init; } = "";

    public string CountryOfOrigin { get; init; } = "";

    public string CurrentSupplier { get; init; } = "";

    /// <summary>Quantity with its unit as the applicant states it, e.g. "120 000 шт." or "35 т".</summary>
    public string AnnualImportVolume { get; init; } = "";

    /// <summary>Roubles a year.</summary>
    public decimal? AnnualImportValue { get; init; }
}

public sealed record ProjectDescription
{
    public string Title { get; init; } = "";

    public string Summary { get; init; } = "";

    public Sector? Sector { get; init; }

    /// <summary>Technology readiness level now, 1..9.</summary>
    public int? ReadinessNow { get; init; }

    /// <summary>Technology readiness level at the end of the project, 1..9.</summary>
    public int? ReadinessTarget { get; init; }
}

public sealed record ProjectStage
{
    public StageKind Kind { get; init; }

    public DateOnly? Start { get; init; }

    public DateOnly? End { get; init; }

    public string Deliverables { get; init; } = "";

    public IReadOnlyList<BudgetLine> Budget { get; init; } = [];
}

/// <summary>One item of a stage's budget, split into what the grant pays and what the company pays.</summary>
public sealed record BudgetLine
{
    public string Item { get; init; } = "";

    public decimal GrantAmount { get; init; }

    public decimal CoFinancingAmount { get; init; }
}

public sealed record ProductionPlan
{
    /// <summary>Quantity a year with its unit, e.g. "200 000 шт.".</summary>
    public string PlannedAnnualVolume { get; init; } = "";

    public DateOnly? FirstDeliveries { get; init; }
}

/// <summary>An enterprise that intends to buy the product, with a letter of intent.</summary>
public sealed record Buyer
{
    public string Name { get; init; } = "";

    public string Inn { get; init; } = "";

    /// <summary>Region code from <see cref="RussianRegions"/>.</summary>
    public string Region { get; init; } = "";

    public bool HasLetterOfIntent { get; init; }
}
