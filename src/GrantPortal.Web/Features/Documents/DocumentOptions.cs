namespace GrantPortal.Web.Features.Documents;

/// <summary>Limits on uploads (configuration section "Documents").</summary>
public sealed class DocumentOptions
{
    public const string Section = "Documents";

    public long MaxFileBytes { get; set; } = 20 * 1024 * 1024;

    public long MaxApplicationBytes { get; set; } = 100 * 1024 * 1024;

    public int MaxFiles { get; set; } = 30;
}
