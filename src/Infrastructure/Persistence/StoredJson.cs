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
    private static readonly JsonSerializerOptions WriteOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize(JsonObject value) => value.ToJsonString(WriteOptions);

    public static JsonObject DeserializeObject(string json) =>
        JsonNode.Parse(json)?.AsObject() ?? throw new InvalidDataException("Stored JSON is not an object.");
}
