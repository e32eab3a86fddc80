using System.Text.Encodings.Web;
using System.Text.Json;

namespace WorkflowDefinitions.Domain.Common;

/// <summary>
/// How JSON is written as the text the stores keep and the answers copy as it is: compact, escaped as the API answers
/// (unsafe-relaxed), and written into a pooled <see cref="DocumentBuffer"/> (a flow is up to 6 MiB), then kept as an
/// array of its exact length — the stores keep that array as it is instead of a copy.
/// </summary>
public static class StoredText
{
    /// <summary>Room above the deepest document a request may hold (64 levels), for the envelopes around it.</summary>
    public const int MaxDepth = 128;

    /// <summary>
    /// Without validation, like the response's writer: what is written comes from parsed documents and answers, and a
    /// stored document's members are copied as one piece instead of being read token by token.
    /// </summary>
    public static JsonWriterOptions Options { get; } = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        MaxDepth = MaxDepth,
        SkipValidation = true,
    };

    /// <summary>The text <paramref name="write"/> produces with <see cref="Options"/>.</summary>
    public static byte[] Write(Action<Utf8JsonWriter> write) => Write(Options, write);

    /// <summary>The text <paramref name="write"/> produces with <paramref name="options"/>.</summary>
    public static byte[] Write(JsonWriterOptions options, Action<Utf8JsonWriter> write)
    {
        using var text = new DocumentBuffer();
        using (var writer = new Utf8JsonWriter(text, options))
        {
            write(writer);
        }

        return text.WrittenSpan.ToArray();
    }
}
