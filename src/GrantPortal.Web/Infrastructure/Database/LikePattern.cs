namespace GrantPortal.Web.Infrastructure.Database;

/// <summary>Text typed into a search box as an (I)LIKE pattern: its %, _ and \ match themselves, not anything.</summary>
public static class LikePattern
{
    /// <summary>The escape character the patterns use; pass it to <c>EF.Functions.ILike</c>.</summary>
    public const string Escape = @"\";

    /// <summary>A pattern matching any text that contains <paramref name="text"/>.</summary>
    public static string Containing(string text) => $"%{text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_")}%";
}
