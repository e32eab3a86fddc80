using System.Text;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Domain.Common;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace WorkflowDefinitions.Infrastructure.Persistence;

/// <summary>
/// How client JSON is kept in both stores: as canonical JSON text. Text keeps every property name (BSON cannot
/// hold names with NUL, and treats <c>$</c>/<c>.</c> names specially) and every number exactly as sent.
/// </summary>
public static class StoredJson
{
    /// <summary>How deep stored JSON may nest (see <see cref="StoredText.MaxDepth"/>).</summary>
    public const int MaxDepth = StoredText.MaxDepth;

    private static readonly JsonDocumentOptions ReadOptions = new() { MaxDepth = MaxDepth };

    public static string Serialize(JsonObject value) => Serialize(writer => value.WriteTo(writer));

    /// <summary>The JSON text <paramref name="write"/> produces.</summary>
    public static string Serialize(Action<Utf8JsonWriter> write) => Encoding.UTF8.GetString(Write(write).Utf8);

    /// <summary>The same, as the UTF-8 text a store keeps (see <see cref="StoredText"/>).</summary>
    public static JsonText Write(Action<Utf8JsonWriter> write) => new(StoredText.Write(write));

    /// <summary>Reads the stored text in place and hands the element to <paramref name="read"/>; the element is valid only inside it.</summary>
    public static T Read<T>(JsonText json, Func<JsonElement, T> read)
    {
        using var document = JsonDocument.Parse(json.Utf8, ReadOptions);
        return read(document.RootElement);
    }

    /// <summary>A stored object as a node tree of its own.</summary>
    public static JsonObject DeserializeObject(JsonText json) =>
        JsonNode.Parse(json.Utf8, documentOptions: ReadOptions)?.AsObject()
        ?? throw new InvalidDataException("Stored JSON is not an object.");

    public static JsonObject DeserializeObject(string json) =>
        JsonNode.Parse(json, documentOptions: ReadOptions)?.AsObject()
        ?? throw new InvalidDataException("Stored JSON is not an object.");
}
