using System.Security.Cryptography;
using System.Text;
using GrantPortal.Workflows.Definitions;

namespace GrantPortal.Workflows.Tests.Definitions;

public sealed class WorkflowDefinitionLoaderTests
{
    internal static readonly WorkflowVocabulary Vocabulary = new(
        Roles: new HashSet<string> { "Applicant", "Officer" },
        Guards: new HashSet<string> { "isComplete" },
        Effects: new HashSet<string> { "notify" },
        DateSources: new HashSet<string> { "dueAt" });

    // Every property the format has appears here once, so a test can break exactly one thing with Edit.
    internal const string Valid = """
        {
          "$schema": "./workflow.schema.json",
          "id": "test-flow",
          "name": { "ru": "Проверка", "en": "Check" },
          "initialState": "Open",
          "states": [
            {
              "id": "Open",
              "name": { "ru": "Открыта", "en": "Open" },
              "awaits": ["Applicant"],
              "timers": [
                { "trigger": "remind", "at": "dueAt", "offset": "-P2D" },
                { "trigger": "expire", "after": "P14D" }
              ]
            },
            { "id": "Done", "name": { "ru": "Готово", "en": "Done" }, "final": true },
            { "id": "Expired", "name": { "ru": "Истекла", "en": "Expired" }, "final": true }
          ],
          "transitions": [
            {
              "trigger": "finish",
              "name": { "ru": "Завершить", "en": "Finish" },
              "from": ["Open"],
              "to": "Done",
              "roles": ["Applicant"],
              "guards": ["isComplete"],
              "effects": ["notify"]
            },
            { "trigger": "remind", "name": { "ru": "Напомнить", "en": "Remind" }, "from": ["Open"], "to": "Open", "roles": ["System"], "effects": ["notify"] },
            { "trigger": "expire", "name": { "ru": "Истечь", "en": "Expire" }, "from": ["Open"], "to": "Expired", "roles": ["System"] }
          ]
        }
        """;

    internal static string Edit(string text, string replacement) => Edit(Valid, text, replacement);

    // Refuses an edit that does not apply exactly once, so a test cannot silently check the valid definition.
    internal static string Edit(string json, string text, string replacement)
    {
        var at = json.IndexOf(text, StringComparison.Ordinal);
        Assert.True(at >= 0 && json.IndexOf(text, at + 1, StringComparison.Ordinal) < 0, $"'{text}' must occur exactly once.");
        return json.Replace(text, replacement, StringComparison.Ordinal);
    }

    private static WorkflowDefinition Load(string json) => WorkflowDefinitionLoader.Load("test.json", json, Vocabulary);

    private static void AssertFault(string place, string fault, string json)
    {
        var exception = Assert.Throws<WorkflowDefinitionException>(() => Load(json));
        Assert.Equal(("test.json", place, fault), (exception.File, exception.Place, exception.Fault));
        Assert.Equal($"test.json: {place}: {fault}", exception.Message);
    }

    [Fact]
    public void Load_ReadsAValidDefinition()
    {
        var definition = Load(Valid);

        Assert.Equal("test-flow", definition.Id);
        Assert.Equal(new LocalizedText("Проверка", "Check"), definition.Name);
        Assert.Equal("Open", definition.InitialState);
        Assert.Equal(["Open", "Done", "Expired"], definition.States.Select(s => s.Id));
        var open = definition.State("Open");
        Assert.False(open.IsFinal);
        Assert.Equal(["Applicant"], open.Awaits);
        Assert.Equal(
            [new TimerDefinition("remind", null, "dueAt", TimeSpan.FromDays(-2)), new TimerDefinition("expire", TimeSpan.FromDays(14), null, TimeSpan.Zero)],
            open.Timers);
        var done = definition.State("Done");
        Assert.True(done.IsFinal);
        Assert.Empty(done.Awaits);
        Assert.Empty(done.Timers);
        var finish = definition.FindTransition("Open", "finish")!;
        Assert.Equal(["Open"], finish.From);
        Assert.Equal("Done", finish.To);
        Assert.Equal(["Applicant"], finish.Roles);
        Assert.Equal(["isComplete"], finish.Guards);
        Assert.Equal(["notify"], finish.Effects);
        var expire = definition.FindTransition("Open", "expire")!;
        Assert.Empty(expire.Guards);
        Assert.Empty(expire.Effects);
    }

