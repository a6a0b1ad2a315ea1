using GrantPortal.Workflows.Definitions;

namespace GrantPortal.Workflows.Tests.Diagrams;

/// <summary>The grant workflow's shape, built in code so the diagram tests do not depend on the JSON files.</summary>
public static class GrantWorkflowSample
{
    public static readonly string[] PathToExpertReview =
        ["Draft", "Submitted", "FormalCheck", "RevisionRequested", "Submitted", "FormalCheck", "ExpertReview"];

    public static WorkflowDefinition Create(Func<string, LocalizedText, LocalizedText>? rename = null)
    {
        rename ??= (_, name) => name;
        StateDefinition State(string id, string ru, string en, bool isFinal = false) =>
            new(id, rename(id, new LocalizedText(ru, en)), isFinal, Awaits: [], Timers: []);
        TransitionDefinition Transition(string trigger, string ru, string en, string[] from, string to) =>
            new(trigger, new LocalizedText(ru, en), from, to, Roles: ["Officer"], Guards: [], Effects: []);

        return new WorkflowDefinition(
            "grant",
            new LocalizedText("Грант на замещение комплектующих", "Component substitution grant"),
            "Draft",
            [
                State("Draft", "Черновик", "Draft"),
                State("Submitted", "Подана", "Submitted"),
                State("FormalCheck", "Формальная проверка", "Formal check"),
                State("RevisionRequested", "Требуется доработка", "Revision requested"),
                State("ExpertReview", "Экспертиза", "Expert review"),
                State("ReviewsComplete", "Экспертиза завершена", "Reviews complete"),
                State("Decision", "Принятие решения", "Decision"),
                State("Approved", "Одобрена", "Approved"),
                State("Rejected", "Отклонена", "Rejected"),
                State("DecisionIssued", "Решение выдано", "Decision issued", isFinal: true),
                State("Withdrawn", "Отозвана", "Withdrawn", isFinal: true),
            ],
            [
                Transition("submit", "Подать", "Submit", ["Draft"], "Submitted"),
                Transition("resubmit", "Подать повторно", "Resubmit", ["RevisionRequested"], "Submitted"),
                Transition("startFormalCheck", "Начать проверку", "Start formal check", ["Submitted"], "FormalCheck"),
                Transition("returnForRevision", "Вернуть на доработку", "Return for revision", ["FormalCheck"], "RevisionRequested"),
                Transition("assignExperts", "Назначить экспертов", "Assign experts", ["FormalCheck"], "ExpertReview"),
                Transition("remindReviewers", "Напомнить экспертам", "Remind reviewers", ["ExpertReview"], "ExpertReview"),
                Transition("completeReviews", "Завершить экспертизу", "Complete reviews", ["ExpertReview"], "ReviewsComplete"),
                Transition("startDecision", "Перейти к решению", "Start decision", ["ReviewsComplete"], "Decision"),
                Transition("approve", "Одобрить", "Approve", ["Decision"], "Approved"),
                Transition("reject", "Отклонить", "Reject", ["Decision"], "Rejected"),
                Transition("backToReview", "Вернуть на экспертизу", "Back to review", ["ReviewsComplete", "Decision"], "ExpertReview"),
                Transition("issueDecision", "Выдать решение", "Issue decision", ["Approved", "Rejected"], "DecisionIssued"),
                Transition("withdraw", "Отозвать", "Withdraw",
                    ["Draft", "Submitted", "FormalCheck", "RevisionRequested", "ExpertReview", "ReviewsComplete", "Decision"], "Withdrawn"),
            ]);
    }
}
