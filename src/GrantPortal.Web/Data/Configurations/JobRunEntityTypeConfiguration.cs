using GrantPortal.Web.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GrantPortal.Web.Data.Configurations;

internal sealed class JobRunEntityTypeConfiguration : IEntityTypeConfiguration<JobRun>
{
    public void Configure(EntityTypeBuilder<JobRun> builder)
    {
        builder.ToTable("JobRuns");
        builder.Property(r => r.JobGroup).HasMaxLength(200);
        builder.Property(r => r.JobName).HasMaxLength(200);
        builder.Property(r => r.Node).HasMaxLength(200);
        // A job's newest runs: its last node on the jobs page, and what the recorder keeps.
        builder.HasIndex(r => new { r.JobGroup, r.JobName, r.Id });
    }
}
