using GrantPortal.Workflows.Runtime;
using Quartz;

namespace GrantPortal.Web.Infrastructure.Workflows;

/// <summary>
/// Fires the workflow timers that are due. Quartz runs it on one node of the cluster at a time; even if two ran,
/// each timer is claimed with SKIP LOCKED and deleted with its transition, so it fires once.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class WorkflowTimersJob(WorkflowRuntime runtime, ILogger<WorkflowTimersJob> logger) : IJob
{
    public static readonly JobKey Key = new("workflow-timers");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var fired = await runtime.FireDueTimersAsync(cancellationToken: cancellationToken);
        if (fired > 0)
        {
            logger.LogInformation("Fired {Count} workflow timers", fired);
        }
    }
}
