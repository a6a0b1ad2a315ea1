using System.ComponentModel.DataAnnotations;
using GrantPortal.Web.Domain;
using GrantPortal.Web.Infrastructure.Web;
using Microsoft.Extensions.Localization;

namespace GrantPortal.Web.Features.Applications;

/// <summary>
/// The five pages of the application form. Each reads its part of the content into text fields and writes it back;
/// a draft saves whatever parses (amounts and dates must be readable), completeness is checked only at submission.
/// </summary>
public sealed class ItemForm
{
    [Display(Name = "Imported item")] public string? Name { get; set; }

    [Display(Name = "Customs code (TN VED, 10 digits)")] public string? TnVedCode { get; set; }

    [Display(Name = "Country of origin")] public string? CountryOfOrigin { get; set; }

    [Display(Name = "Current foreign supplier")] public string? CurrentSupplier { get; set; }

    [Display(Name = "Annual import volume (with unit)")] public string? AnnualImportVolume { get; set; }

    [Display(Name = "Annual import value, roubles")] public string? AnnualImportValue { get; set; }

    public static ItemForm From(ApplicationContent content) => new()
    {
        Name = content.Item.Name,
        TnVedCode = content.Item.TnVedCode,
        CountryOfOrigin = content.Item.CountryOfOrigin,
        CurrentSupplier = content.Item.CurrentSupplier,
        AnnualImportVolume = content.Item.AnnualImportVolume,
        AnnualImportValue = AmountText.Of(content.Item.AnnualImportValue),
    };

    public ApplicationContent ApplyTo(ApplicationContent content, List<FormError> errors, IStringLocalizer l) => content with
    {
        Item = new ImportedItem
        {
            Name = Text(Name),
            TnVedCode = Text(TnVedCode),
            CountryOfOrigin = Text(CountryOfOrigin),
            CurrentSupplier = Text(CurrentSupplier),
            AnnualImportVolume = Text(AnnualImportVolume),
            AnnualImportValue = AmountText.Read(AnnualImportValue, nameof(AnnualImportValue), errors, l),
        },
    };

    internal static string Text(string? value) => value?.Trim() ?? "";
}

public sealed class ProjectForm
{
    [Display(Name = "Project title")] public string? Title { get; set; }

    [Display(Name = "Summary")] public string? Summary { get; set; }

    [Display(Name = "Sector")] public Sector? Sector { get; set; }

    [Display(Name = "Technology readiness level now")] public int? ReadinessNow { get; set; }

    [Display(Name = "Technology readiness level at the end")] public int? ReadinessTarget { get; set; }

    public static ProjectForm From(ApplicationContent content) => new()
    {
        Title = content.Project.Title,
        Summary = content.Project.Summary,
        Sector = content.Project.Sector,
        ReadinessNow = content.Project.ReadinessNow,
        ReadinessTarget = content.Project.ReadinessTarget,
    };

    public ApplicationContent ApplyTo(ApplicationContent content) => content with
    {
        Project = new ProjectDescription
        {
            Title = ItemForm.Text(Title),
            Summary = ItemForm.Text(Summary),
            Sector = Sector,
            ReadinessNow = ReadinessNow,
            ReadinessTarget = ReadinessTarget,
        },
    };
}

public sealed class StagesForm
{
    public List<StageRow> Stages { get; set; } = [];

    public static StagesForm From(ApplicationContent content) => new()
    {
        Stages = Enumerable.Range(0, ApplicationChecks.MaxStages).Select(i => i < content.Stages.Count
            ? new StageRow
            {
                Kind = content.Stages[i].Kind,
                Start = content.Stages[i].Start,
                End = content.Stages[i].End,
                Deliverables = content.Stages[i].Deliverables,
                Lines = Enumerable.Range(0, ApplicationChecks.MaxBudgetLines).Select(j => j < content.Stages[i].Budget.Count
                    ? new BudgetRow
                    {
                        Item = content.Stages[i].Budget[j].Item,
                        GrantAmount = AmountText.Of(content.Stages[i].Budget[j].GrantAmount),
                        CoFinancingAmount = AmountText.Of(content.Stages[i].Budget[j].CoFinancingAmount),
                    }
                    : new BudgetRow()).ToList(),
            }
            : StageRow.Empty()).ToList(),
    };

