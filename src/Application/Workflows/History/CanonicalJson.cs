using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace WorkflowDefinitions.Application.Workflows.History;

/// <summary>
/// A fingerprint of JSON content as JSON compares it: object properties in any order, arrays in order, numbers as
/// written. Two representations whose content is equal have the same hash, whatever order their properties came in.
/// </summary>
public static class CanonicalJson
{
    /// <summary>SHA-256 (hex) of <paramref name="value"/> without the top-level <paramref name="ignored"/> properties.</summary>
    public static string Hash(JsonObject value, IReadOnlyCollection<string> ignored)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteSorted(writer, value, ignored);
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
    }

    private static void WriteSorted(Utf8JsonWriter writer, JsonNode? node, IReadOnlyCollection<string> ignored)
    {
        switch (node)
        {
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (name, value) in obj.Where(p => !ignored.Contains(p.Key)).OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(name);
                    WriteSorted(writer, value, []);
                }

                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    WriteSorted(writer, item, []);
                }

                writer.WriteEndArray();
                break;
            case null:
                writer.WriteNullValue();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }
}
