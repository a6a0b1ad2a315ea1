using Microsoft.EntityFrameworkCore;

namespace GrantPortal.Workflows.Persistence;

public static class WorkflowModel
{
    /// <summary>
    /// Adds the engine's tables to the app's model, so that a transition and its effects' writes share one
    /// database context and one transaction. The app's migrations create the tables (see its 0003 script).
    /// </summary>
    public static ModelBuilder ApplyWorkflowModel(this ModelBuilder builder)
    {
        builder.Entity<WorkflowDefinitionRecord>(e =>
        {
            e.ToTable("WorkflowDefinitions");
            e.HasKey(d => new { d.DefinitionId, d.Version });
            e.Property(d => d.DefinitionId).HasMaxLength(100);
            e.Property(d => d.Version).HasMaxLength(64);
        });
        builder.Entity<WorkflowInstance>(e =>
        {
            e.ToTable("WorkflowInstances");
            e.Property(i => i.DefinitionId).HasMaxLength(100);
            e.Property(i => i.Version).HasMaxLength(64);
            e.Property(i => i.SubjectId).HasMaxLength(100);
            e.Property(i => i.State).HasMaxLength(100);
            e.Property(i => i.Sequence).IsConcurrencyToken();
            // One running instance per subject; finished ones stay as history.
            e.HasIndex(i => new { i.DefinitionId, i.SubjectId }).IsUnique().HasFilter("NOT \"IsFinished\"");
            e.HasIndex(i => i.SubjectId);
        });
        builder.Entity<WorkflowJournalEntry>(e =>
        {
            e.ToTable("WorkflowJournal");
            e.Property(j => j.ActorId).HasMaxLength(100);
            e.Property(j => j.ActorName).HasMaxLength(200);
            e.Property(j => j.FromState).HasMaxLength(100);
            e.Property(j => j.ToState).HasMaxLength(100);
            e.Property(j => j.Trigger).HasMaxLength(100);
            e.Property(j => j.IdempotencyKey).HasMaxLength(200);
            e.HasIndex(j => new { j.InstanceId, j.Sequence }).IsUnique();
            e.HasIndex(j => new { j.InstanceId, j.IdempotencyKey }).IsUnique();
            e.HasOne<WorkflowInstance>().WithMany().HasForeignKey(j => j.InstanceId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<WorkflowBookmark>(e =>
        {
            e.ToTable("WorkflowBookmarks");
            e.Property(b => b.State).HasMaxLength(100);
            e.Property(b => b.Role).HasMaxLength(50);
            e.Property(b => b.AssigneeId).HasMaxLength(100);
            e.HasIndex(b => b.InstanceId);
            e.HasIndex(b => new { b.Role, b.DueAt });
            e.HasOne<WorkflowInstance>().WithMany().HasForeignKey(b => b.InstanceId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<WorkflowTimer>(e =>
        {
            e.ToTable("WorkflowTimers");
            e.Property(t => t.State).HasMaxLength(100);
            e.Property(t => t.Trigger).HasMaxLength(100);
            e.HasIndex(t => t.InstanceId);
            e.HasIndex(t => t.DueAt);
            e.HasOne<WorkflowInstance>().WithMany().HasForeignKey(t => t.InstanceId).OnDelete(DeleteBehavior.Cascade);
        });
        return builder;
    }
}
