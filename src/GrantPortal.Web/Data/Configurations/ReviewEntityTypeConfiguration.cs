using GrantPortal.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GrantPortal.Web.Data.Configurations;

internal sealed class ReviewEntityTypeConfiguration : IEntityTypeConfiguration<Review>
{
    public void Configure(EntityTypeBuilder<Review> builder)
    {
        builder.ToTable("Reviews");
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Recommendation).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.DeclineReason).HasMaxLength(2000);
        builder.Property(r => r.Summary).HasMaxLength(8000);
        builder.Property(r => r.Total).HasPrecision(5, 2);
        builder.Property(r => r.RowVersion).IsRowVersion();
        builder.ComplexCollection(r => r.Scores, s => s.ToJson());
        builder.HasOne(r => r.Application).WithMany().HasForeignKey(r => r.ApplicationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(r => r.ExpertId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(r => r.AssignedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.ApplicationId, r.ExpertId }).IsUnique();
        builder.HasIndex(r => new { r.ExpertId, r.Status });
        builder.Property(r => r.FinishedAt).HasComputedColumnSql("coalesce(\"SubmittedAt\", \"DeclinedAt\")", stored: true);
        builder.HasIndex(r => new { r.ExpertId, r.FinishedAt, r.Id }).IsDescending(false, true, false).HasFilter("\"Status\" IN ('Submitted', 'Declined')");
        builder.Ignore(r => r.IsActive);
        builder.Ignore(r => r.IsOpen);
    }
}

internal sealed class ApplicationScoreEntityTypeConfiguration : IEntityTypeConfiguration<ApplicationScore>
{
    public void Configure(EntityTypeBuilder<ApplicationScore> builder)
    {
        builder.ToTable("ApplicationScores");
        builder.HasKey(s => s.ApplicationId);
        builder.Property(s => s.Score).HasPrecision(5, 2);
        builder.ComplexCollection(s => s.CriterionMeans, m => m.ToJson());
        builder.HasOne<GrantApplication>().WithOne().HasForeignKey<ApplicationScore>(s => s.ApplicationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ExpertProfileEntityTypeConfiguration : IEntityTypeConfiguration<ExpertProfile>
{
    public void Configure(EntityTypeBuilder<ExpertProfile> builder)
    {
        builder.ToTable("ExpertProfiles");
        builder.HasKey(p => p.UserId);
        builder.PrimitiveCollection(p => p.Sectors).ElementType(e => e.HasConversion<string>());
        builder.Property(p => p.Keywords).HasMaxLength(500);
        builder.Ignore(p => p.KeywordList);
        builder.Property(p => p.Version).IsRowVersion();
        builder.HasOne<PortalUser>().WithOne().HasForeignKey<ExpertProfile>(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class FormalCheckEntityTypeConfiguration : IEntityTypeConfiguration<FormalCheck>
{
    public void Configure(EntityTypeBuilder<FormalCheck> builder)
    {
        builder.ToTable("FormalChecks");
        builder.HasIndex(c => new { c.ApplicationId, c.VersionNumber });
        builder.HasOne<GrantApplication>().WithMany().HasForeignKey(c => c.ApplicationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(c => c.CheckedById).OnDelete(DeleteBehavior.Restrict);
    }
}
