namespace GrantPortal.Web.Infrastructure.Web;

/// <summary>
/// The page links under a long list (Views/Shared/_Pager.cshtml): previous, the first, two pages either side of this
/// one, the last, next.
/// </summary>
/// <param name="Link">The query string of page N, as route values (the list's filters kept).</param>
public sealed record Pager(int Page, int PageCount, Func<int, IDictionary<string, string>> Link)
{
    public IEnumerable<int> Window
    {
        get
        {
            var from = Math.Max(1, Page - 2);
            return Enumerable.Range(from, Math.Min(PageCount, Page + 2) - from + 1);
        }
    }
}