    [Fact]
    public void Load_AllowsCommentsAndTrailingCommas()
    {
        var json = Edit("\"to\": \"Done\",", "\"to\": \"Done\", // the happy end\n");
        json = Edit(json, "\"effects\": [\"notify\"]\n", "\"effects\": [\"notify\",],\n");

        Assert.Equal("Done", Load(json).FindTransition("Open", "finish")!.To);
    }

    [Fact]
    public void Load_Fails_WhenTheJsonIsMalformed_AndCountsTheColumnInLetters()
    {
        // The comma is missing after the Russian name: the column counts its letters, not their UTF-8 bytes.
        AssertFault(
            "line 16, column 46",
            "is not valid JSON: '\"' is invalid after a value. Expected either ',', '}', or ']'.",
            Edit("\"name\": { \"ru\": \"Готово\", \"en\": \"Done\" }", "\"name\": { \"ru\": \"Готово\" \"en\": \"Done\" }"));
    }

    [Fact]
    public void Load_Fails_WhenAPropertyIsGivenTwice() =>
        AssertFault(
            "(document)",
            "is not valid JSON: Duplicate property 'to' encountered during deserialization.",
            Edit("\"to\": \"Done\",", "\"to\": \"Done\", \"to\": \"Expired\","));

    [Theory]
    [InlineData("(root)", "id", "\"id\": \"test-flow\",", "")]
    [InlineData("(root)", "initialState", "\"initialState\": \"Open\",", "")]
    [InlineData("states[1] (Done)", "name", "\"name\": { \"ru\": \"Готово\", \"en\": \"Done\" },", "")]
    [InlineData("transitions[0] (finish)", "to", "\"to\": \"Done\",", "")]
    [InlineData("transitions[2] (expire)", "roles", ", \"roles\": [\"System\"] }", " }")]
    [InlineData("states[0] (Open).timers[1]", "trigger", "\"trigger\": \"expire\", \"after\"", "\"after\"")]
    public void Load_Fails_WhenARequiredPropertyIsMissing(string place, string property, string text, string replacement) =>
        AssertFault(place, $"missing required property '{property}'.", Edit(text, replacement));

    [Fact]
    public void Load_Fails_WhenAPropertyIsUnknown() =>
        AssertFault(
            "states[1] (Done)",
            "unknown property 'fnal'; expected one of: id, name, final, awaits, timers.",
            Edit("\"en\": \"Done\" }, \"final\": true", "\"en\": \"Done\" }, \"fnal\": true"));

    [Theory]
    [InlineData("\"en\": \"Done\" }, \"final\": true", "\"en\": \"Done\" }, \"final\": \"yes\"", "states[1] (Done)", "'final' must be true or false.")]
    [InlineData("\"to\": \"Done\",", "\"to\": [\"Done\"],", "transitions[0] (finish)", "'to' must be a string.")]
    [InlineData("\"from\": [\"Open\"],\n", "\"from\": \"Open\",\n", "transitions[0] (finish)", "'from' must be an array of strings.")]
    [InlineData("\"timers\": [\n        { \"trigger\": \"remind\", \"at\": \"dueAt\", \"offset\": \"-P2D\" },\n        { \"trigger\": \"expire\", \"after\": \"P14D\" }\n      ]", "\"timers\": { \"trigger\": \"expire\", \"after\": \"P14D\" }", "states[0] (Open)", "'timers' must be an array of objects.")]
    [InlineData("{ \"id\": \"Done\"", "\"Done\", { \"id\": \"Done\"", "states[1]", "must be a JSON object.")]
    public void Load_Fails_WhenAValueHasTheWrongKind(string text, string replacement, string place, string fault) =>
        AssertFault(place, fault, Edit(text, replacement));

