namespace GrantPortal.Web.Tests.Infrastructure.Security;

/// <summary>What no response may show: stack traces, exception and library names, connection strings, paths on the server.</summary>
internal static class ErrorLeaks
{
    private static readonly string[] Forbidden =
    [
        "Exception", "   at ", ".cs:line", "Npgsql", "System.", "Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore",
        "Host=", "Password=", "Username=", "/work/", "/src/GrantPortal", "/tmp/", "StackTrace", "GrantPortal.Web.",
    ];

    public static string? Find(string body) => Forbidden.FirstOrDefault(f => body.Contains(f, StringComparison.Ordinal));
}
