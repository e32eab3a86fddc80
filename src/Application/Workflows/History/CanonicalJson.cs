using System.Buffers;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace WorkflowDefinitions.Application.Workflows.History;

/// <summary>
/// A fingerprint of JSON content as JSON compares it: object properties in any order, arrays in order, numbers as
/// written. Two representations whose content is equal have the same hash, whatever order their properties came in.
/// </summary>
public static class CanonicalJson
{
    private const int MaxDepth = 1000;

    /// <summary>
    /// The JSON text of <paramref name="value"/> as the stores keep it (UTF-8, only what JSON requires escaped). A node
    /// tree still backed by the parsed request is written without being turned into nodes.
    /// </summary>
    public static byte[] Write(JsonObject value)
    {
        var text = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(text, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, MaxDepth = MaxDepth }))
        {
            value.WriteTo(writer);
        }

        return text.WrittenSpan.ToArray();
    }

    /// <summary>
    /// SHA-256 (hex) of the JSON object <paramref name="json"/> (UTF-8 text) without the top-level
    /// <paramref name="ignored"/> properties: of its canonical form, every object's properties sorted by name (ordinal,
    /// UTF-16 code units), strings and names escaped as <see cref="Utf8JsonWriter"/> does by default.
    /// </summary>
    public static string Hash(ReadOnlyMemory<byte> json, IReadOnlyCollection<string> ignored)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = MaxDepth });
        var canonical = new ArrayBufferWriter<byte>(json.Length);
        using (var writer = new Utf8JsonWriter(canonical, new JsonWriterOptions { MaxDepth = MaxDepth }))
        {
            WriteSorted(writer, document.RootElement, ignored);
        }

        return Convert.ToHexStringLower(SHA256.HashData(canonical.WrittenSpan));
    }

    private static void WriteSorted(Utf8JsonWriter writer, JsonElement element, IReadOnlyCollection<string> ignored)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var properties = new List<(string Name, JsonElement Value)>();
                foreach (var property in element.EnumerateObject())
                {
                    var name = property.Name;
                    if (!ignored.Contains(name))
                    {
                        properties.Add((name, property.Value));
                    }
                }

                properties.Sort(static (one, other) => string.CompareOrdinal(one.Name, other.Name));
                writer.WriteStartObject();
                foreach (var (name, value) in properties)
                {
                    writer.WritePropertyName(name);
                    WriteSorted(writer, value, []);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    WriteSorted(writer, item, []);
                }

                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
