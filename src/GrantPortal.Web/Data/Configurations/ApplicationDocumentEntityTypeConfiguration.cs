using GrantPortal.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GrantPortal.Web.Data.Configurations;

internal sealed class ApplicationDocumentEntityTypeConfiguration : IEntityTypeConfiguration<ApplicationDocument>
{
    public void Configure(EntityTypeBuilder<ApplicationDocument> builder)
    {
        builder.ToTable("ApplicationDocuments");
        builder.Property(d => d.TypeCode).HasMaxLength(40);
        builder.Property(d => d.FileName).HasMaxLength(200);
        builder.Property(d => d.Kind).HasConversion<string>().HasMaxLength(10);
        builder.Property(d => d.Sha256).HasMaxLength(64);
        builder.HasOne<GrantApplication>().WithMany().HasForeignKey(d => d.ApplicationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(d => d.UploadedById).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ApplicationDocumentContentEntityTypeConfiguration : IEntityTypeConfiguration<ApplicationDocumentContent>
{
    public void Configure(EntityTypeBuilder<ApplicationDocumentContent> builder)
    {
        builder.ToTable("ApplicationDocumentContents");
        builder.HasKey(c => c.DocumentId);
        builder.HasOne<ApplicationDocument>().WithOne().HasForeignKey<ApplicationDocumentContent>(c => c.DocumentId).OnDelete(DeleteBehavior.Cascade);
    }
}