    [Theory]
    [InlineData("{ \"ru\": \"Готово\", \"en\": \"Done\" }", "{ \"en\": \"Done\" }", "has no Russian text ('ru').")]
    [InlineData("{ \"ru\": \"Готово\", \"en\": \"Done\" }", "{ \"ru\": \"Готово\" }", "has no English text ('en').")]
    [InlineData("{ \"ru\": \"Готово\", \"en\": \"Done\" }", "{ \"ru\": \"Готово\", \"en\": \" \" }", "has no English text ('en').")]
    public void Load_Fails_WhenANameLacksRussianOrEnglish(string text, string replacement, string fault) =>
        AssertFault("states[1] (Done).name", fault, Edit(text, replacement));

    [Fact]
    public void Load_Fails_WhenTheWorkflowNameLacksEnglish() =>
        AssertFault("name", "has no English text ('en').", Edit("\"en\": \"Check\"", "\"en\": \"\""));

    [Theory]
    [InlineData("\"id\": \"test-flow\"", "\"id\": \"TestFlow\"", "(root)", "id 'TestFlow' must be kebab-case, like 'component-substitution-grant'.")]
    [InlineData("\"id\": \"Expired\"", "\"id\": \"expired\"", "states[2] (expired)", "state id 'expired' must be PascalCase, like 'ExpertReview'.")]
    [InlineData("\"trigger\": \"finish\"", "\"trigger\": \"Finish\"", "transitions[0] (Finish)", "trigger 'Finish' must be camelCase, like 'assignExperts'.")]
    public void Load_Fails_WhenAnIdIsNotInItsCase(string text, string replacement, string place, string fault) =>
        AssertFault(place, fault, Edit(text, replacement));

    [Fact]
    public void Load_Fails_WhenAStateIdIsUsedTwice() =>
        AssertFault(
            "states[2] (Done)",
            "state id 'Done' is already used by states[1] (Done).",
            Edit("{ \"id\": \"Expired\", \"name\": { \"ru\": \"Истекла\"", "{ \"id\": \"Done\", \"name\": { \"ru\": \"Истекла\""));

    [Fact]
    public void Load_Fails_WhenTheInitialStateIsUnknown() =>
        AssertFault(
            "initialState",
            "names unknown state 'Opened'; the states are Open, Done, Expired.",
            Edit("\"initialState\": \"Open\"", "\"initialState\": \"Opened\""));

    [Fact]
    public void Load_Fails_WhenTheInitialStateIsFinal() =>
        AssertFault(
            "initialState",
            "names 'Done', which is final: an instance would end as soon as it starts.",
            Edit("\"initialState\": \"Open\"", "\"initialState\": \"Done\""));

    [Fact]
    public void Load_Fails_WhenATransitionLeavesAnUnknownState() =>
        AssertFault(
            "transitions[0] (finish)",
            "'from' names unknown state 'Opn'; the states are Open, Done, Expired.",
            Edit("\"from\": [\"Open\"],\n", "\"from\": [\"Opn\"],\n"));

    [Fact]
    public void Load_Fails_WhenATransitionLeadsToAnUnknownState() =>
        AssertFault(
            "transitions[0] (finish)",
            "'to' names unknown state 'Dne'; the states are Open, Done, Expired.",
            Edit("\"to\": \"Done\"", "\"to\": \"Dne\""));

    [Fact]
    public void Load_Fails_WhenATransitionLeavesNoState() =>
        AssertFault("transitions[0] (finish)", "'from' must not be empty.", Edit("\"from\": [\"Open\"],\n", "\"from\": [],\n"));

    [Fact]
    public void Load_Fails_WhenAListNamesSomethingTwice() =>
        AssertFault("transitions[0] (finish)", "'roles' lists 'Applicant' twice.", Edit("\"roles\": [\"Applicant\"]", "\"roles\": [\"Applicant\", \"Applicant\"]"));

