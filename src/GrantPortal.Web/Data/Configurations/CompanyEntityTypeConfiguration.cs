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
        // Text columns, read back through the value types: a row can only come out of the database valid.
        builder.Property(c => c.Inn).HasConversion(Inn.Converter).HasMaxLength(10);
        builder.Property(c => c.Ogrn).HasConversion(Ogrn.Converter).HasMaxLength(13);
        // The null-forgiving operator only matches the converter's type: EF never hands a converter a null.
        builder.Property(c => c.Kpp!).HasConversion(Kpp.Converter).HasMaxLength(9);
        // A region code; 100 characters as before, so that a name the upgrade did not recognise is kept, not cut.
        builder.Property(c => c.Region).HasMaxLength(100);
        builder.Ignore(c => c.KnownRegion);
        builder.Property(c => c.Address).HasMaxLength(500);
        builder.Property(c => c.ContactPerson).HasMaxLength(200);
        builder.Property(c => c.ContactPhone).HasMaxLength(50);
        builder.Property(c => c.ContactEmail).HasMaxLength(256);
        // Npgsql maps a uint row version to the xmin system column: no column is created, none needs migrating.
        builder.Property(c => c.Version).IsRowVersion();
        builder.HasIndex(c => c.Inn).IsUnique();
    }
}
