using System.ComponentModel.DataAnnotations;
using GrantPortal.Web.Domain;
using GrantPortal.Web.Infrastructure.Localization;
using GrantPortal.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace GrantPortal.Web.Features.Calls;

/// <summary>
/// The officer's form for creating and editing a call. Numbers are text so that both "1 500 000,50" and "1500000.50"
/// are read, and a third decimal is refused with a clear message instead of being rounded by the binder. Times are
/// Moscow wall-clock times; <see cref="CallFormReader"/> turns them into UTC.
/// </summary>
public sealed class CallForm
{
    public const int CriterionRows = 8;
    public const int DocumentRows = 10;

    [Required(ErrorMessage = "Enter the title in Russian.")]
    [StringLength(300, ErrorMessage = "The title is too long: at most 300 characters.")]
    [Display(Name = "Title in Russian")]
    public string? TitleRu { get; set; }

    [Required(ErrorMessage = "Enter the title in English.")]
    [StringLength(300, ErrorMessage = "The title is too long: at most 300 characters.")]
    [Display(Name = "Title in English")]
    public string? TitleEn { get; set; }

    [Required(ErrorMessage = "Enter the description in Russian.")]
    [StringLength(10000, ErrorMessage = "The description is too long: at most 10,000 characters.")]
    [Display(Name = "Description in Russian")]
    public string? DescriptionRu { get; set; }

    [Required(ErrorMessage = "Enter the description in English.")]
    [StringLength(10000, ErrorMessage = "The description is too long: at most 10,000 characters.")]
    [Display(Name = "Description in English")]
    public string? DescriptionEn { get; set; }

    [Display(Name = "Stage kinds funded")]
    public List<StageKind> StageKinds { get; set; } = [];

    [Display(Name = "Sectors")]
    public List<Sector> Sectors { get; set; } = [];

    [Display(Name = "Maximum grant per application, ₽")]
    public string? MaxGrant { get; set; }

    [Display(Name = "Call budget, ₽")]
    public string? TotalBudget { get; set; }

    [Display(Name = "Minimum co-financing, % of the project budget")]
    public string? MinCoFinancingPercent { get; set; }

    [Display(Name = "Opens (Moscow time)")]
    public DateTime? OpensAt { get; set; }

    [Display(Name = "Closes (Moscow time)")]
    public DateTime? ClosesAt { get; set; }

    [Display(Name = "Experts per application")]
    public int? ExpertsPerApplication { get; set; }

    [Display(Name = "Review period, days")]
    public int? ReviewPeriodDays { get; set; }

    [Display(Name = "Divergence limit, points out of 100")]
    public string? DivergenceLimit { get; set; }

    public List<CriterionRow> Criteria { get; set; } = [];

    public List<DocumentRow> Documents { get; set; } = [];

    /// <summary>Set by the controller for the view; never bound from the request.</summary>
    [BindNever]
    public Guid? CallId { get; set; }

    /// <summary>True when the call has opened: the view shows the rules disabled (see <see cref="GrantCall.RulesAreFrozen"/>).</summary>
    [BindNever]
    public bool RulesFrozen { get; set; }

    /// <summary>A form for a new call, with the programme's usual settings filled in.</summary>
    public static CallForm ForNewCall()
    {
        return FromCall(new GrantCall
        {
            TotalBudget = GrantCall.GrantCeiling,
            MinCoFinancingShare = 0.2m,
            AllowedStageKinds = [.. Enum.GetValues<StageKind>()],
            Sectors = [.. Enum.GetValues<Sector>()],
        });
    }

    public static CallForm FromCall(GrantCall call) => new()
    {
        TitleRu = call.TitleRu,
        TitleEn = call.TitleEn,
        DescriptionRu = call.DescriptionRu,
        DescriptionEn = call.DescriptionEn,
        StageKinds = [.. call.AllowedStageKinds],
        Sectors = [.. call.Sectors],
        MaxGrant = Formats.InputNumber(call.MaxGrant, "0.00"),
        TotalBudget = Formats.InputNumber(call.TotalBudget, "0.00"),
        MinCoFinancingPercent = Formats.InputNumber(call.MinCoFinancingShare * 100),
        OpensAt = call.OpensAt == default ? null : Formats.ToMoscow(call.OpensAt),
        ClosesAt = call.ClosesAt == default ? null : Formats.ToMoscow(call.ClosesAt),
        ExpertsPerApplication = call.ExpertsPerApplication,
        ReviewPeriodDays = call.ReviewPeriodDays,
        DivergenceLimit = Formats.InputNumber(call.DivergenceLimit),
        Criteria = [.. call.Criteria.Select(c => new CriterionRow
        {
            Code = c.Code, NameRu = c.NameRu, NameEn = c.NameEn, Weight = Formats.InputNumber(c.Weight),
            MaxScore = c.MaxScore.ToString(System.Globalization.CultureInfo.InvariantCulture), Threshold = Formats.InputNumber(c.Threshold),
        })],
        Documents = [.. call.RequiredDocumentTypes.Select(d => new DocumentRow { Code = d.Code, NameRu = d.NameRu, NameEn = d.NameEn })],
    };

    /// <summary>Takes every rule (all but the titles, descriptions and closing time) from another form.</summary>
    public void ShowRulesOf(CallForm stored)
    {
        StageKinds = stored.StageKinds;
        Sectors = stored.Sectors;
        MaxGrant = stored.MaxGrant;
        TotalBudget = stored.TotalBudget;
        MinCoFinancingPercent = stored.MinCoFinancingPercent;
        OpensAt = stored.OpensAt;
        ExpertsPerApplication = stored.ExpertsPerApplication;
        ReviewPeriodDays = stored.ReviewPeriodDays;
        DivergenceLimit = stored.DivergenceLimit;
        Criteria = stored.Criteria;
        Documents = stored.Documents;
    }

    /// <summary>Adds empty rows up to the fixed number the form shows, so an officer can add criteria and documents without script.</summary>
    public CallForm WithEmptyRows()
    {
        while (Criteria.Count < CriterionRows)
        {
            Criteria.Add(new CriterionRow());
        }

        while (Documents.Count < DocumentRows)
        {
            Documents.Add(new DocumentRow());
        }

        return this;
    }
}

public sealed class CriterionRow
{
    [Display(Name = "Code")]
    public string? Code { get; set; }

    [Display(Name = "Name in Russian")]
    public string? NameRu { get; set; }

    [Display(Name = "Name in English")]
    public string? NameEn { get; set; }

    [Display(Name = "Weight, %")]
    public string? Weight { get; set; }

    [Display(Name = "Maximum score")]
    public string? MaxScore { get; set; }

    [Display(Name = "Threshold")]
    public string? Threshold { get; set; }

    public bool IsEmpty => new[] { Code, NameRu, NameEn, Weight, MaxScore, Threshold }.All(string.IsNullOrWhiteSpace);
}

public sealed class DocumentRow
{
    [Display(Name = "Code")]
    public string? Code { get; set; }

    [Display(Name = "Name in Russian")]
    public string? NameRu { get; set; }

    [Display(Name = "Name in English")]
    public string? NameEn { get; set; }

    public bool IsEmpty => new[] { Code, NameRu, NameEn }.All(string.IsNullOrWhiteSpace);
}