    [Fact]
    public void Load_Fails_WhenAStateIsUnreachable()
    {
        var json = Edit(
            "{ \"id\": \"Done\",",
            "{ \"id\": \"Orphan\", \"name\": { \"ru\": \"Сирота\", \"en\": \"Orphan\" } },\n    { \"id\": \"Done\",");
        json = Edit(json, "\"from\": [\"Open\"],\n", "\"from\": [\"Open\", \"Orphan\"],\n");

        AssertFault("states[1] (Orphan)", "cannot be reached from the initial state 'Open'.", json);
    }

    [Fact]
    public void Load_Fails_WhenAFinalStateHasOutgoingTransitions() =>
        AssertFault(
            "states[1] (Done)",
            "is final, but transitions[2] (expire) leaves it.",
            Edit("\"from\": [\"Open\"], \"to\": \"Expired\"", "\"from\": [\"Open\", \"Done\"], \"to\": \"Expired\""));

    [Fact]
    public void Load_Fails_WhenANonFinalStateHasNoWayOut() =>
        AssertFault(
            "states[1] (Done)",
            "is not final, but no transition leads out of it, so an instance would stay there for ever.",
            Edit("\"en\": \"Done\" }, \"final\": true", "\"en\": \"Done\" }, \"final\": false"));

    [Fact]
    public void Load_Fails_WhenAStateIsLeftOnlyByTransitionsBackToItself()
    {
        // Expired, no longer final, gets an internal transition: still no way out.
        var json = Edit("\"en\": \"Expired\" }, \"final\": true", "\"en\": \"Expired\" }");
        json = Edit(json, "\"to\": \"Open\", \"roles\": [\"System\"]", "\"to\": \"Open\", \"roles\": [\"System\"] },\n    { \"trigger\": \"wait\", \"name\": { \"ru\": \"Ждать\", \"en\": \"Wait\" }, \"from\": [\"Expired\"], \"to\": \"Expired\", \"roles\": [\"System\"]");

        AssertFault("states[2] (Expired)", "is not final, but no transition leads out of it, so an instance would stay there for ever.", json);
    }

    [Fact]
    public void Load_Fails_WhenOneTriggerLeavesAStateTwice() =>
        AssertFault(
            "transitions[2] (finish)",
            "trigger 'finish' already leaves 'Open' in transitions[0] (finish); a trigger may lead only one way from a state.",
            Edit("{ \"trigger\": \"expire\", \"name\"", "{ \"trigger\": \"finish\", \"name\""));

    [Fact]
    public void Load_Accepts_OneTriggerFromDifferentStates()
    {
        var json = Edit("\"en\": \"Expired\" }, \"final\": true", "\"en\": \"Expired\" }");
        json = Edit(json, "\"from\": [\"Open\"], \"to\": \"Expired\", \"roles\": [\"System\"] }", "\"from\": [\"Open\"], \"to\": \"Expired\", \"roles\": [\"System\"] },\n    { \"trigger\": \"expire\", \"name\": { \"ru\": \"Истечь\", \"en\": \"Expire\" }, \"from\": [\"Expired\"], \"to\": \"Done\", \"roles\": [\"System\"] }");

        Assert.Equal("Done", Load(json).FindTransition("Expired", "expire")!.To);
    }

    [Theory]
    [InlineData("\"roles\": [\"Applicant\"]", "\"roles\": [\"Applicant\", \"Expert\"]", "transitions[0] (finish)")]
    [InlineData("\"awaits\": [\"Applicant\"]", "\"awaits\": [\"Expert\"]", "states[0] (Open)")]
    public void Load_Fails_WhenARoleIsUnknown(string text, string replacement, string place) =>
        AssertFault(place, "unknown role 'Expert'; the app knows: Applicant, Officer, System.", Edit(text, replacement));

    [Fact]
    public void Load_Fails_WhenAGuardIsUnknown() =>
        AssertFault(
            "transitions[0] (finish)",
            "unknown guard 'isCompleted'; the app knows: isComplete.",
            Edit("\"guards\": [\"isComplete\"]", "\"guards\": [\"isCompleted\"]"));

