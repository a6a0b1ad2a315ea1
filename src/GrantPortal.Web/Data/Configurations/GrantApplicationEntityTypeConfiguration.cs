using System.Text.Json;
using System.Text.Json.Serialization;
using GrantPortal.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GrantPortal.Web.Data.Configurations;

internal sealed class GrantApplicationEntityTypeConfiguration : IEntityTypeConfiguration<GrantApplication>
{
    /// <summary>The shadow column holding the title lower-cased, for the search (0017).</summary>
    public const string TitleLowercase = nameof(TitleLowercase);

    public void Configure(EntityTypeBuilder<GrantApplication> builder)
    {
        builder.ToTable("Applications");
        builder.Property(a => a.Number).HasMaxLength(20);
        builder.HasIndex(a => a.Number).IsUnique();
        builder.Property(a => a.Content).HasColumnType("jsonb").HasConversion(ApplicationContentJson.Converter, ApplicationContentJson.Comparer);
        builder.Property(a => a.Title).HasMaxLength(300);
        builder.Property(a => a.Sector).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.RequestedGrant).HasPrecision(15, 2);
        builder.Property(a => a.RowVersion).IsRowVersion();
        builder.Property(a => a.State).HasMaxLength(100);
        builder.Property(a => a.RegionCode).HasMaxLength(2);
        builder.HasOne(a => a.Call).WithMany().HasForeignKey(a => a.CallId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.Company).WithMany().HasForeignKey(a => a.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(a => a.CreatedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.CompanyId, a.UpdatedAt });
        // The officers' list of a call (0008, 0017): it picks a page's ids from one of these indexes alone, so each holds
        // the id and the other filters' columns; and counting any mix of filters never reads the table. The partial
        // ones hold only submitted applications, so drafts take no room in them. The one walked newest first holds
        // the searched title and number too (0018), so a search for a common word is counted from it alone.
        builder.HasIndex(a => new { a.CallId, a.SubmittedAt, a.Id }, "IX_Applications_CallId_SubmittedAt_Id").IsDescending(false, true, false)
            .IncludeProperties(
                nameof(GrantApplication.State), nameof(GrantApplication.RegionCode), nameof(GrantApplication.Sector),
                nameof(GrantApplication.RequestedGrant), TitleLowercase, nameof(GrantApplication.Number));
        const string submitted = "\"SubmittedAt\" IS NOT NULL";
        builder.HasIndex(a => new { a.CallId, a.State, a.SubmittedAt }).HasFilter(submitted)
            .IncludeProperties(a => new { a.RegionCode, a.Sector, a.RequestedGrant, a.Id });
        builder.HasIndex(a => new { a.CallId, a.RegionCode, a.SubmittedAt }).HasFilter(submitted)
            .IncludeProperties(a => new { a.State, a.Sector, a.RequestedGrant, a.Id });
        builder.HasIndex(a => new { a.CallId, a.RequestedGrant }).HasFilter(submitted)
            .IncludeProperties(a => new { a.State, a.RegionCode, a.Sector, a.Id });
        // The list's search by part of the title or number (0015, 0017): trigram indexes, so '%text%' reads the matches
        // only. The title's is of its lower-cased copy (LIKE tests it much faster than ILIKE the title), with the call.
        builder.Property<string>(TitleLowercase).HasMaxLength(300).IsRequired().HasComputedColumnSql("lower(\"Title\")", stored: true);
        builder.HasIndex([nameof(GrantApplication.CallId), TitleLowercase], "IX_Applications_CallId_TitleLowercase_Trigram").HasMethod("gin")
            .HasOperators(null!, "gin_trgm_ops");
        builder.HasIndex(a => a.Number, "IX_Applications_Number_Trigram").HasMethod("gin").HasOperators("gin_trgm_ops");
    }
}

internal sealed class ApplicationVersionEntityTypeConfiguration : IEntityTypeConfiguration<ApplicationVersion>
{
    public void Configure(EntityTypeBuilder<ApplicationVersion> builder)
    {
        builder.ToTable("ApplicationVersions");
        builder.Property(v => v.Content).HasColumnType("jsonb").HasConversion(ApplicationContentJson.Converter, ApplicationContentJson.Comparer);
        builder.Property(v => v.ContentHash).HasMaxLength(64);
        builder.ComplexCollection(v => v.Documents, d => d.ToJson());
        builder.HasIndex(v => new { v.ApplicationId, v.Number }).IsUnique();
        builder.HasOne<GrantApplication>().WithMany().HasForeignKey(v => v.ApplicationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(v => v.SubmittedById).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ApplicationStateCountEntityTypeConfiguration : IEntityTypeConfiguration<ApplicationStateCount>
{
    public void Configure(EntityTypeBuilder<ApplicationStateCount> builder)
    {
        // Written only by the trigger of 0008; the app reads it.
        builder.ToTable("ApplicationStateCounts");
        builder.HasKey(c => new { c.CallId, c.State });
        builder.Property(c => c.State).HasMaxLength(100);
        builder.HasOne<GrantCall>().WithMany().HasForeignKey(c => c.CallId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>How application content is written to its jsonb column: enums by name, so the JSON reads on its own.</summary>
internal static class ApplicationContentJson
{
    public static readonly JsonSerializerOptions Options = new() { Converters = { new JsonStringEnumConverter() } };

    public static readonly Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<ApplicationContent, string> Converter = new(
        content => JsonSerializer.Serialize(content, Options),
        json => JsonSerializer.Deserialize<ApplicationContent>(json, Options) ?? new ApplicationContent());

    // Records with lists compare by reference inside; comparing the JSON tells EF whether the content changed.
    public static readonly ValueComparer<ApplicationContent> Comparer = new(
        (a, b) => JsonSerializer.Serialize(a, Options) == JsonSerializer.Serialize(b, Options),
        c => JsonSerializer.Serialize(c, Options).GetHashCode(),
        c => JsonSerializer.Deserialize<ApplicationContent>(JsonSerializer.Serialize(c, Options), Options)!);
}
