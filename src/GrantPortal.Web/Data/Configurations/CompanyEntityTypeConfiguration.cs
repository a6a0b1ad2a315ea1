using GrantPortal.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GrantPortal.Web.Data.Configurations;

internal sealed class CompanyEntityTypeConfiguration : IEntityTypeConfiguration<Company>
{
    public void Configure(EntityTypeBuilder<Company> builder)
    {
        builder.ToTable("Companies");
        builder.Property(c => c.LegalName).HasMaxLength(500);
        builder.Property(c => c.Inn).HasMaxLength(10);
        builder.Property(c => c.Ogrn).HasMaxLength(13);
        builder.Property(c => c.Kpp).HasMaxLength(9);
        builder.Property(c => c.Region).HasMaxLength(100);
        builder.HasIndex(c => c.Inn).IsUnique();
    }
}
