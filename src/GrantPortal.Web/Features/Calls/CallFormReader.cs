using System.Text.RegularExpressions;
using GrantPortal.Web.Domain;
using GrantPortal.Web.Infrastructure.Localization;
using GrantPortal.Web.Infrastructure.Web;
using Microsoft.Extensions.Localization;

namespace GrantPortal.Web.Features.Calls;

/// <summary>
/// Turns a <see cref="CallForm"/> into a call's values and the call's broken rules into messages on the form's
/// fields. The rules themselves live in <see cref="GrantCall.CheckRules"/>; this class only reads and explains.
/// </summary>
public sealed partial class CallFormReader(IStringLocalizer<SharedResource> l)
{
    /// <summary>Writes the form's values onto <paramref name="call"/>.</summary>
    /// <param name="keepMissing">
    /// Leave what the form did not send as it is: the rules of an opened call are shown disabled, and browsers do
    /// not send disabled fields. Otherwise a missing value is an error.
    /// </param>
    /// <returns>Why the form cannot be read, and for each criterion of the call the form row it came from.</returns>
    public (List<FormError> Errors, List<int> CriterionRows) Read(CallForm form, GrantCall call, bool keepMissing)
    {
        var errors = new List<FormError>();
        call.TitleRu = form.TitleRu?.Trim() ?? "";
        call.TitleEn = form.TitleEn?.Trim() ?? "";
        call.DescriptionRu = form.DescriptionRu?.Trim() ?? "";
        call.DescriptionEn = form.DescriptionEn?.Trim() ?? "";

        // An empty choice is not a valid call anyway, so for a frozen call it can only mean "not sent".
        if (!keepMissing || form.StageKinds.Count > 0)
        {
            call.AllowedStageKinds = [.. form.StageKinds.Distinct().Order()];
        }

        if (!keepMissing || form.Sectors.Count > 0)
        {
            call.Sectors = [.. form.Sectors.Distinct().Order()];
        }

        if (Money(form.MaxGrant, nameof(form.MaxGrant), l["Enter the maximum grant."], keepMissing, errors) is { } maxGrant)
        {
            call.MaxGrant = maxGrant;
        }

        if (Money(form.TotalBudget, nameof(form.TotalBudget), l["Enter the call budget."], keepMissing, errors) is { } budget)
        {
            call.TotalBudget = budget;
        }

        if (Number(form.MinCoFinancingPercent, 2, nameof(form.MinCoFinancingPercent), l["Enter the minimum co-financing."], keepMissing, errors) is { } percent)
        {
            call.MinCoFinancingShare = percent / 100;
        }

        if (Time(form.OpensAt, call.OpensAt, nameof(form.OpensAt), l["Enter the opening time."], keepMissing, errors) is { } opensAt)
        {
            call.OpensAt = opensAt;
        }

        // The closing time is always sent: it stays editable when the rules are frozen.
        if (Time(form.ClosesAt, call.ClosesAt, nameof(form.ClosesAt), l["Enter the closing time."], keepMissing: false, errors) is { } closesAt)
        {
            call.ClosesAt = closesAt;
        }

        if (form.ExpertsPerApplication is { } experts)
        {
            call.ExpertsPerApplication = experts;
        }
        else if (!keepMissing)
        {
            errors.Add(new FormError(nameof(form.ExpertsPerApplication), l["Enter the number of experts per application."]));
        }

        if (form.ReviewPeriodDays is { } days)
        {
            call.ReviewPeriodDays = days;
        }
        else if (!keepMissing)
        {
            errors.Add(new FormError(nameof(form.ReviewPeriodDays), l["Enter the review period in days."]));
        }

        if (Number(form.DivergenceLimit, 2, nameof(form.DivergenceLimit), l["Enter the divergence limit."], keepMissing, errors) is { } divergence)
        {
            call.DivergenceLimit = divergence;
        }

        var criterionRows = new List<int>();
        var criteria = ReadCriteria(form.Criteria, criterionRows, errors);
        if (!keepMissing || criteria.Count > 0)
        {
            call.Criteria = criteria;
        }

        var documents = ReadDocuments(form.Documents, errors);
        if (!keepMissing || documents.Count > 0)
        {
            call.RequiredDocumentTypes = documents;
        }

        return (errors, criterionRows);
    }

