using GrantPortal.Workflows.Definitions;

namespace GrantPortal.Workflows.Tests.Definitions;

/// <summary>The default workflow in <c>workflows/</c>, loaded the way the app loads it.</summary>
public sealed class ComponentSubstitutionGrantTests
{
    private static readonly WorkflowVocabulary Vocabulary = new(
        Roles: new HashSet<string> { "Applicant", "Expert", "Officer", "Admin" },
        Guards: new HashSet<string>
        {
            "callIsOpen", "applicationComplete", "commentGiven", "formalCheckPassed", "expertsAssigned", "allReviewsSubmitted",
            "scoresWithinDivergence", "submittedReviewChosen", "amountWithinRequest", "withinCallBudget", "fourEyes", "reasonsGiven", "decisionPdfStored",
        },
        Effects: new HashSet<string>
        {
            "assignApplicationNumber", "freezeSubmittedVersion", "notifyApplicant", "notifyOfficers", "notifyExperts",
            "createReviewTasks", "reopenReview", "remindReviewers", "computeScores", "recordDecision", "issueDecisionPdf",
        },
        DateSources: new HashSet<string> { "callClosesAt", "reviewDueAt" });

    private static readonly WorkflowDefinition Workflow =
        Assert.Single(WorkflowDefinitionLoader.LoadDirectory(Path.Combine(AppContext.BaseDirectory, "workflows"), Vocabulary));

    [Fact]
    public void Loads_WithItsStates()
    {
        Assert.Equal("component-substitution-grant", Workflow.Id);
        Assert.Equal("Draft", Workflow.InitialState);
        Assert.Equal(
            ["Draft", "Submitted", "FormalCheck", "RevisionRequested", "ExpertReview", "ReviewsComplete", "Decision", "Approved", "Rejected", "DecisionIssued", "Withdrawn"],
            Workflow.States.Select(s => s.Id));
        Assert.Equal(["DecisionIssued", "Withdrawn"], Workflow.States.Where(s => s.IsFinal).Select(s => s.Id));
    }

    [Fact]
    public void Approve_NeedsTheAmountInTheRequest_TheCallBudget_AndASecondOfficer()
    {
        var approve = Workflow.FindTransition("Decision", "approve")!;

        Assert.Equal(["amountWithinRequest", "withinCallBudget", "fourEyes"], approve.Guards);
        Assert.Equal(["Officer"], approve.Roles);
        Assert.Equal("Approved", approve.To);
    }

    [Fact]
    public void CallClosed_WithdrawsDrafts_AndStartsTheFormalCheckOfSubmittedApplications()
    {
        Assert.Equal("Withdrawn", Workflow.FindTransition("Draft", "callClosed")!.To);
        Assert.Equal("FormalCheck", Workflow.FindTransition("Submitted", "callClosed")!.To);
        Assert.All(["Draft", "Submitted"], state =>
            Assert.Equal([new TimerDefinition("callClosed", null, "callClosesAt", TimeSpan.Zero)], Workflow.State(state).Timers));
    }

    [Fact]
    public void ExpertReview_RemindsTwoDaysBefore_AndOnTheDueDate_AndReportsADayLate() =>
        Assert.Equal(
            [
                new TimerDefinition("remindReviewers", null, "reviewDueAt", TimeSpan.FromDays(-2)),
                new TimerDefinition("remindReviewers", null, "reviewDueAt", TimeSpan.Zero),
                new TimerDefinition("reviewOverdue", null, "reviewDueAt", TimeSpan.FromDays(1)),
            ],
            Workflow.State("ExpertReview").Timers);

    [Fact]
    public void Withdraw_IsPossibleUntilADecision()
    {
        var withdrawable = Workflow.States.Where(s => Workflow.FindTransition(s.Id, "withdraw") is not null).Select(s => s.Id);

        Assert.Equal(["Draft", "Submitted", "FormalCheck", "RevisionRequested", "ExpertReview", "ReviewsComplete", "Decision"], withdrawable);
    }

    [Fact]
    public void EveryName_IsInRussian()
    {
        var names = Workflow.States.Select(s => s.Name).Concat(Workflow.Transitions.Select(t => t.Name)).Append(Workflow.Name);

        Assert.All(names, name => Assert.Matches(@"^[А-ЯЁ][а-яё ]+$", name.Ru));
    }
}
