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
        builder.HasIndex(c => c.ClosesAt);
    }
}
