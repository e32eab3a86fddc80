using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace WorkflowDefinitions.Domain.Common;

/// <summary>
/// A copy of stored JSON object text as an element of its own, made without a node tree: its top-level properties in
/// order, each value copied as it is written, those named in <c>removed</c> left out and — when given — the property
/// <c>replaced.Name</c> written with the string <c>replaced.Value</c> where it stands (or last, when the object has none).
/// One reader's pass over the text and one parse of the copy (or the copy's text, for the caller to parse).
/// </summary>
public static class JsonObjectCopy
{
    /// <summary>How deep stored JSON may nest.</summary>
    private const int MaxDepth = 128;

    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = MaxDepth };

    public static JsonElement Of(ReadOnlySpan<byte> objectText, IReadOnlyCollection<string> removed, (string Name, string Value)? replaced = null)
    {
        var copied = new Utf8JsonReader(Text(objectText, removed, replaced).Span, ReaderOptions);
        return JsonElement.ParseValue(ref copied);
    }

    /// <summary>The copy as text, for a caller that parses it into pooled memory and disposes it when done.</summary>
    public static ReadOnlyMemory<byte> Text(ReadOnlySpan<byte> objectText, IReadOnlyCollection<string> removed, (string Name, string Value)? replaced = null)
    {
        var copy = new ArrayBufferWriter<byte>(objectText.Length + 64);
        using (var writer = new Utf8JsonWriter(copy, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true }))
        {
            var reader = new Utf8JsonReader(objectText, ReaderOptions);
            reader.Read();
            writer.WriteStartObject();
            var wroteReplaced = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                if (replaced is { } replacement && name == replacement.Name)
                {
                    writer.WriteString(name, replacement.Value);
                    wroteReplaced = true;
                }
                else if (!removed.Contains(name))
                {
                    writer.WritePropertyName(name);
                    writer.WriteRawValue(objectText[start..(int)reader.BytesConsumed], skipInputValidation: true);
                }
            }

            if (replaced is { } missing && !wroteReplaced)
            {
                writer.WriteString(missing.Name, missing.Value);
            }

            writer.WriteEndObject();
        }

        return copy.WrittenMemory;
    }
}
