using System.Buffers;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using WorkflowDefinitions.Domain.Common;

namespace WorkflowDefinitions.Application.Workflows.History;

/// <summary>
/// A fingerprint of JSON content as JSON compares it: object properties in any order, arrays in order, numbers as
/// written. Two representations whose content is equal have the same hash, whatever order their properties came in.
/// </summary>
public static class CanonicalJson
{
    private const int MaxDepth = 1000;

    /// <summary>Printable ASCII a value copied as written may not hold: an object to sort, or a character escapes differ on.</summary>
    private static readonly SearchValues<byte> NotAsWritten = SearchValues.Create("{\\&'+<>`"u8);

    /// <summary>
    /// SHA-256 (hex) of the JSON object <paramref name="utf8Json"/> without its top-level <paramref name="ignored"/>
    /// properties: of its canonical form, every object's properties sorted by name (ordinal, UTF-16 code units), written
    /// into a pooled buffer (a flow is up to 6 MiB). The text is read as it is, whatever its escaping: a scalar, and an
    /// array with no <c>{</c> in its text (no object inside to sort), is copied as written when it holds only printable
    /// ASCII that every escaping writes alike (<see cref="TryCopyAsWritten"/>), so it already is canonical; anything else
    /// is parsed and written again. Looking reads at most the text's length in all (<see cref="ScanBudget"/>): arrays
    /// nested a thousand deep do not read the text a thousand times.
    /// </summary>
    public static string Hash(ReadOnlyMemory<byte> utf8Json, IReadOnlyCollection<string> ignored)
    {
        using var canonical = new DocumentBuffer();
        using (var writer = new Utf8JsonWriter(canonical, new JsonWriterOptions { MaxDepth = MaxDepth }))
        {
            WriteTopLevelSorted(writer, utf8Json, ignored, new ScanBudget(utf8Json.Length));
        }

        return Convert.ToHexStringLower(SHA256.HashData(canonical.WrittenSpan));
    }

    /// <summary>
    /// The top-level object, read as text: its properties' values are found by one pass of a reader, a value with no
    /// <c>{</c> is copied as written, and only a value holding an object is read as a document to be sorted — a large
    /// object-free value (deeply nested arrays) is never parsed into a document.
    /// </summary>
    private static void WriteTopLevelSorted(Utf8JsonWriter writer, ReadOnlyMemory<byte> text, IReadOnlyCollection<string> ignored, ScanBudget budget)
    {
        var properties = new List<(string Name, int Start, int Length)>();
        var reader = new Utf8JsonReader(text.Span, new JsonReaderOptions { MaxDepth = MaxDepth });
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            if (!ignored.Contains(name))
            {
                properties.Add((name, start, (int)reader.BytesConsumed - start));
            }
        }

        properties.Sort(static (one, other) => string.CompareOrdinal(one.Name, other.Name));
        writer.WriteStartObject();
        foreach (var (name, start, length) in properties)
        {
            writer.WritePropertyName(name);
            var value = text.Slice(start, length);
            if (!TryCopyAsWritten(writer, value.Span, budget))
            {
                using var document = JsonDocument.Parse(value, new JsonDocumentOptions { MaxDepth = MaxDepth });
                WriteSorted(writer, document.RootElement, budget);
            }
        }

        writer.WriteEndObject();
    }

    private static void WriteSorted(Utf8JsonWriter writer, JsonElement element, ScanBudget budget)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                WriteSortedObject(writer, element, budget);
                break;
            case JsonValueKind.Array:
                if (TryCopyAsWritten(writer, JsonMarshal.GetRawUtf8Value(element), budget))
                {
                    break;
                }

                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    WriteSorted(writer, item, budget);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                var text = JsonMarshal.GetRawUtf8Value(element);
                if (IsAsWritten(text))
                {
                    writer.WriteRawValue(text, skipInputValidation: true);
                }
                else
                {
                    element.WriteTo(writer);
                }

                break;
            default:
                writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(element), skipInputValidation: true);
                break;
        }
    }

    /// <summary>
    /// An object, its properties sorted by name. Names of printable ASCII written without escapes — nearly every name —
    /// are compared and written as the UTF-8 bytes they are (for ASCII, byte order is UTF-16 code unit order, and the
    /// writer escapes the bytes as it would the string); an object with any other name compares them as strings.
    /// </summary>
    private static void WriteSortedObject(Utf8JsonWriter writer, JsonElement element, ScanBudget budget)
    {
        var properties = new JsonProperty[element.GetPropertyCount()];
        var asciiNames = true;
        var next = 0;
        foreach (var property in element.EnumerateObject())
        {
            properties[next++] = property;
            asciiNames &= IsAsWritten(JsonMarshal.GetRawUtf8PropertyName(property));
        }

        if (!asciiNames)
        {
            WriteSortedByStringNames(writer, properties, budget);
            return;
        }

        properties.AsSpan().Sort(static (one, other) => JsonMarshal.GetRawUtf8PropertyName(one).SequenceCompareTo(JsonMarshal.GetRawUtf8PropertyName(other)));
        writer.WriteStartObject();
        foreach (var property in properties)
        {
            writer.WritePropertyName(JsonMarshal.GetRawUtf8PropertyName(property));
            WriteSorted(writer, property.Value, budget);
        }

        writer.WriteEndObject();
    }

    /// <summary>An object with a name that is not plain ASCII: its names are read as strings and compared as such.</summary>
    private static void WriteSortedByStringNames(Utf8JsonWriter writer, ReadOnlySpan<JsonProperty> properties, ScanBudget budget)
    {
        var named = new (string Name, JsonElement Value)[properties.Length];
        for (var i = 0; i < properties.Length; i++)
        {
            named[i] = (properties[i].Name, properties[i].Value);
        }

        named.AsSpan().Sort(static (one, other) => string.CompareOrdinal(one.Name, other.Name));
        writer.WriteStartObject();
        foreach (var (name, value) in named)
        {
            writer.WritePropertyName(name);
            WriteSorted(writer, value, budget);
        }

        writer.WriteEndObject();
    }

    /// <summary>
    /// Copies a value as written if the budget allows the look and its text has no <c>{</c> (no object inside to sort)
    /// and nothing the canonical writer would escape otherwise than the text's writer may have: the text can come from a
    /// stored document copied as it is, escaped as the API answers (unsafe-relaxed), where the canonical writer escapes
    /// non-ASCII, HTML-sensitive characters and quotes its own way.
    /// </summary>
    private static bool TryCopyAsWritten(Utf8JsonWriter writer, ReadOnlySpan<byte> text, ScanBudget budget)
    {
        if (!budget.TryTake(text.Length) || !IsAsWritten(text))
        {
            return false;
        }

        writer.WriteRawValue(text, skipInputValidation: true);
        return true;
    }

    /// <summary>
    /// Whether <paramref name="text"/> is printable ASCII without anything the canonical writer would write otherwise: no
    /// escape, no character it escapes, no object. A string or a name has only one look, so it takes nothing from the
    /// budget.
    /// </summary>
    private static bool IsAsWritten(ReadOnlySpan<byte> text) =>
        text.IndexOfAny(NotAsWritten) < 0 && text.IndexOfAnyExceptInRange((byte)' ', (byte)'~') < 0;

    /// <summary>How many more bytes of text the search for objects inside arrays may read.</summary>
    private sealed class ScanBudget(long bytes)
    {
        public bool TryTake(int length)
        {
            if (length > bytes)
            {
                return false;
            }

            bytes -= length;
            return true;
        }
    }
}
