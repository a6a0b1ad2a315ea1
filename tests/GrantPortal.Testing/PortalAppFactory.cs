using GrantPortal.Web.Data;
using GrantPortal.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace GrantPortal.Testing;

/// <summary>
/// The real app over a database of its own. "Testing" is not Development, so the app behaves as in production
/// (HTTPS redirection, secure cookies, no developer pages); clients talk to it as https://localhost.
/// </summary>
/// <param name="settings">More configuration, e.g. a test's own workflows folder.</param>
public class PortalAppFactory(string connectionString, string environment = "Testing", IReadOnlyDictionary<string, string>? settings = null)
    : WebApplicationFactory<Program>
{
    public string ConnectionString { get; } = connectionString;

    public static async Task<PortalAppFactory> CreateAsync(string environment = "Testing", IReadOnlyDictionary<string, string>? settings = null) =>
        new(await TestDatabaseServer.CreateDatabaseAsync(), environment, settings);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.UseSetting("ConnectionStrings:GrantPortal", ConnectionString);
        // Every test client comes from the same (unknown) address and tests sign in a lot: the real limit of the account
        // forms would refuse them. A test that proves the limit names the setting itself.
        builder.UseSetting(AccountThrottling.LoginAttemptsKey, "100000");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }

        // As behind the agency's TLS proxy: HTTP requests are sent to HTTPS on the standard port.
        builder.UseSetting("https_port", "443");
    }

    /// <summary>
    /// Stops the app, then closes its idle pooled connections: each test class has a database of its own, so its pool
    /// is never used again, and Npgsql would keep those connections for its idle lifetime (five minutes), long enough
    /// for a full run to exceed the server's max_connections.
    /// </summary>
    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await using var connection = new NpgsqlConnection(ConnectionString);
        NpgsqlConnection.ClearPool(connection);
    }

    /// <summary>A client with its own cookies that does not follow redirects, so tests can see them.</summary>
    public HttpClient CreatePortalClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });

    public async Task<T> WithDbAsync<T>(Func<PortalDbContext, Task<T>> action)
    {
        using var scope = Services.CreateScope();
        return await action(scope.ServiceProvider.GetRequiredService<PortalDbContext>());
    }

    public async Task WithServicesAsync(Func<IServiceProvider, Task> action)
    {
        using var scope = Services.CreateScope();
        await action(scope.ServiceProvider);
    }
}