    /// <summary>A message in the user's language on the field of each broken rule.</summary>
    public IEnumerable<FormError> Explain(IEnumerable<CallRuleViolation> violations, GrantCall call, IReadOnlyList<int> criterionRows)
    {
        foreach (var violation in violations)
        {
            var row = violation.Row is { } i && i < criterionRows.Count ? $"{nameof(CallForm.Criteria)}[{criterionRows[i]}]." : "";
            yield return violation.Rule switch
            {
                CallRule.MaxGrantNotPositive => new(nameof(CallForm.MaxGrant), l["The maximum grant must be more than zero."]),
                CallRule.MaxGrantAboveCeiling => new(nameof(CallForm.MaxGrant), l["The maximum grant cannot exceed {0}, the programme's limit.", Formats.Roubles(GrantCall.GrantCeiling)]),
                CallRule.TotalBudgetBelowMaxGrant => new(nameof(CallForm.TotalBudget), l["The call budget cannot be less than the maximum grant."]),
                CallRule.TotalBudgetTooLarge => new(nameof(CallForm.TotalBudget), l["The call budget is too large."]),
                CallRule.AmountNotInKopecks => FormError.ForForm(l["Enter amounts in roubles with at most two digits after the decimal point."]),
                CallRule.CoFinancingShareOutOfRange => new(nameof(CallForm.MinCoFinancingPercent), l["The minimum co-financing must be at least 0 % and less than 100 %."]),
                CallRule.ClosesBeforeOpens => new(nameof(CallForm.ClosesAt), l["The call must close after it opens."]),
                CallRule.NoStageKind => new(nameof(CallForm.StageKinds), l["Choose at least one stage kind."]),
                CallRule.NoSector => new(nameof(CallForm.Sectors), l["Choose at least one sector."]),
                CallRule.NoCriterion => new(nameof(CallForm.Criteria), l["Add at least one scoring criterion."]),
                CallRule.CriterionCodesRepeat => new(nameof(CallForm.Criteria), l["Two criteria have the same code: each criterion needs its own."]),
                CallRule.CriterionWeightNotPositive => new(row + nameof(CriterionRow.Weight), l["The weight must be more than zero."]),
                CallRule.CriterionWeightsNotHundred => new(nameof(CallForm.Criteria), l["The weights of the criteria must add up to 100 %; now they add up to {0} %.", Formats.InputNumber(call.Criteria.Sum(c => c.Weight))]),
                CallRule.CriterionMaxScoreOutOfRange => new(row + nameof(CriterionRow.MaxScore), l["The maximum score must be a whole number from 1 to {0}.", GrantCall.MaxCriterionScore]),
                CallRule.CriterionThresholdOutOfRange => new(row + nameof(CriterionRow.Threshold), l["The threshold must be from 0 to the criterion's maximum score."]),
                CallRule.DocumentCodesRepeat => new(nameof(CallForm.Documents), l["Two documents have the same code: each document needs its own."]),
                CallRule.ExpertsPerApplicationOutOfRange => new(nameof(CallForm.ExpertsPerApplication), l["Each application is reviewed by {0} to {1} experts.", GrantCall.MinExpertsPerApplication, GrantCall.MaxExpertsPerApplication]),
                CallRule.ReviewPeriodOutOfRange => new(nameof(CallForm.ReviewPeriodDays), l["The review period must be from 1 to {0} days.", GrantCall.MaxReviewPeriodDays]),
                CallRule.DivergenceLimitOutOfRange => new(nameof(CallForm.DivergenceLimit), l["The divergence limit must be more than 0 and at most 100 points."]),
                _ => FormError.ForForm(l["The call breaks a rule of the programme."]),
            };
        }
    }

    private List<ScoringCriterion> ReadCriteria(List<CriterionRow> rows, List<int> criterionRows, List<FormError> errors)
    {
        var criteria = new List<ScoringCriterion>();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (row.IsEmpty)
            {
                continue;
            }

            var prefix = $"{nameof(CallForm.Criteria)}[{i}].";
            var before = errors.Count;
            var code = Code(row.Code, prefix, l["Enter the criterion's code."], errors);
            var nameRu = Name(row.NameRu, prefix + nameof(row.NameRu), l["Enter the criterion's name in Russian."], errors);
            var nameEn = Name(row.NameEn, prefix + nameof(row.NameEn), l["Enter the criterion's name in English."], errors);
            var weight = Number(row.Weight, 2, prefix + nameof(row.Weight), l["Enter the criterion's weight in percent."], false, errors);
            var threshold = Number(row.Threshold, 2, prefix + nameof(row.Threshold), l["Enter the criterion's threshold."], false, errors);
            int? maxScore = null;
            if (string.IsNullOrWhiteSpace(row.MaxScore))
            {
                errors.Add(new FormError(prefix + nameof(row.MaxScore), l["Enter the criterion's maximum score."]));
            }
            else if (int.TryParse(row.MaxScore.Trim(), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var score))
            {
                maxScore = score;
            }
            else
            {
                errors.Add(new FormError(prefix + nameof(row.MaxScore), l["The maximum score must be a whole number from 1 to {0}.", GrantCall.MaxCriterionScore]));
            }

            if (errors.Count == before)
            {
                criteria.Add(new ScoringCriterion
                {
                    Code = code, NameRu = nameRu, NameEn = nameEn, Weight = weight!.Value, MaxScore = maxScore!.Value, Threshold = threshold!.Value,
                });
                criterionRows.Add(i);
            }
        }

