using System.Text;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Domain.Common;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace WorkflowDefinitions.Infrastructure.Persistence;

/// <summary>
/// How client JSON is kept in both stores: as canonical JSON text. Text keeps every property name (BSON cannot
/// hold names with NUL, and treats <c>$</c>/<c>.</c> names specially) and every number exactly as sent.
/// </summary>
public static class StoredJson
{
    /// <summary>Room above the deepest document a request may hold (64 levels), for the stored envelope.</summary>
    public const int MaxDepth = 128;

    /// <summary>
    /// Without validation, like the response's writer: what is written comes from parsed documents and answers, and a
    /// stored document's members are then copied as one piece (see <c>FlowDocument.WriteMembersTo</c>) instead of being
    /// read token by token.
    /// </summary>
    private static readonly JsonWriterOptions WriteOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        MaxDepth = MaxDepth,
        SkipValidation = true,
    };

    private static readonly JsonDocumentOptions ReadOptions = new() { MaxDepth = MaxDepth };

    public static string Serialize(JsonObject value) => Serialize(writer => value.WriteTo(writer));

    /// <summary>The JSON text <paramref name="write"/> produces (written into a <see cref="DocumentBuffer"/>).</summary>
    public static string Serialize(Action<Utf8JsonWriter> write) => Encoding.UTF8.GetString(Write(write).Utf8);

    /// <summary>The same, as the UTF-8 text a store keeps.</summary>
    public static JsonText Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new DocumentBuffer();
        using (var writer = new Utf8JsonWriter(buffer, WriteOptions))
        {
            write(writer);
        }

        return new JsonText(buffer.WrittenSpan.ToArray());
    }

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
