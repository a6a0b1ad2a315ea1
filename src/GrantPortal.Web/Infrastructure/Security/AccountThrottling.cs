using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace GrantPortal.Web.Infrastructure.Security;

public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>
    /// Posts of the account forms (sign-in, two-factor codes, registration, password reset, invitations) one client
    /// address may make per minute. The per-account lockout (five failures) does not stop an attacker who tries one
    /// password on many accounts; this does. A person who mistypes a few times stays well under it.
    /// </summary>
    public int LoginAttemptsPerMinute { get; set; } = 10;

    /// <summary>
    /// Addresses of the reverse proxies in front of the app (the agency's TLS proxy), whose X-Forwarded-For names the
    /// client. Without them every client would seem to come from the proxy and share one limit. Loopback is trusted anyway.
    /// </summary>
    public string[] TrustedProxies { get; set; } = [];
}

/// <summary>The rate limit on the account forms' posts, per client address; a refused post gets the friendly 429 page.</summary>
public static class AccountThrottling
{
    public const string Policy = "account-forms";

    public static void AddPortalThrottling(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<SecurityOptions>(builder.Configuration.GetSection(SecurityOptions.Section));
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<SecurityOptions>>((forwarded, security) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in security.Value.TrustedProxies)
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            }
        });
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (context, _) =>
            {
                // No body here: the status code pages show the localized 429 page.
                context.HttpContext.Response.Headers.RetryAfter = "60";
                return ValueTask.CompletedTask;
            };
            limiter.AddPolicy(Policy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = Math.Max(1, context.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value.LoginAttemptsPerMinute),
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
        });
    }

    /// <summary>The limit a test factory raises so that its many sign-ins are not refused.</summary>
    public static string LoginAttemptsKey => string.Create(CultureInfo.InvariantCulture, $"{SecurityOptions.Section}:{nameof(SecurityOptions.LoginAttemptsPerMinute)}");
}
