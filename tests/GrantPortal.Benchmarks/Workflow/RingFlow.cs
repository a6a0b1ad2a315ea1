using GrantPortal.Workflows.Runtime;

namespace GrantPortal.Benchmarks.Workflow;

/// <summary>
/// The benchmark's workflow: a ring A -> B -> C -> A that an instance can go round for ever, plus a way out to a final
/// state. Every state awaits the clerk (a task row per state) and B sets a timer, so a transition deletes and writes
/// tasks and timers as the grant workflow's transitions do; one guard and one effect run, both doing nothing.
/// </summary>
public static class RingFlow
{
    public const string Id = "benchmark-ring";
    public const string Guard = "alwaysHolds";
    public const string Effect = "doNothing";

    public static readonly string[] Roles = ["Clerk"];

    public static readonly WorkflowActor Clerk = new("bench-clerk", "Benchmark clerk", new HashSet<string> { "Clerk" });

    /// <summary>The trigger that moves an instance on from <paramref name="state"/> round the ring.</summary>
    public static string NextTrigger(string state) => state switch
    {
        "A" => "toB",
        "B" => "toC",
        "C" => "toA",
        _ => throw new InvalidOperationException($"State '{state}' is not on the ring."),
    };

    public static (string FileName, string Content) File { get; } = ("benchmark-ring.json", $$"""
        {
          "id": "{{Id}}",
          "name": { "ru": "Кольцо для замера", "en": "Benchmark ring" },
          "initialState": "A",
          "states": [
            { "id": "A", "name": { "ru": "А", "en": "A" }, "awaits": ["Clerk"] },
            { "id": "B", "name": { "ru": "Б", "en": "B" }, "awaits": ["Clerk"], "timers": [ { "trigger": "expire", "after": "P30D" } ] },
            { "id": "C", "name": { "ru": "В", "en": "C" }, "awaits": ["Clerk"] },
            { "id": "Closed", "name": { "ru": "Закрыт", "en": "Closed" }, "final": true }
          ],
          "transitions": [
            { "trigger": "toB", "name": { "ru": "В Б", "en": "To B" }, "from": ["A"], "to": "B",
              "roles": ["Clerk"], "guards": ["{{Guard}}"], "effects": ["{{Effect}}"] },
            { "trigger": "toC", "name": { "ru": "В В", "en": "To C" }, "from": ["B"], "to": "C",
              "roles": ["Clerk"], "guards": ["{{Guard}}"], "effects": ["{{Effect}}"] },
            { "trigger": "toA", "name": { "ru": "В А", "en": "To A" }, "from": ["C"], "to": "A",
              "roles": ["Clerk"], "guards": ["{{Guard}}"], "effects": ["{{Effect}}"] },
            { "trigger": "close", "name": { "ru": "Закрыть", "en": "Close" }, "from": ["A", "B", "C"], "to": "Closed",
              "roles": ["Clerk"] },
            { "trigger": "expire", "name": { "ru": "Истёк срок", "en": "Expired" }, "from": ["B"], "to": "Closed",
              "roles": ["System"] }
          ]
        }
        """);
}
