namespace GrantPortal.Web.Infrastructure.Web;

public sealed class PortalOptions
{
    public const string Section = "Portal";

    /// <summary>The address people reach the portal at; links in e-mails sent without a request (timers, jobs) start with it.</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5080";
}
