using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace GrantPortal.Web.Features.Account;

/// <summary>Identity's tokens as they travel in e-mailed links: base64url, so they survive URLs and mail clients.</summary>
public static class LinkTokens
{
    public static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    /// <returns>Null when the code was mangled on its way.</returns>
    public static string? Decode(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
