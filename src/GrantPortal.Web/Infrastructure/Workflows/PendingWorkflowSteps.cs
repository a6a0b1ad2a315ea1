namespace GrantPortal.Web.Infrastructure.Workflows;

/// <summary>
/// Guards, effects and date sources the default workflow names whose code is not written yet. The engine knows
/// them (so the whole workflow loads and any other misspelt name still stops start-up) but never offers or takes a
/// transition that needs one. Each feature that builds a step removes its name from here.
/// </summary>
internal static class PendingWorkflowSteps
{
    public static readonly IReadOnlyList<string> Names =
    [
        // Decisions.
        "amountWithinRequest", "withinCallBudget", "fourEyes", "reasonsGiven", "decisionPdfStored", "recordDecision",
        "issueDecisionPdf",
    ];
}