    [Fact]
    public void Load_Fails_WhenAnEffectIsUnknown() =>
        AssertFault(
            "transitions[2] (expire)",
            "unknown effect 'notifyAll'; the app knows: notify.",
            Edit("\"to\": \"Expired\", \"roles\": [\"System\"] }", "\"to\": \"Expired\", \"roles\": [\"System\"], \"effects\": [\"notifyAll\"] }"));

    [Fact]
    public void Load_Fails_WhenADateSourceIsUnknown() =>
        AssertFault(
            "states[0] (Open).timers[0]",
            "unknown date source 'dueOn'; the app knows: dueAt.",
            Edit("\"at\": \"dueAt\"", "\"at\": \"dueOn\""));

    [Fact]
    public void Load_Fails_WhenATimerHasBothAfterAndAt() =>
        AssertFault(
            "states[0] (Open).timers[1]",
            "has both 'after' and 'at'; give one: 'after' a time in the state, or 'at' a date source.",
            Edit("\"after\": \"P14D\"", "\"after\": \"P14D\", \"at\": \"dueAt\""));

    [Fact]
    public void Load_Fails_WhenATimerHasNeitherAfterNorAt() =>
        AssertFault(
            "states[0] (Open).timers[1]",
            "has neither 'after' nor 'at'; give one: 'after' a time in the state, or 'at' a date source.",
            Edit("\"trigger\": \"expire\", \"after\": \"P14D\"", "\"trigger\": \"expire\""));

    [Fact]
    public void Load_Fails_WhenAnOffsetGoesWithAfter() =>
        AssertFault(
            "states[0] (Open).timers[1]",
            "'offset' moves the date of 'at'; it cannot go with 'after'.",
            Edit("\"after\": \"P14D\"", "\"after\": \"P14D\", \"offset\": \"P1D\""));

    [Theory]
    [InlineData("P14D", 14 * 24 * 60)]
    [InlineData("PT2H", 2 * 60)]
    [InlineData("PT90M", 90)]
    [InlineData("P1DT12H", 36 * 60)]
    [InlineData("PT1H30M", 90)]
    [InlineData("P0DT0H1M", 1)]
    public void Load_ReadsAfter(string after, int minutes) =>
        Assert.Equal(TimeSpan.FromMinutes(minutes), Load(Edit("\"after\": \"P14D\"", $"\"after\": \"{after}\"")).State("Open").Timers[1].After);

    [Theory]
    [InlineData("-P2D", -2 * 24 * 60 * 60)]
    [InlineData("PT0S", 0)]
    [InlineData("P1D", 24 * 60 * 60)]
    [InlineData("-PT1H30S", -(60 * 60 + 30))]
    public void Load_ReadsOffset(string offset, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Load(Edit("\"offset\": \"-P2D\"", $"\"offset\": \"{offset}\"")).State("Open").Timers[0].Offset);

    [Fact]
    public void Load_TakesAMissingOffsetAsZero() =>
        Assert.Equal(TimeSpan.Zero, Load(Edit(", \"offset\": \"-P2D\"", "")).State("Open").Timers[0].Offset);

    [Theory]
    [InlineData("P1M")]
    [InlineData("P1Y")]
    [InlineData("P1W")]
    [InlineData("P")]
    [InlineData("PT")]
    [InlineData("P1DT")]
    [InlineData("P1H")]
    [InlineData("14D")]
    [InlineData("P1.5D")]
    [InlineData("PT1S2M")]
    [InlineData("+P1D")]
    [InlineData(" P1D")]
    [InlineData("p1d")]
    [InlineData("P١D")]
    [InlineData("P999999D")]
    [InlineData("two weeks")]
    public void Load_Fails_WhenADurationIsNotSupported(string offset) =>
        AssertFault(
            "states[0] (Open).timers[0]",
            $"'offset' is '{offset}', which is not an ISO-8601 duration in days, hours, minutes and seconds like 'P14D', 'PT2H' or 'P1DT12H' (months and years have no fixed length).",
            Edit("\"offset\": \"-P2D\"", $"\"offset\": \"{offset}\""));

