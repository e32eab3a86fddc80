using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowDefinitions.Application.Common;

namespace WorkflowDefinitions.Application.Workflows.History;

/// <summary>
/// A fingerprint of JSON content as JSON compares it: object properties in any order, arrays in order, numbers as
/// written. Two representations whose content is equal have the same hash, whatever order their properties came in.
/// </summary>
public static class CanonicalJson
{
    private const int MaxDepth = 1000;

    /// <summary>
    /// SHA-256 (hex) of <paramref name="value"/> without the top-level <paramref name="ignored"/> properties: of its
    /// canonical form, every object's properties sorted by name (ordinal, UTF-16 code units). The value is written out
    /// and read back as a document first, so a node tree still backed by the parsed request is hashed without being
    /// turned into nodes; both texts are written into pooled buffers (a flow is up to 6 MiB).
    /// </summary>
    public static string Hash(JsonObject value, IReadOnlyCollection<string> ignored)
    {
        using var text = new DocumentBuffer();
        using (var writer = new Utf8JsonWriter(text, new JsonWriterOptions { MaxDepth = MaxDepth, SkipValidation = true }))
        {
            value.WriteTo(writer);
        }

        using var document = JsonDocument.Parse(text.WrittenMemory, new JsonDocumentOptions { MaxDepth = MaxDepth });
        using var canonical = new DocumentBuffer();
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
