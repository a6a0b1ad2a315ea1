using Microsoft.AspNetCore.Mvc;

namespace GrantPortal.Web.Features.Home;

/// <summary>Friendly error pages; no stack trace or exception text ever reaches the browser outside Development.</summary>
[ApiExplorerSettings(IgnoreApi = true)]
// The pages are re-executed for the failed request with its method: a POST refused for a missing anti-forgery token
// would be refused again here, and the person would get a bare 400 instead of the page. Showing a page changes nothing.
[IgnoreAntiforgeryToken]
public sealed class ErrorController : Controller
{
    [Route("/error/{statusCode:int?}")]
    public IActionResult Index(int? statusCode)
    {
        // Anyone can type /error/{code}: only error codes are echoed (a 200 or 999 "error", or 0, which throws, is not a page).
        var code = statusCode switch
        {
            null => StatusCodes.Status500InternalServerError,
            >= 400 and <= 599 => statusCode.Value,
            _ => StatusCodes.Status404NotFound,
        };
        Response.StatusCode = code;
        return View(code);
    }
}
