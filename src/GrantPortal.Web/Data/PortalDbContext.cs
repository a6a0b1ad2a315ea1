using GrantPortal.Web.Domain;
using GrantPortal.Workflows.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace GrantPortal.Web.Data;

public sealed class PortalDbContext(DbContextOptions<PortalDbContext> options)
    : IdentityDbContext<PortalUser, IdentityRole<Guid>, Guid>(options)
{
    public const string ApplicationNumberSequence = "ApplicationNumbers";

    public const string DecisionNumberSequence = "DecisionNumbers";

    public DbSet<Company> Companies => Set<Company>();

    public DbSet<GrantCall> Calls => Set<GrantCall>();

    public DbSet<OutboxEmail> OutboxEmails => Set<OutboxEmail>();

    public DbSet<GrantApplication> Applications => Set<GrantApplication>();

    public DbSet<ApplicationVersion> ApplicationVersions => Set<ApplicationVersion>();

    public DbSet<ApplicationDocument> ApplicationDocuments => Set<ApplicationDocument>();

    public DbSet<ExpertProfile> ExpertProfiles => Set<ExpertProfile>();

    public DbSet<FormalCheck> FormalChecks => Set<FormalCheck>();

    public DbSet<Review> Reviews => Set<Review>();

    public DbSet<ApplicationScore> ApplicationScores => Set<ApplicationScore>();

    public DbSet<ApplicationStateCount> ApplicationStateCounts => Set<ApplicationStateCount>();

    public DbSet<Decision> Decisions => Set<Decision>();

    public DbSet<CallRankingVersion> CallRankingVersions => Set<CallRankingVersion>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<NotificationPreference> NotificationPreferences => Set<NotificationPreference>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // Trigram indexes for searching by part of a text (0015).
        builder.HasPostgresExtension("pg_trgm");
        builder.HasPostgresExtension("btree_gin");
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
        builder.ApplyWorkflowModel();
        // Application numbers: one sequence for all years, so a number is never given twice, even under load.
        builder.HasSequence<long>(ApplicationNumberSequence);
        builder.HasSequence<long>(DecisionNumberSequence);
    }
}
