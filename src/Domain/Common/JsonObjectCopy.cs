using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace WorkflowDefinitions.Domain.Common;

/// <summary>
/// A copy of stored JSON object text, made without a node tree: its top-level properties in order, each value copied as
/// it is written, those named in <c>removed</c> left out and — when given — the property <c>replaced.Name</c> written
/// with the string <c>replaced.Value</c> where it stands (or last, when the object has none). One reader's pass over the
/// text; the caller parses the copy into pooled memory (<see cref="System.Text.Json.JsonDocument"/>) and disposes it
/// once nothing reads it any more.
/// </summary>
public static class JsonObjectCopy
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = StoredText.MaxDepth };

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
