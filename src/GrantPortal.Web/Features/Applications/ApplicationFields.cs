using GrantPortal.Web.Domain;
using GrantPortal.Web.Features.Calls;
using GrantPortal.Web.Infrastructure.Localization;
using Microsoft.Extensions.Localization;

namespace GrantPortal.Web.Features.Applications;

/// <summary>One thing an application says, as a person reads it: the field's label and its value as the screen shows it.</summary>
/// <param name="Key">
/// Names the field across versions: the same field of the stage, budget line or buyer in the same position has the same
/// key, so two versions are compared position by position.
/// </param>
/// <param name="Value">The value as shown (amounts in roubles, dates as dd.MM.yyyy, names of sectors and regions); "" when not given.</param>
public sealed record ApplicationField(ApplicationSection Section, string Key, string Label, string Value);

/// <summary>
/// An application's content as labelled values in the order of the form: what a frozen version shows, and what two
/// versions are compared on. Written out field by field rather than found by reflection: each field needs its own label
/// (the one its form shows) and its own format, and a field added to the content should be added here on purpose rather
/// than appear under its C# name.
/// </summary>
public static class ApplicationFields
{
    public static IReadOnlyList<ApplicationField> Of(ApplicationContent content, IStringLocalizer l)
    {
        var fields = new List<ApplicationField>();
        void Add(ApplicationSection section, string key, string label, string? value) => fields.Add(new(section, key, label, value ?? ""));

        const ApplicationSection item = ApplicationSection.Item;
        Add(item, "Item.Name", l["Imported item"], content.Item.Name);
        Add(item, "Item.TnVedCode", l["Customs code (TN VED, 10 digits)"], content.Item.TnVedCode);
        Add(item, "Item.CountryOfOrigin", l["Country of origin"], content.Item.CountryOfOrigin);
        Add(item, "Item.CurrentSupplier", l["Current foreign supplier"], content.Item.CurrentSupplier);
        Add(item, "Item.AnnualImportVolume", l["Annual import volume (with unit)"], content.Item.AnnualImportVolume);
        Add(item, "Item.AnnualImportValue", l["Annual import value, roubles"], Amount(content.Item.AnnualImportValue));

        const ApplicationSection project = ApplicationSection.Project;
        Add(project, "Project.Title", l["Project title"], content.Project.Title);
        Add(project, "Project.Summary", l["Summary"], content.Project.Summary);
        Add(project, "Project.Sector", l["Sector"], content.Project.Sector is { } sector ? CallLabels.Of(l, sector) : "");
        Add(project, "Project.ReadinessNow", l["Technology readiness level now"], content.Project.ReadinessNow?.ToString());
        Add(project, "Project.ReadinessTarget", l["Technology readiness level at the end"], content.Project.ReadinessTarget?.ToString());

        const ApplicationSection stages = ApplicationSection.Stages;
        for (var i = 0; i < content.Stages.Count; i++)
        {
            var stage = content.Stages[i];
            var n = i + 1;
            var key = $"Stages[{i}]";
            Add(stages, key + ".Kind", l["Stage {0}: kind of work", n], CallLabels.Of(l, stage.Kind));
            Add(stages, key + ".Start", l["Stage {0}: start", n], Date(stage.Start));
            Add(stages, key + ".End", l["Stage {0}: end", n], Date(stage.End));
            Add(stages, key + ".Deliverables", l["Stage {0}: deliverables", n], stage.Deliverables);
            for (var j = 0; j < stage.Budget.Count; j++)
            {
                var line = stage.Budget[j];
                var lineKey = $"{key}.Budget[{j}]";
                Add(stages, lineKey + ".Item", l["Stage {0}, line {1}: item", n, j + 1], line.Item);
                Add(stages, lineKey + ".GrantAmount", l["Stage {0}, line {1}: grant", n, j + 1], Formats.Roubles(line.GrantAmount));
                Add(stages, lineKey + ".CoFinancingAmount", l["Stage {0}, line {1}: co-financing", n, j + 1], Formats.Roubles(line.CoFinancingAmount));
            }
        }

        // The totals are sums of the lines above, repeated because they are what the call's rules and the decision are about.
        Add(stages, "RequestedGrant", l["Requested grant"], Formats.Roubles(content.RequestedGrant));
        Add(stages, "CoFinancing", l["Co-financing"], Formats.Roubles(content.CoFinancing));

        const ApplicationSection market = ApplicationSection.Market;
        Add(market, "Production.PlannedAnnualVolume", l["Planned annual production (with unit)"], content.Production.PlannedAnnualVolume);
        Add(market, "Production.FirstDeliveries", l["First deliveries"], Date(content.Production.FirstDeliveries));
        for (var i = 0; i < content.Buyers.Count; i++)
        {
            var buyer = content.Buyers[i];
            var n = i + 1;
            var key = $"Buyers[{i}]";
            Add(market, key + ".Name", l["Buyer {0}: name", n], buyer.Name);
            Add(market, key + ".Inn", l["Buyer {0}: INN", n], buyer.Inn);
            Add(market, key + ".Region", l["Buyer {0}: region", n], RussianRegions.Find(buyer.Region)?.Name(LocalizationExtensions.CurrentLanguage) ?? buyer.Region);
            Add(market, key + ".HasLetterOfIntent", l["Buyer {0}: letter of intent", n], buyer.HasLetterOfIntent ? l["Yes"] : l["No"]);
        }

        Add(ApplicationSection.Team, "Team", l["Team"], content.Team);
        return fields;
    }

    /// <summary>The heading of a part of the form, as its page and the progress list name it.</summary>
    public static string SectionTitle(IStringLocalizer l, ApplicationSection section) => section switch
    {
        ApplicationSection.Item => l["Imported item"],
        ApplicationSection.Project => l["Project"],
        ApplicationSection.Stages => l["Stages and budget"],
        ApplicationSection.Market => l["Production and buyers"],
        ApplicationSection.Team => l["Team"],
        ApplicationSection.Documents => l["Documents"],
        _ => section.ToString(),
    };

    private static string Amount(decimal? amount) => amount is { } roubles ? Formats.Roubles(roubles) : "";

    private static string Date(DateOnly? date) => date is { } day ? Formats.Date(day) : "";
}
