using System.Net;

namespace GrantPortal.Web.Tests.Infrastructure.Security;

/// <summary>An answer the rules expect: a status, and for a redirect where it leads (its path).</summary>
internal sealed record Answer(HttpStatusCode Status, string? Location = null)
{
    public static readonly Answer Ok = new(HttpStatusCode.OK);
    public static readonly Answer NotFoundPage = new(HttpStatusCode.NotFound);
    public static readonly Answer Forbidden = new(HttpStatusCode.Forbidden);
    public static readonly Answer ServerErrorPage = new(HttpStatusCode.InternalServerError);
    public static readonly Answer Login = RedirectTo("/account/login");
    public static readonly Answer Denied = RedirectTo("/account/access-denied");

    public static Answer RedirectTo(string path) => new(HttpStatusCode.Redirect, path);

    public override string ToString() => Location is null ? $"{(int)Status}" : $"{(int)Status} to {Location}";

    /// <summary>Null when the response is this answer, else what it was. No response may show an exception, whatever its status.</summary>
    public static async Task<string?> MismatchAsync(Answer expected, HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        var location = response.Headers.Location is { } l ? (l.IsAbsoluteUri ? l.AbsolutePath : l.OriginalString.Split('?')[0]) : null;
        var actual = new Answer(response.StatusCode, expected.Location is null ? null : location);
        if (ErrorLeaks.Find(body) is { } leak)
        {
            return $"{actual} showing '{leak}'";
        }

        return actual == expected ? null : actual.ToString() + (location is not null && expected.Location is null ? $" to {location}" : "");
    }
}
