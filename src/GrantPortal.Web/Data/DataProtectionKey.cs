namespace GrantPortal.Web.Data;

/// <summary>One ASP.NET Data Protection key, shared by every app instance so cookies and forms work on all of them.</summary>
public sealed class DataProtectionKey
{
    public int Id { get; set; }

    public string FriendlyName { get; set; } = "";

    public string Xml { get; set; } = "";
}
