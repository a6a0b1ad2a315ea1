using GrantPortal.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace GrantPortal.Web.Infrastructure.Database;

public static class DatabaseExtensions
{
    public const string ConnectionStringName = "GrantPortal";

    /// <summary>
    /// Registers the database. Without a configured connection string, starts (or reuses) a private PostgreSQL
    /// cluster under <c>LocalDatabase:Directory</c> so that the app runs with no set-up at all.
    /// </summary>
    /// <exception cref="LocalPostgresException">The local cluster could not be started.</exception>
    public static void AddPortalDatabase(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            var directory = builder.Configuration["LocalDatabase:Directory"]
                ?? Path.Combine(builder.Environment.ContentRootPath, ".data", "postgres");
            var local = LocalPostgres.Start(directory, builder.Configuration["LocalDatabase:BinDirectory"]);
            connectionString = local.ConnectionString("grantportal");
            builder.Configuration[$"ConnectionStrings:{ConnectionStringName}"] = connectionString;
            builder.Services.AddSingleton(local);
            builder.Services.AddHostedService<LocalPostgresLifetime>();
        }

        builder.Services.AddDbContext<PortalDbContext>(options => options.UseNpgsql(connectionString));
        builder.Services.AddSingleton(sp => new SchemaMigrator(
            connectionString, sp.GetRequiredService<ILogger<SchemaMigrator>>(), sp.GetServices<ISchemaPart>()));
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
    }

    public static async Task MigratePortalDatabaseAsync(this WebApplication app) =>
        await app.Services.GetRequiredService<SchemaMigrator>().MigrateAsync();
}
