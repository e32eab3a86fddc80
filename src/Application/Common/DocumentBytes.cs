using System.Text.Json;

namespace WorkflowDefinitions.Application.Common;

/// <summary>
/// What reading stored JSON text as a document holds, for the room a request takes before it does so
/// (<see cref="IAnswerRoom"/>): the text and the document's copy of it, and each token's row (12 bytes, in a table that
/// doubles as it grows). The tokens are counted by a reader's pass over the text, which holds nothing.
/// </summary>
public static class DocumentBytes
{
    private const int PerToken = 24;

    /// <summary>How deep stored JSON may nest.</summary>
    private static readonly JsonReaderOptions ReadOptions = new() { MaxDepth = 128 };

    public static long Of(ReadOnlySpan<byte> text)
    {
        var reader = new Utf8JsonReader(text, ReadOptions);
        long tokens = 0;
        while (reader.Read())
        {
            tokens++;
        }

        return (2L * text.Length) + (tokens * PerToken);
    }
}
