using GrantPortal.Web.Domain;
using Microsoft.Extensions.Localization;

namespace GrantPortal.Web.Features.Calls;

/// <summary>The names people read for the call's enumerations, in their language.</summary>
public static class CallLabels
{
    public static string Of(IStringLocalizer l, StageKind kind) => kind switch
    {
        StageKind.Prototype => l["Developing a prototype"],
        StageKind.Tests => l["Conducting tests"],
        StageKind.ProductionLaunch => l["Launching production"],
        _ => kind.ToString(),
    };

    public static string Of(IStringLocalizer l, Sector sector) => sector switch
    {
        Sector.Industry => l["Industry"],
        Sector.Transport => l["Transport"],
        Sector.Energy => l["Energy"],
        Sector.Infrastructure => l["Infrastructure"],
        _ => sector.ToString(),
    };

    public static string Of(IStringLocalizer l, CallStatus status) => status switch
    {
        CallStatus.Upcoming => l["Upcoming"],
        CallStatus.Open => l["Open"],
        CallStatus.Closed => l["Closed"],
        _ => status.ToString(),
    };

    /// <summary>The Bootstrap badge colour of a status.</summary>
    public static string BadgeClass(CallStatus status) => status switch
    {
        CallStatus.Open => "text-bg-success",
        CallStatus.Upcoming => "text-bg-info",
        _ => "text-bg-secondary",
    };
}
