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

    private static readonly JsonSerializerOptions WriteOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        MaxDepth = MaxDepth,
    };

    private static readonly JsonDocumentOptions ReadOptions = new() { MaxDepth = MaxDepth };

    public static string Serialize(JsonObject value) => value.ToJsonString(WriteOptions);

    /// <summary>The stored text as a read-only document (no node tree); the caller disposes it.</summary>
    public static JsonDocument ParseDocument(string json) => JsonDocument.Parse(json, ReadOptions);

    public static JsonObject DeserializeObject(string json) =>
        JsonNode.Parse(json, documentOptions: ReadOptions)?.AsObject()
        ?? throw new InvalidDataException("Stored JSON is not an object.");
}
