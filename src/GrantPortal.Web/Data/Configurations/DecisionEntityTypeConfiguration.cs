using GrantPortal.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GrantPortal.Web.Data.Configurations;

internal sealed class DecisionEntityTypeConfiguration : IEntityTypeConfiguration<Decision>
{
    public void Configure(EntityTypeBuilder<Decision> builder)
    {
        builder.ToTable("Decisions");
        builder.Property(d => d.Kind).HasConversion<string>().HasMaxLength(10);
        builder.Property(d => d.Status).HasConversion<string>().HasMaxLength(10);
        builder.Property(d => d.Amount).HasPrecision(15, 2);
        builder.Property(d => d.Text).HasMaxLength(8000);
        builder.Property(d => d.Number).HasMaxLength(20);
        builder.Property(d => d.VerificationCode).HasMaxLength(20);
        builder.Property(d => d.PdfSha256).HasMaxLength(64);
        builder.Property(d => d.RowVersion).IsRowVersion();
        builder.HasOne(d => d.Application).WithMany().HasForeignKey(d => d.ApplicationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<GrantCall>().WithMany().HasForeignKey(d => d.CallId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(d => d.ProposedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(d => d.ConfirmedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(d => d.ApplicationId, "IX_Decisions_ApplicationId");
        builder.HasIndex(d => d.ApplicationId, "IX_Decisions_ApplicationId_Final").IsUnique().HasFilter("\"Status\" = 'Final'");
        builder.HasIndex(d => d.ApplicationId, "IX_Decisions_ApplicationId_Proposed").IsUnique().HasFilter("\"Status\" = 'Proposed'");
        builder.HasIndex(d => new { d.CallId, d.Status });
        builder.HasIndex(d => d.Number).IsUnique();
        builder.HasIndex(d => d.VerificationCode).IsUnique();
        builder.HasIndex(d => d.PdfRequestedAt).HasFilter("\"PdfSha256\" IS NULL");
    }
}

internal sealed class DecisionPdfFileEntityTypeConfiguration : IEntityTypeConfiguration<DecisionPdfFile>
{
    public void Configure(EntityTypeBuilder<DecisionPdfFile> builder)
    {
        builder.ToTable("DecisionPdfs");
        builder.HasKey(f => f.DecisionId);
        builder.HasOne<Decision>().WithOne().HasForeignKey<DecisionPdfFile>(f => f.DecisionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CallRankingVersionEntityTypeConfiguration : IEntityTypeConfiguration<CallRankingVersion>
{
    public void Configure(EntityTypeBuilder<CallRankingVersion> builder)
    {
        // Written only by the triggers of 0019; the ranking reads it.
        builder.ToTable("CallRankingVersions");
        builder.HasKey(v => v.CallId);
        builder.HasOne<GrantCall>().WithMany().HasForeignKey(v => v.CallId).OnDelete(DeleteBehavior.Restrict);
    }
}
