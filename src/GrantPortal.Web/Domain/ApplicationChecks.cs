namespace GrantPortal.Web.Domain;

/// <summary>
/// One thing an application lacks or gets wrong. <see cref="Message"/> is an English text that is also the key of
/// its translation; <see cref="Arguments"/> fill its placeholders.
/// </summary>
public sealed record ApplicationProblem(ApplicationSection Section, string Field, string Message, params object[] Arguments);

/// <summary>The parts of the application form, in the order the applicant fills them in.</summary>
public enum ApplicationSection
{
    Item,
    Project,
    Stages,
    Market,
    Team,
    Documents,
}

/// <summary>
/// Everything a submitted application must satisfy (DOMAIN.md), checked at submission; drafts may break any of it.
/// Money rules: the grant is the sum of the grant parts of the budget lines, more than zero and at most the call's
/// maximum; the company's co-financing is at least the call's minimum share of the whole budget.
/// </summary>
public static class ApplicationChecks
{
    public const int MaxStages = 3;
    public const int MaxBudgetLines = 5;
    public const int MaxBuyers = 5;

    /// <param name="attachedTypes">The type codes of the documents attached now.</param>
    public static IReadOnlyList<ApplicationProblem> Check(ApplicationContent content, GrantCall call, IReadOnlyCollection<string> attachedTypes)
    {
        var problems = new List<ApplicationProblem>();
        void Add(ApplicationSection section, string field, string message, params object[] arguments) =>
            problems.Add(new ApplicationProblem(section, field, message, arguments));

        var item = content.Item;
        if (string.IsNullOrWhiteSpace(item.Name)) Add(ApplicationSection.Item, "Name", "Name the imported item.");
        if (!TnVedCode.TryParse(item.TnVedCode, out _)) Add(ApplicationSection.Item, "TnVedCode", "Enter a valid 10-digit customs code (TN VED).");
        if (string.IsNullOrWhiteSpace(item.CountryOfOrigin)) Add(ApplicationSection.Item, "CountryOfOrigin", "Name the country of origin.");
        if (string.IsNullOrWhiteSpace(item.CurrentSupplier)) Add(ApplicationSection.Item, "CurrentSupplier", "Name the current foreign supplier.");
        if (string.IsNullOrWhiteSpace(item.AnnualImportVolume)) Add(ApplicationSection.Item, "AnnualImportVolume", "State the annual import volume.");
        if (item.AnnualImportValue is not > 0) Add(ApplicationSection.Item, "AnnualImportValue", "State the annual import value in roubles.");

        var project = content.Project;
        if (string.IsNullOrWhiteSpace(project.Title)) Add(ApplicationSection.Project, "Title", "Give the project a title.");
        if (string.IsNullOrWhiteSpace(project.Summary)) Add(ApplicationSection.Project, "Summary", "Describe the project.");
        if (project.Sector is not { } sector || !call.Sectors.Contains(sector)) Add(ApplicationSection.Project, "Sector", "Choose a sector this call funds.");
        if (project.ReadinessNow is not (>= 1 and <= 9) || project.ReadinessTarget is not (>= 1 and <= 9))
        {
            Add(ApplicationSection.Project, "ReadinessNow", "Give the technology readiness level now and at the end, from 1 to 9.");
        }
        else if (project.ReadinessTarget <= project.ReadinessNow)
        {
            Add(ApplicationSection.Project, "ReadinessTarget", "The readiness level at the end must be higher than today's.");
        }

        CheckStages(content, call, Add);

        if (string.IsNullOrWhiteSpace(content.Production.PlannedAnnualVolume)) Add(ApplicationSection.Market, "PlannedAnnualVolume", "State the planned annual production volume.");
        if (content.Production.FirstDeliveries is null) Add(ApplicationSection.Market, "FirstDeliveries", "Give the date of the first deliveries.");
        if (content.Buyers.Count == 0) Add(ApplicationSection.Market, "Buyers", "Name at least one buyer enterprise.");
        for (var i = 0; i < content.Buyers.Count; i++)
        {
            var buyer = content.Buyers[i];
            var n = i + 1;
            if (string.IsNullOrWhiteSpace(buyer.Name)) Add(ApplicationSection.Market, $"Buyers[{i}].Name", "Buyer {0}: give the name.", n);
            if (!Inn.TryParse(buyer.Inn, out _)) Add(ApplicationSection.Market, $"Buyers[{i}].Inn", "Buyer {0}: the INN is not valid.", n);
            if (!RussianRegions.IsKnownCode(buyer.Region)) Add(ApplicationSection.Market, $"Buyers[{i}].Region", "Buyer {0}: choose the region.", n);
            if (!buyer.HasLetterOfIntent) Add(ApplicationSection.Market, $"Buyers[{i}].HasLetterOfIntent", "Buyer {0}: demand must be confirmed by a letter of intent.", n);
        }

        if (string.IsNullOrWhiteSpace(content.Team)) Add(ApplicationSection.Team, "Team", "Describe the team.");
        foreach (var document in call.RequiredDocumentTypes.Where(d => !attachedTypes.Contains(d.Code)))
        {
            Add(ApplicationSection.Documents, $"Documents.{document.Code}", "Attach the document: {0}.", document);
        }

        return problems;
    }

    private static void CheckStages(ApplicationContent content, GrantCall call, Action<ApplicationSection, string, string, object[]> add)
    {
        const ApplicationSection section = ApplicationSection.Stages;
        if (content.Stages.Count == 0)
        {
            add(section, "Stages", "Plan at least one stage.", []);
            return;
        }

        for (var i = 0; i < content.Stages.Count; i++)
        {
            var stage = content.Stages[i];
            var n = i + 1;
            if (!call.AllowedStageKinds.Contains(stage.Kind)) add(section, $"Stages[{i}].Kind", "Stage {0}: this call does not fund this kind of work.", [n]);
            if (content.Stages.Take(i).Any(s => s.Kind == stage.Kind)) add(section, $"Stages[{i}].Kind", "Stage {0}: each kind of work may be planned once.", [n]);
            if (stage.Start is null || stage.End is null || stage.End <= stage.Start) add(section, $"Stages[{i}].Start", "Stage {0}: give the start and end dates, the end after the start.", [n]);
            if (string.IsNullOrWhiteSpace(stage.Deliverables)) add(section, $"Stages[{i}].Deliverables", "Stage {0}: describe the deliverables.", [n]);
            if (stage.Budget.Count == 0) add(section, $"Stages[{i}].Budget", "Stage {0}: add at least one budget line.", [n]);
            if (stage.Budget.Any(l => string.IsNullOrWhiteSpace(l.Item))) add(section, $"Stages[{i}].Budget", "Stage {0}: every budget line needs a name.", [n]);
        }

        var grant = content.RequestedGrant;
        var ceiling = Math.Min(call.MaxGrant, GrantCall.GrantCeiling);
        if (grant <= 0)
        {
            add(section, "RequestedGrant", "The requested grant must be more than zero.", []);
        }
        else if (grant > ceiling)
        {
            add(section, "RequestedGrant", "The requested grant of {0} is more than the call's maximum of {1}.", [Money.FromRoubles(grant), Money.FromRoubles(ceiling)]);
        }

        if (content.ProjectBudget > 0 && content.CoFinancingShare < call.MinCoFinancingShare)
        {
            add(section, "CoFinancing", "Co-financing is {0} % of the budget; the call requires at least {1} %.",
                [Math.Round(content.CoFinancingShare * 100, 2), Math.Round(call.MinCoFinancingShare * 100, 2)]);
        }
    }
}
