using Quartz;

namespace GrantPortal.Web.Features.Decisions;

/// <summary>Makes and issues the decision PDFs that are due (<see cref="IssueDecisionPdfs"/>), on one node of the cluster at a time.</summary>
[DisallowConcurrentExecution]
internal sealed class DecisionPdfJob(IssueDecisionPdfs pdfs, ILogger<DecisionPdfJob> logger) : IJob
{
    public static readonly JobKey Key = new("decision-pdfs");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var issued = await pdfs.IssueDueAsync(cancellationToken: cancellationToken);
        if (issued > 0)
        {
            logger.LogInformation("Issued {Count} decision PDFs", issued);
        }
    }
}
