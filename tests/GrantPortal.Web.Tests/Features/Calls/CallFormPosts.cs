using GrantPortal.Testing;

namespace GrantPortal.Web.Tests.Features.Calls;

/// <summary>Posts the officers' call form with exactly the given fields, as a browser would send them.</summary>
internal static class CallFormPosts
{
    /// <summary>A complete, valid call: five criteria adding up to 100 %, two documents, all stage kinds and sectors.</summary>
    public static List<KeyValuePair<string, string>> ValidCall(string titleRu) =>
    [
        new("TitleRu", titleRu),
        new("TitleEn", "Test call " + titleRu),
        new("DescriptionRu", "Гранты на компонентозамещение."),
        new("DescriptionEn", "Grants for component substitution."),
        new("StageKinds", "Prototype"), new("StageKinds", "Tests"), new("StageKinds", "ProductionLaunch"),
        new("Sectors", "Industry"), new("Sectors", "Transport"), new("Sectors", "Energy"), new("Sectors", "Infrastructure"),
        new("MaxGrant", "50000000,00"),
        new("TotalBudget", "1 000 000 000"),
        new("MinCoFinancingPercent", "20"),
        new("OpensAt", "2031-03-01T09:00"),
        new("ClosesAt", "2031-04-15T18:00"),
        new("ExpertsPerApplication", "2"),
        new("ReviewPeriodDays", "14"),
        new("DivergenceLimit", "20"),
        .. Criterion(0, "technology", "Технологический уровень и новизна", "25", "10", "5"),
        .. Criterion(1, "import-substitution", "Значимость для импортозамещения", "25", "10", "5"),
        .. Criterion(2, "demand", "Подтверждённый спрос и рынок", "20", "10", "4"),
        .. Criterion(3, "capacity", "Производственный и кадровый потенциал", "15", "10", "4"),
        .. Criterion(4, "budget", "Обоснованность бюджета", "15", "10", "3,5"),
        new("Documents[0].Code", "business-plan"), new("Documents[0].NameRu", "Бизнес-план"), new("Documents[0].NameEn", "Business plan"),
        new("Documents[1].Code", "feasibility-study"), new("Documents[1].NameRu", "Технико-экономическое обоснование"),
        new("Documents[1].NameEn", "Feasibility study"),
    ];

    /// <summary>Replaces the fields named in <paramref name="changes"/> (an empty value keeps the name with no value).</summary>
    public static List<KeyValuePair<string, string>> With(this List<KeyValuePair<string, string>> fields, params (string Name, string Value)[] changes)
    {
        var result = fields.Where(f => changes.All(c => c.Name != f.Key)).ToList();
        result.AddRange(changes.Select(c => new KeyValuePair<string, string>(c.Name, c.Value)));
        return result;
    }

    public static List<KeyValuePair<string, string>> Without(this List<KeyValuePair<string, string>> fields, params string[] names) =>
        fields.Where(f => !names.Contains(f.Key)).ToList();

    /// <summary>Loads <paramref name="pageUrl"/> for its anti-forgery token and posts the fields to <paramref name="action"/>.</summary>
    public static async Task<HttpResponseMessage> PostAsync(
        this HttpClient client, string pageUrl, string action, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var page = await client.GetDocumentAsync(pageUrl);
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        return await client.PostAsync(action, new FormUrlEncodedContent([.. fields, new("__RequestVerificationToken", token)]));
    }

    private static KeyValuePair<string, string>[] Criterion(int row, string code, string nameRu, string weight, string maxScore, string threshold) =>
    [
        new($"Criteria[{row}].Code", code),
        new($"Criteria[{row}].NameRu", nameRu),
        new($"Criteria[{row}].NameEn", code),
        new($"Criteria[{row}].Weight", weight),
        new($"Criteria[{row}].MaxScore", maxScore),
        new($"Criteria[{row}].Threshold", threshold),
    ];
}
