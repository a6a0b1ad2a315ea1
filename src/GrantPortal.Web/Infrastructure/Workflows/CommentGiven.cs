using GrantPortal.Workflows.Runtime;

namespace GrantPortal.Web.Infrastructure.Workflows;

/// <summary>Returning an application or sending it back needs a written reason the applicant or experts will read.</summary>
internal sealed class CommentGiven : IWorkflowGuard
{
    public string Name => "commentGiven";

    public Task<GuardResult> CheckAsync(WorkflowContext context, CancellationToken cancellationToken) =>
        Task.FromResult(string.IsNullOrWhiteSpace(context.Comment) ? GuardResult.Fail("Write a comment explaining why.") : GuardResult.Pass);
}
