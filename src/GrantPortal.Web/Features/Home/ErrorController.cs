using Microsoft.AspNetCore.Mvc;

namespace GrantPortal.Web.Features.Home;

/// <summary>Friendly error pages; no stack trace or exception text ever reaches the browser outside Development.</summary>
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class ErrorController : Controller
{
    [Route("/error/{statusCode:int?}")]
    public IActionResult Index(int? statusCode)
    {
        var code = statusCode ?? StatusCodes.Status500InternalServerError;
        Response.StatusCode = code;
        return View(code);
    }
}
