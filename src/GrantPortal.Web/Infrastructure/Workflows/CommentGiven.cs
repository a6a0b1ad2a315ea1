using GrantPortal.Workflows.Runtime;

namespace GrantPortal.Web.Infrastructure.Workflows;

/// <summary>Returning an application or sending it back needs a written reason the applicant or experts will read.</summary>
internal sealed class CommentGiven : IWorkflowGuard
{
    public const string GuardName = "commentGiven";

    public string Name => GuardName;

    /// <summary>
    /// Whether the action is held back only by its missing comment. Asked what someone may do, the engine has no
    /// comment yet, so such an action is offered with a comment box: the comment comes with the click.
    /// </summary>
    public static bool WantsOnlyTheComment(AvailableAction action) =>
        action.FailedGuards is [GuardName];

    public Task<GuardResult> CheckAsync(WorkflowContext context, CancellationToken cancellationToken) =>
        Task.FromResult(string.IsNullOrWhiteSpace(context.Comment) ? GuardResult.Fail("Write a comment explaining why.") : GuardResult.Pass);
}
