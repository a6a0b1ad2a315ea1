using GrantPortal.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace GrantPortal.Testing;

public static class TestAccounts
{
    public const string Password = "Test-Password-2026";

    /// <summary>Creates a confirmed account with the given role (arrange step; the login itself goes over HTTP).</summary>
    public static async Task<PortalUser> CreateUserAsync(
        this PortalAppFactory app, string role, string? email = null, bool demo = false)
    {
        PortalUser? created = null;
        await app.WithServicesAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<PortalUser>>();
            var user = new PortalUser
            {
                UserName = email ?? $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@example.test",
                EmailConfirmed = true,
                FullName = $"Test {role}",
                IsDemoAccount = demo,
                CreatedAt = DateTime.UtcNow,
            };
            user.Email = user.UserName;
            Ensure(await users.CreateAsync(user, Password));
            Ensure(await users.AddToRoleAsync(user, role));
            created = user;
        });
        return created!;
    }

    /// <summary>A new client signed in as <paramref name="email"/>, e.g. a demo account.</summary>
    public static async Task<HttpClient> SignedInClientAsync(this PortalAppFactory app, string email, string password = Password)
    {
        var client = app.CreatePortalClient();
        await client.LoginAsync(email, password);
        return client;
    }

    /// <summary>Signs in through the login form; the client keeps the cookie.</summary>
    public static async Task<HttpResponseMessage> LoginAsync(this HttpClient client, string email, string password = Password) =>
        await client.SubmitFormAsync("/account/login", new Dictionary<string, string> { ["Email"] = email, ["Password"] = password });

    private static void Ensure(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
