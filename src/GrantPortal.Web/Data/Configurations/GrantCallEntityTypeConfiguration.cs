using GrantPortal.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GrantPortal.Web.Data.Configurations;

internal sealed class GrantCallEntityTypeConfiguration : IEntityTypeConfiguration<GrantCall>
{
    public void Configure(EntityTypeBuilder<GrantCall> builder)
    {
        builder.ToTable("Calls");
        builder.Property(c => c.TitleRu).HasMaxLength(300);
        builder.Property(c => c.TitleEn).HasMaxLength(300);
        // Money is numeric with kopecks, never floating point.
        builder.Property(c => c.MaxGrant).HasPrecision(15, 2);
        builder.Property(c => c.TotalBudget).HasPrecision(15, 2);
        builder.Property(c => c.MinCoFinancingShare).HasPrecision(5, 4);
        builder.Property(c => c.DivergenceLimit).HasPrecision(5, 2);
        // Enums by name (text[]), so the data reads without the code and survives reordering the enum.
        builder.PrimitiveCollection(c => c.AllowedStageKinds).ElementType(e => e.HasConversion<string>());
        builder.PrimitiveCollection(c => c.Sectors).ElementType(e => e.HasConversion<string>());
        // The lists belong to the call and are always read with it: one jsonb column each, not tables.
        builder.ComplexCollection(c => c.RequiredDocumentTypes, d => d.ToJson());
        builder.ComplexCollection(c => c.Criteria, d => d.ToJson());
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(c => c.CreatedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => c.ClosesAt);
    }
}
