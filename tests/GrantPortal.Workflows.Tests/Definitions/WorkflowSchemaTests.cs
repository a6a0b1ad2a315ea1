using System.Text.Json.Nodes;
using GrantPortal.Workflows.Definitions;

namespace GrantPortal.Workflows.Tests.Definitions;

/// <summary>
/// No JSON Schema validator is available to the tests, so these keep the schema honest cheaply: it is well formed,
/// documents and closes every object, and allows exactly the properties the loader reads.
/// </summary>
public sealed class WorkflowSchemaTests
{
    private static readonly JsonObject Schema =
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "workflows", WorkflowDefinitionLoader.SchemaFileName)))!.AsObject();

    [Fact]
    public void Schema_IsDraft2020_12() =>
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", (string?)Schema["$schema"]);

    [Fact]
    public void Schema_DescribesEveryProperty_AndClosesEveryObject()
    {
        var objects = Descendants(Schema).OfType<JsonObject>().Where(o => o["properties"] is JsonObject).ToList();

        Assert.Equal(5, objects.Count);
        foreach (var node in objects)
        {
            Assert.False((bool?)node["additionalProperties"] ?? true, $"{node.GetPath()} must set additionalProperties to false.");
            foreach (var (name, property) in node["properties"]!.AsObject())
                Assert.False(string.IsNullOrWhiteSpace((string?)property!["description"]), $"{node.GetPath()}.{name} has no description.");
        }
    }

    [Theory]
    [InlineData("\"id\": \"test-flow\",", "properties")]
    [InlineData("\"ru\": \"Проверка\"", "$defs.localizedText.properties")]
    [InlineData("\"id\": \"Open\",", "$defs.state.properties")]
    [InlineData("\"trigger\": \"expire\", \"after\"", "$defs.timer.properties")]
    [InlineData("\"trigger\": \"finish\",", "$defs.transition.properties")]
    public void Schema_AllowsExactlyThePropertiesTheLoaderReads(string anchor, string schemaPath)
    {
        // The loader's unknown-property fault lists what it accepts at that place.
        var json = WorkflowDefinitionLoaderTests.Edit(anchor, $"\"zzz\": 0, {anchor}");
        var fault = Assert.Throws<WorkflowDefinitionException>(() => WorkflowDefinitionLoader.Load("test.json", json, WorkflowDefinitionLoaderTests.Vocabulary)).Fault;
        var loaderProperties = fault.Split("expected one of: ")[1].TrimEnd('.').Split(", ");

        var schemaProperties = schemaPath.Split('.').Aggregate((JsonNode)Schema, (node, key) => node[key]!).AsObject().Select(p => p.Key);

        Assert.Equal(loaderProperties.Order(StringComparer.Ordinal), schemaProperties.Order(StringComparer.Ordinal));
    }

    private static IEnumerable<JsonNode> Descendants(JsonNode node)
    {
        yield return node;
        var children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a.AsEnumerable(),
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>().SelectMany(Descendants))
            yield return child;
    }
}
