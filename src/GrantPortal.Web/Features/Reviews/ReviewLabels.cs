using GrantPortal.Web.Domain;
using Microsoft.Extensions.Localization;

namespace GrantPortal.Web.Features.Reviews;

public static class ReviewLabels
{
    public static string Of(IStringLocalizer l, ReviewStatus status) => status switch
    {
        ReviewStatus.Offered => l["Awaiting the expert's answer"],
        ReviewStatus.Accepted => l["In progress"],
        ReviewStatus.Declined => l["Declined"],
        ReviewStatus.Submitted => l["Submitted"],
        ReviewStatus.Replaced => l["Taken back"],
        _ => status.ToString(),
    };

    public static string Of(IStringLocalizer l, Recommendation recommendation) => recommendation switch
    {
        Recommendation.Fund => l["Fund"],
        Recommendation.FundWithChanges => l["Fund with changes"],
        Recommendation.DoNotFund => l["Do not fund"],
        _ => recommendation.ToString(),
    };
}