        if (criteria.Count > CallForm.CriterionRows)
        {
            errors.Add(new FormError(nameof(CallForm.Criteria), l["A call has at most {0} criteria.", CallForm.CriterionRows]));
        }

        return criteria;
    }

    private List<RequiredDocumentType> ReadDocuments(List<DocumentRow> rows, List<FormError> errors)
    {
        var documents = new List<RequiredDocumentType>();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (row.IsEmpty)
            {
                continue;
            }

            var prefix = $"{nameof(CallForm.Documents)}[{i}].";
            var before = errors.Count;
            var code = Code(row.Code, prefix, l["Enter the document's code."], errors);
            var nameRu = Name(row.NameRu, prefix + nameof(row.NameRu), l["Enter the document's name in Russian."], errors);
            var nameEn = Name(row.NameEn, prefix + nameof(row.NameEn), l["Enter the document's name in English."], errors);
            if (errors.Count == before)
            {
                documents.Add(new RequiredDocumentType { Code = code, NameRu = nameRu, NameEn = nameEn });
            }
        }

        if (documents.Count > CallForm.DocumentRows)
        {
            errors.Add(new FormError(nameof(CallForm.Documents), l["A call requires at most {0} documents.", CallForm.DocumentRows]));
        }

        return documents;
    }

    private string Code(string? text, string prefix, string missing, List<FormError> errors)
    {
        var code = text?.Trim() ?? "";
        if (code.Length == 0)
        {
            errors.Add(new FormError(prefix + nameof(CriterionRow.Code), missing));
        }
        else if (!CodePattern().IsMatch(code))
        {
            errors.Add(new FormError(prefix + nameof(CriterionRow.Code), l["A code is up to 40 Latin letters, digits, hyphens and underscores, starting with a letter or digit."]));
        }

        return code;
    }

    private string Name(string? text, string field, string missing, List<FormError> errors)
    {
        var name = text?.Trim() ?? "";
        if (name.Length == 0)
        {
            errors.Add(new FormError(field, missing));
        }
        else if (name.Length > 300)
        {
            errors.Add(new FormError(field, l["The name is too long: at most 300 characters."]));
        }

        return name;
    }

    private decimal? Money(string? text, string field, string missing, bool keepMissing, List<FormError> errors) =>
        Read(text, 2, field, missing, keepMissing, errors,
            l["Enter the amount in roubles with at most two digits after the decimal point (kopecks)."],
            l["Enter the amount in roubles as digits, for example 50000000,00."]);

    private decimal? Number(string? text, int decimals, string field, string missing, bool keepMissing, List<FormError> errors) =>
        Read(text, decimals, field, missing, keepMissing, errors,
            l["Enter a number with at most two digits after the decimal point."],
            l["Enter a number, for example 12,5."]);

    private static decimal? Read(
        string? text, int decimals, string field, string missing, bool keepMissing, List<FormError> errors, string tooManyDecimals, string notANumber)
    {
        var result = TypedNumber.Read(text, decimals, out var number);
        var message = result switch
        {
            NumberInput.Valid => null,
            NumberInput.Empty => keepMissing ? null : missing,
            NumberInput.TooManyDecimals => tooManyDecimals,
            _ => notANumber,
        };
        if (message is not null)
        {
            errors.Add(new FormError(field, message));
        }

        return result == NumberInput.Valid ? number : null;
    }

    /// <summary>A Moscow time from the form as UTC. A time in the same minute as <paramref name="current"/> keeps it exactly,
    /// since the form shows minutes only and must not move a stored time by its seconds.</summary>
    private DateTime? Time(DateTime? moscow, DateTime current, string field, string missing, bool keepMissing, List<FormError> errors)
    {
        if (moscow is not { } entered)
        {
            if (!keepMissing)
            {
                errors.Add(new FormError(field, missing));
            }

            return null;
        }

        DateTime utc;
        try
        {
            utc = Formats.FromMoscow(new DateTime(entered.Year, entered.Month, entered.Day, entered.Hour, entered.Minute, 0));
        }
        catch (ArgumentException)
        {
            errors.Add(new FormError(field, l["Enter a date and time that exists in Moscow."]));
            return null;
        }

        var currentMinute = new DateTime(current.Ticks - current.Ticks % TimeSpan.TicksPerMinute, DateTimeKind.Utc);
        return currentMinute == utc ? current : utc;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$")]
    private static partial Regex CodePattern();
}
