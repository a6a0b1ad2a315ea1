namespace GrantPortal.Web.Features.Decisions;

/// <summary>Configuration section "Decisions".</summary>
public sealed class DecisionOptions
{
    public const string Section = "Decisions";

    /// <summary>Approvals above this amount need a second, different officer to confirm them (four eyes).</summary>
    public decimal FourEyesThreshold { get; set; } = 50_000_000.00m;

    /// <summary>The agency's name at the head of every decision letter.</summary>
    public string AgencyName { get; set; } = "Агентство технологического развития";
}