    /// <summary>A stage row without a kind is unused; a budget line without a name or amounts is unused.</summary>
    public ApplicationContent ApplyTo(ApplicationContent content, List<FormError> errors, IStringLocalizer localizer) => content with
    {
        Stages = Stages.Take(ApplicationChecks.MaxStages).Select((row, i) => (row, i)).Where(s => s.row.Kind is not null)
            .Select(s => new ProjectStage
            {
                Kind = s.row.Kind!.Value,
                Start = s.row.Start,
                End = s.row.End,
                Deliverables = ItemForm.Text(s.row.Deliverables),
                Budget = s.row.Lines.Take(ApplicationChecks.MaxBudgetLines).Select((line, j) => (line, j)).Where(l => !l.line.IsEmpty)
                    .Select(l => new BudgetLine
                    {
                        Item = ItemForm.Text(l.line.Item),
                        GrantAmount = AmountText.Read(l.line.GrantAmount, $"Stages[{s.i}].Lines[{l.j}].GrantAmount", errors, localizer) ?? 0,
                        CoFinancingAmount = AmountText.Read(l.line.CoFinancingAmount, $"Stages[{s.i}].Lines[{l.j}].CoFinancingAmount", errors, localizer) ?? 0,
                    })
                    .ToList(),
            })
            .ToList(),
    };
}

public sealed class StageRow
{
    public StageKind? Kind { get; set; }

    public DateOnly? Start { get; set; }

    public DateOnly? End { get; set; }

    public string? Deliverables { get; set; }

    public List<BudgetRow> Lines { get; set; } = [];

    public static StageRow Empty() => new() { Lines = Enumerable.Range(0, ApplicationChecks.MaxBudgetLines).Select(_ => new BudgetRow()).ToList() };
}

public sealed class BudgetRow
{
    public string? Item { get; set; }

    public string? GrantAmount { get; set; }

    public string? CoFinancingAmount { get; set; }

    public bool IsEmpty => string.IsNullOrWhiteSpace(Item) && string.IsNullOrWhiteSpace(GrantAmount) && string.IsNullOrWhiteSpace(CoFinancingAmount);
}

public sealed class MarketForm
{
    [Display(Name = "Planned annual production (with unit)")] public string? PlannedAnnualVolume { get; set; }

    [Display(Name = "First deliveries")] public DateOnly? FirstDeliveries { get; set; }

    public List<BuyerRow> Buyers { get; set; } = [];

    public static MarketForm From(ApplicationContent content) => new()
    {
        PlannedAnnualVolume = content.Production.PlannedAnnualVolume,
        FirstDeliveries = content.Production.FirstDeliveries,
        Buyers = Enumerable.Range(0, ApplicationChecks.MaxBuyers).Select(i => i < content.Buyers.Count
            ? new BuyerRow
            {
                Name = content.Buyers[i].Name,
                Inn = content.Buyers[i].Inn,
                Region = content.Buyers[i].Region,
                HasLetterOfIntent = content.Buyers[i].HasLetterOfIntent,
            }
            : new BuyerRow()).ToList(),
    };

    public ApplicationContent ApplyTo(ApplicationContent content) => content with
    {
        Production = new ProductionPlan { PlannedAnnualVolume = ItemForm.Text(PlannedAnnualVolume), FirstDeliveries = FirstDeliveries },
        Buyers = Buyers.Take(ApplicationChecks.MaxBuyers)
            .Where(b => !string.IsNullOrWhiteSpace(b.Name) || !string.IsNullOrWhiteSpace(b.Inn))
            .Select(b => new Buyer
            {
                Name = ItemForm.Text(b.Name),
                Inn = ItemForm.Text(b.Inn),
                Region = ItemForm.Text(b.Region),
                HasLetterOfIntent = b.HasLetterOfIntent,
            })
            .ToList(),
    };
}

public sealed class BuyerRow
{
    public string? Name { get; set; }

    public string? Inn { get; set; }

    public string? Region { get; set; }

    public bool HasLetterOfIntent { get; set; }
}

public sealed class TeamForm
{
    [Display(Name = "Team")] public string? Team { get; set; }

    public static TeamForm From(ApplicationContent content) => new() { Team = content.Team };

    public ApplicationContent ApplyTo(ApplicationContent content) => content with { Team = ItemForm.Text(Team) };
}

/// <summary>Amounts typed as text: "1 234 567,89" or "1234567.89"; never more than two decimals, never rounded.</summary>
internal static class AmountText
{
    public static string? Of(decimal? amount) => amount?.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);

    public static decimal? Read(string? text, string field, List<FormError> errors, IStringLocalizer l)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (Money.TryParse(text, out var money))
        {
            return money.Amount;
        }

        errors.Add(new FormError(field, l["Enter an amount in roubles, e.g. 1 250 000,00: digits, at most two after the comma."]));
        return null;
    }
}
