namespace GrantPortal.Web.Data;

/// <summary>Search text as a PostgreSQL LIKE pattern, so that a typed % or _ is searched for, not a wildcard.</summary>
public static class LikePatterns
{
    /// <summary>The escape character to pass to <c>EF.Functions.ILike</c> with a pattern from here.</summary>
    public const string Escape = @"\";

    public static string Containing(string text) =>
        $"%{text.Trim().Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_")}%";
}
