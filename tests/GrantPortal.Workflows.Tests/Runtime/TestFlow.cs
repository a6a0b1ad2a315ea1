namespace GrantPortal.Workflows.Tests.Runtime;

/// <summary>A small workflow with every feature the runtime has: roles, guards, effects, tasks, both kinds of timer.</summary>
public static class TestFlow
{
    public const string Id = "test-flow";

    public static (string FileName, string Content) File(string extraTransition = "") => ("test-flow.json", $$"""
        {
          "id": "test-flow",
          "name": { "ru": "Проверка", "en": "Test" },
          "initialState": "Draft",
          "states": [
            { "id": "Draft", "name": { "ru": "Черновик", "en": "Draft" }, "awaits": ["Applicant"],
              "timers": [ { "trigger": "callClosed", "at": "callClosesAt" } ] },
            { "id": "Submitted", "name": { "ru": "Подана", "en": "Submitted" }, "awaits": ["Officer"],
              "timers": [ { "trigger": "remind", "after": "P2D" } ] },
            { "id": "Returned", "name": { "ru": "Возвращена", "en": "Returned" }, "awaits": ["Applicant"] },
            { "id": "Done", "name": { "ru": "Принята", "en": "Accepted" }, "final": true },
            { "id": "Withdrawn", "name": { "ru": "Отозвана", "en": "Withdrawn" }, "final": true }
          ],
          "transitions": [
            { "trigger": "submit", "name": { "ru": "Подать", "en": "Submit" }, "from": ["Draft", "Returned"], "to": "Submitted",
              "roles": ["Applicant"], "guards": ["callIsOpen"], "effects": ["notifyOfficers"] },
            { "trigger": "returnForRevision", "name": { "ru": "Вернуть", "en": "Return" }, "from": ["Submitted"], "to": "Returned",
              "roles": ["Officer"], "guards": ["commentGiven"], "effects": ["notifyApplicant"] },
            { "trigger": "remind", "name": { "ru": "Напомнить", "en": "Remind" }, "from": ["Submitted"], "to": "Submitted",
              "roles": ["System"], "guards": [], "effects": ["notifyOfficers"] },
            { "trigger": "accept", "name": { "ru": "Принять", "en": "Accept" }, "from": ["Submitted"], "to": "Done",
              "roles": ["Officer"], "guards": [], "effects": [] },
            { "trigger": "callClosed", "name": { "ru": "Приём закрыт", "en": "Call closed" }, "from": ["Draft"], "to": "Withdrawn",
              "roles": ["System"], "guards": [], "effects": ["notifyApplicant"] },
            {{extraTransition}}
            { "trigger": "withdraw", "name": { "ru": "Отозвать", "en": "Withdraw" }, "from": ["Draft", "Submitted", "Returned"], "to": "Withdrawn",
              "roles": ["Applicant"], "guards": [], "effects": [] }
          ]
        }
        """);
}
