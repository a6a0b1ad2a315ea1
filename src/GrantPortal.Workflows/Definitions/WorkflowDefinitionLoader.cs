using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace GrantPortal.Workflows.Definitions;

/// <summary>
/// Reads workflow definition files (the format <c>workflows/workflow.schema.json</c> describes) and checks that each
/// is consistent in itself and names only roles, guards, effects and date sources the app knows. Any fault throws a
/// <see cref="WorkflowDefinitionException"/> naming the file, the place and the fault.
/// </summary>
public static partial class WorkflowDefinitionLoader
{
    /// <summary>The JSON Schema that sits beside the definitions; <see cref="LoadDirectory"/> skips it.</summary>
    public const string SchemaFileName = "workflow.schema.json";

    private const string RootPlace = "(root)";

    private static readonly JsonDocumentOptions ParseOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        AllowDuplicateProperties = false,
    };

    private static readonly string[] RootProperties = ["$schema", "id", "name", "initialState", "states", "transitions"];
    private static readonly string[] TextProperties = ["ru", "en"];
    private static readonly string[] StateProperties = ["id", "name", "final", "awaits", "timers"];
    private static readonly string[] TimerProperties = ["trigger", "after", "at", "offset"];
    private static readonly string[] TransitionProperties = ["trigger", "name", "from", "to", "roles", "guards", "effects"];

    [GeneratedRegex("^[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
    private static partial Regex KebabCase();

    [GeneratedRegex("^[A-Z][A-Za-z0-9]*$")]
    private static partial Regex PascalCase();

    [GeneratedRegex("^[a-z][A-Za-z0-9]*$")]
    private static partial Regex CamelCase();

    /// <summary>
    /// Loads every <c>*.json</c> file of <paramref name="directory"/> except <see cref="SchemaFileName"/>, in file
    /// name order. Two files with the same workflow id are a fault.
    /// </summary>
    public static IReadOnlyList<WorkflowDefinition> LoadDirectory(string directory, WorkflowVocabulary vocabulary)
    {
        var definitions = new List<WorkflowDefinition>();
        var fileOfId = new Dictionary<string, string>();
        foreach (var path in Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            var file = Path.GetFileName(path);
            if (file.Equals(SchemaFileName, StringComparison.OrdinalIgnoreCase))
                continue;

            var definition = Load(file, File.ReadAllText(path), vocabulary);
            if (!fileOfId.TryAdd(definition.Id, file))
                throw new WorkflowDefinitionException(file, "id", $"workflow id '{definition.Id}' is already used by {fileOfId[definition.Id]}.");
            definitions.Add(definition);
        }

        return definitions;
    }

    /// <summary>
    /// Reads and checks one definition. <see cref="WorkflowDefinition.Version"/> is the SHA-256 of
    /// <paramref name="json"/> with CRLF line endings read as LF, so a Windows checkout of a file is the same version.
    /// </summary>
    /// <param name="fileName">Names the file in fault messages.</param>
    public static WorkflowDefinition Load(string fileName, string json, WorkflowVocabulary vocabulary)
    {
        var content = json.Replace("\r\n", "\n", StringComparison.Ordinal);
        using var document = Parse(fileName, content);
        var definition = Read(fileName, document.RootElement);
        Check(fileName, definition, vocabulary);
        return definition with { Version = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content))) };
    }

    private static JsonDocument Parse(string file, string content)
    {
        try
        {
            return JsonDocument.Parse(content, ParseOptions);
        }
        catch (JsonException e)
        {
            // A duplicate property is reported without a position.
            var place = e.LineNumber is { } line
                ? $"line {line + 1}, column {Column(content, (int)line, (int)(e.BytePositionInLine ?? 0))}"
                : "(document)";
            // The place already says where, so the reader's own "LineNumber: .. | BytePositionInLine: .." goes.
            var cut = e.Message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            throw new WorkflowDefinitionException(file, place, $"is not valid JSON: {(cut < 0 ? e.Message : e.Message[..cut])}");
        }
    }

    // The reader counts bytes, but names are in Russian, where a letter is two bytes of UTF-8: people count letters.
    private static int Column(string content, int line, int bytePosition)
    {
        var bytes = Encoding.UTF8.GetBytes(content.Split('\n')[line]);
        return Encoding.UTF8.GetCharCount(bytes, 0, Math.Min(bytePosition, bytes.Length)) + 1;
    }

    private static WorkflowDefinition Read(string file, JsonElement element)
    {
        var root = new JsonObjectReader(file, RootPlace, element, RootProperties, labelProperty: null);
        _ = root.OptionalString("$schema"); // only editors use it
        var id = root.String("id");
        if (!KebabCase().IsMatch(id))
            throw root.Fault($"id '{id}' must be kebab-case, like 'component-substitution-grant'.");

        return new WorkflowDefinition(
            id,
            root.Text("name"),
            root.String("initialState"),
            [.. root.Objects("states", StateProperties, "id", required: true).Select(ReadState)],
            [.. root.Objects("transitions", TransitionProperties, "trigger", required: true).Select(ReadTransition)]);
    }

    private static StateDefinition ReadState(JsonObjectReader state)
    {
        var id = state.String("id");
        if (!PascalCase().IsMatch(id))
            throw state.Fault($"state id '{id}' must be PascalCase, like 'ExpertReview'.");

        return new StateDefinition(
            id,
            state.Text("name"),
            state.Boolean("final"),
            state.Strings("awaits", required: false),
            [.. state.Objects("timers", TimerProperties, labelProperty: null, required: false).Select(ReadTimer)]);
    }

    private static TimerDefinition ReadTimer(JsonObjectReader timer)
    {
        var trigger = timer.String("trigger");
        var after = timer.OptionalString("after");
        var at = timer.OptionalString("at");
        var offset = timer.OptionalString("offset");
        switch (after, at)
        {
            case (not null, not null):
                throw timer.Fault("has both 'after' and 'at'; give one: 'after' a time in the state, or 'at' a date source.");
            case (null, null):
                throw timer.Fault("has neither 'after' nor 'at'; give one: 'after' a time in the state, or 'at' a date source.");
        }

        if (after is not null)
        {
            if (offset is not null)
                throw timer.Fault("'offset' moves the date of 'at'; it cannot go with 'after'.");
            var wait = timer.Duration("after", after);
            if (wait <= TimeSpan.Zero)
                throw timer.Fault($"'after' is '{after}'; it must be longer than zero.");
            return new TimerDefinition(trigger, wait, null, TimeSpan.Zero);
        }

        return new TimerDefinition(trigger, null, at, offset is null ? TimeSpan.Zero : timer.Duration("offset", offset));
    }

    private static TransitionDefinition ReadTransition(JsonObjectReader transition)
    {
        var trigger = transition.String("trigger");
        if (!CamelCase().IsMatch(trigger))
            throw transition.Fault($"trigger '{trigger}' must be camelCase, like 'assignExperts'.");

        return new TransitionDefinition(
            trigger,
            transition.Text("name"),
            transition.Strings("from", required: true),
            transition.String("to"),
            transition.Strings("roles", required: true),
            transition.Strings("guards", required: false),
            transition.Strings("effects", required: false));
    }

    // The reader's lists keep the file's order, so list index i is the place states[i] or transitions[i].
    private static void Check(string file, WorkflowDefinition definition, WorkflowVocabulary vocabulary)
    {
        var states = definition.States;
        var transitions = definition.Transitions;
        string StateAt(int i) => $"states[{i}] ({states[i].Id})";
        // By reference: places are positions in the file, whatever two transitions hold.
        var indexOfTransition = new Dictionary<TransitionDefinition, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < transitions.Count; i++)
            indexOfTransition.Add(transitions[i], i);
        string TransitionAt(TransitionDefinition transition) => $"transitions[{indexOfTransition[transition]}] ({transition.Trigger})";
        WorkflowDefinitionException Fault(string place, string fault) => new(file, place, fault);

        var indexOfState = new Dictionary<string, int>();
        for (var i = 0; i < states.Count; i++)
        {
            if (!indexOfState.TryAdd(states[i].Id, i))
                throw Fault(StateAt(i), $"state id '{states[i].Id}' is already used by {StateAt(indexOfState[states[i].Id])}.");
        }

        var stateList = string.Join(", ", indexOfState.Keys);
        if (!indexOfState.TryGetValue(definition.InitialState, out var initial))
            throw Fault("initialState", $"names unknown state '{definition.InitialState}'; the states are {stateList}.");
        if (states[initial].IsFinal)
            throw Fault("initialState", $"names '{definition.InitialState}', which is final: an instance would end as soon as it starts.");

        var roles = vocabulary.Roles.Append(WorkflowVocabulary.SystemRole).ToHashSet();
        var leaving = new Dictionary<(string State, string Trigger), TransitionDefinition>();
        foreach (var transition in transitions)
        {
            var place = TransitionAt(transition);
            foreach (var state in transition.From.Append(transition.To))
            {
                if (!indexOfState.ContainsKey(state))
                {
                    var property = transition.From.Contains(state) ? "from" : "to";
                    throw Fault(place, $"'{property}' names unknown state '{state}'; the states are {stateList}.");
                }
            }

            foreach (var from in transition.From)
            {
                if (!leaving.TryAdd((from, transition.Trigger), transition))
                    throw Fault(place, $"trigger '{transition.Trigger}' already leaves '{from}' in {TransitionAt(leaving[(from, transition.Trigger)])}; a trigger may lead only one way from a state.");
            }

            CheckNames(place, "role", transition.Roles, roles);
            CheckNames(place, "guard", transition.Guards, vocabulary.Guards);
            CheckNames(place, "effect", transition.Effects, vocabulary.Effects);
        }

        for (var i = 0; i < states.Count; i++)
        {
            var state = states[i];
            CheckNames(StateAt(i), "role", state.Awaits, roles);

            var outgoing = definition.TransitionsFrom(state.Id).ToList();
            if (state.IsFinal && outgoing.Count > 0)
                throw Fault(StateAt(i), $"is final, but {TransitionAt(outgoing[0])} leaves it.");
            if (!state.IsFinal && outgoing.All(t => t.To == state.Id))
                throw Fault(StateAt(i), "is not final, but no transition leads out of it, so an instance would stay there for ever.");

            for (var k = 0; k < state.Timers.Count; k++)
            {
                var timer = state.Timers[k];
                var place = $"{StateAt(i)}.timers[{k}]";
                if (timer.At is not null)
                    CheckNames(place, "date source", [timer.At], vocabulary.DateSources);
                var transition = definition.FindTransition(state.Id, timer.Trigger)
                    ?? throw Fault(place, $"fires '{timer.Trigger}', but no transition with that trigger leaves '{state.Id}'.");
                if (!transition.Roles.Contains(WorkflowVocabulary.SystemRole))
                    throw Fault(place, $"fires '{timer.Trigger}', but {TransitionAt(transition)} does not allow the role '{WorkflowVocabulary.SystemRole}' that timers act as.");
            }
        }

        var reached = new HashSet<string> { definition.InitialState };
        var queue = new Queue<string>(reached);
        while (queue.TryDequeue(out var state))
        {
            foreach (var transition in definition.TransitionsFrom(state))
            {
                if (reached.Add(transition.To))
                    queue.Enqueue(transition.To);
            }
        }

        for (var i = 0; i < states.Count; i++)
        {
            if (!reached.Contains(states[i].Id))
                throw Fault(StateAt(i), $"cannot be reached from the initial state '{definition.InitialState}'.");
        }

        void CheckNames(string place, string kind, IEnumerable<string> names, IReadOnlySet<string> known)
        {
            foreach (var name in names)
            {
                if (!known.Contains(name))
                    throw Fault(place, $"unknown {kind} '{name}'; the app knows: {string.Join(", ", known.Order(StringComparer.Ordinal))}.");
            }
        }
    }

    /// <summary>One JSON object of a definition, read strictly: unknown properties and wrong kinds of value are faults.</summary>
    private sealed class JsonObjectReader
    {
        private readonly string file;
        private readonly JsonElement element;

        /// <param name="labelProperty">A property whose value names the object in places, as in "states[2] (ExpertReview)".</param>
        public JsonObjectReader(string file, string place, JsonElement element, string[] properties, string? labelProperty)
        {
            this.file = file;
            this.element = element;
            Place = place;
            if (element.ValueKind != JsonValueKind.Object)
                throw Fault("must be a JSON object.");
            if (labelProperty is not null && element.TryGetProperty(labelProperty, out var label) && label.ValueKind == JsonValueKind.String)
                Place = $"{place} ({label.GetString()})";
            foreach (var property in element.EnumerateObject())
            {
                if (!properties.Contains(property.Name))
                    throw Fault($"unknown property '{property.Name}'; expected one of: {string.Join(", ", properties)}.");
            }
        }

        public string Place { get; }

        private string Child(string name) => Place == RootPlace ? name : $"{Place}.{name}";

        public WorkflowDefinitionException Fault(string fault) => new(file, Place, fault);

        public string String(string name) =>
            OptionalString(name) ?? throw Fault($"missing required property '{name}'.");

        public string? OptionalString(string name) =>
            !element.TryGetProperty(name, out var value) ? null
            : value.ValueKind == JsonValueKind.String ? value.GetString()!
            : throw Fault($"'{name}' must be a string.");

        public bool Boolean(string name) =>
            !element.TryGetProperty(name, out var value) ? false
            : value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean()
            : throw Fault($"'{name}' must be true or false.");

        public TimeSpan Duration(string name, string text) =>
            IsoDuration.TryParse(text, out var duration) ? duration
            : throw Fault($"'{name}' is '{text}', which is not an ISO-8601 duration in days, hours, minutes and seconds like 'P14D', 'PT2H' or 'P1DT12H' (months and years have no fixed length).");

        public LocalizedText Text(string name)
        {
            if (!element.TryGetProperty(name, out var value))
                throw Fault($"missing required property '{name}'.");
            var text = new JsonObjectReader(file, Child(name), value, TextProperties, labelProperty: null);
            return new LocalizedText(text.Language("ru", "Russian"), text.Language("en", "English"));
        }

        private string Language(string code, string language)
        {
            var text = OptionalString(code);
            return string.IsNullOrWhiteSpace(text) ? throw Fault($"has no {language} text ('{code}').") : text;
        }

        public IReadOnlyList<string> Strings(string name, bool required)
        {
            if (!element.TryGetProperty(name, out var value))
                return required ? throw Fault($"missing required property '{name}'.") : [];
            if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
                throw Fault($"'{name}' must be an array of strings.");

            var strings = value.EnumerateArray().Select(v => v.GetString()!).ToList();
            if (required && strings.Count == 0)
                throw Fault($"'{name}' must not be empty.");
            var twice = strings.GroupBy(s => s).FirstOrDefault(g => g.Count() > 1);
            if (twice is not null)
                throw Fault($"'{name}' lists '{twice.Key}' twice.");
            return strings;
        }

        public IEnumerable<JsonObjectReader> Objects(string name, string[] properties, string? labelProperty, bool required)
        {
            if (!element.TryGetProperty(name, out var value))
                return required ? throw Fault($"missing required property '{name}'.") : [];
            if (value.ValueKind != JsonValueKind.Array)
                throw Fault($"'{name}' must be an array of objects.");

            return value.EnumerateArray()
                .Select((item, i) => new JsonObjectReader(file, $"{Child(name)}[{i}]", item, properties, labelProperty));
        }
    }
}
