using System.Text.Json;
using System.Text.Json.Nodes;

namespace WorkflowDefinitions.Application.Common;

/// <summary>
/// JSON an answer writes straight into the response: a node tree (<see cref="NodeAnswer"/>), or a value that writes itself
/// without one — a stored document copied as it is rather than parsed into nodes and serialized again.
/// </summary>
public abstract class JsonAnswer
{
    public abstract void WriteTo(Utf8JsonWriter writer);

    public static JsonAnswer Of(JsonNode node) => new NodeAnswer(node);
}

/// <summary>An answer that is a node tree.</summary>
public sealed class NodeAnswer(JsonNode node) : JsonAnswer
{
    public JsonNode Node { get; } = node;

    public override void WriteTo(Utf8JsonWriter writer) => Node.WriteTo(writer);
}