    [Theory]
    [InlineData("PT0S")]
    [InlineData("P0D")]
    [InlineData("-P1D")]
    public void Load_Fails_WhenAfterIsNotPositive(string after) =>
        AssertFault(
            "states[0] (Open).timers[1]",
            $"'after' is '{after}'; it must be longer than zero.",
            Edit("\"after\": \"P14D\"", $"\"after\": \"{after}\""));

    [Fact]
    public void Load_Fails_WhenATimerFiresATriggerThatDoesNotLeaveItsState() =>
        AssertFault(
            "states[0] (Open).timers[1]",
            "fires 'expired', but no transition with that trigger leaves 'Open'.",
            Edit("\"trigger\": \"expire\", \"after\"", "\"trigger\": \"expired\", \"after\""));

    [Fact]
    public void Load_Fails_WhenATimerFiresATransitionTheSystemMayNotFire() =>
        AssertFault(
            "states[0] (Open).timers[1]",
            "fires 'expire', but transitions[2] (expire) does not allow the role 'System' that timers act as.",
            Edit("\"to\": \"Expired\", \"roles\": [\"System\"]", "\"to\": \"Expired\", \"roles\": [\"Officer\"]"));

    [Fact]
    public void Load_GivesTheSameVersion_ForCrlfAndLfLineEndings()
    {
        var lf = Valid.ReplaceLineEndings("\n");

        var version = Load(lf).Version;

        Assert.Equal(version, Load(lf.Replace("\n", "\r\n", StringComparison.Ordinal)).Version);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(lf))), version);
    }

    [Fact]
    public void Load_GivesANewVersion_WhenTheContentChanges() =>
        Assert.NotEqual(Load(Valid).Version, Load(Edit("\"after\": \"P14D\"", "\"after\": \"P15D\"")).Version);

    [Fact]
    public void LoadDirectory_LoadsEveryDefinition_AndSkipsTheSchema()
    {
        using var directory = new TemporaryDirectory();
        directory.Write("a.json", Valid);
        directory.Write("b.json", Edit("\"id\": \"test-flow\"", "\"id\": \"other-flow\""));
        directory.Write(WorkflowDefinitionLoader.SchemaFileName, File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "workflows", "workflow.schema.json")));
        directory.Write("notes.txt", "not a definition");

        var definitions = WorkflowDefinitionLoader.LoadDirectory(directory.Path, Vocabulary);

        Assert.Equal(["test-flow", "other-flow"], definitions.Select(d => d.Id));
    }

    [Fact]
    public void LoadDirectory_Fails_WhenTwoFilesShareAnId()
    {
        using var directory = new TemporaryDirectory();
        directory.Write("a.json", Valid);
        directory.Write("b.json", Edit("\"name\": { \"ru\": \"Проверка\", \"en\": \"Check\" }", "\"name\": { \"ru\": \"Копия\", \"en\": \"Copy\" }"));

        var exception = Assert.Throws<WorkflowDefinitionException>(() => WorkflowDefinitionLoader.LoadDirectory(directory.Path, Vocabulary));

        Assert.Equal("b.json: id: workflow id 'test-flow' is already used by a.json.", exception.Message);
    }

    [Fact]
    public void LoadDirectory_NamesTheFile_WhoseDefinitionIsFaulty()
    {
        using var directory = new TemporaryDirectory();
        directory.Write("a.json", Valid);
        directory.Write("b.json", Edit(Edit("\"id\": \"test-flow\"", "\"id\": \"other-flow\""), "\"guards\": [\"isComplete\"]", "\"guards\": [\"isDone\"]"));

        var exception = Assert.Throws<WorkflowDefinitionException>(() => WorkflowDefinitionLoader.LoadDirectory(directory.Path, Vocabulary));

        Assert.Equal(("b.json", "transitions[0] (finish)"), (exception.File, exception.Place));
    }

    private sealed class TemporaryDirectory : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("grantportal-workflows-").FullName;

        public void Write(string file, string content) => File.WriteAllText(System.IO.Path.Combine(Path, file), content);

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
