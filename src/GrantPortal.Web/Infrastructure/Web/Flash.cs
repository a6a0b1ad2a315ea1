using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace GrantPortal.Web.Infrastructure.Web;

/// <summary>The one-line answer the next page shows at its top (the layout reads TempData "Message" and "Error").</summary>
public static class Flash
{
    /// <param name="error">What went wrong, or null when it worked and <paramref name="done"/> is the answer.</param>
    public static void Tell(this ITempDataDictionary tempData, string? error, string done) =>
        tempData[error is null ? "Message" : "Error"] = error ?? done;
}
