namespace WorkflowDefinitions.Application.Common;

/// <summary>
/// What reading stored JSON text as a document holds, for the room a request takes before it reads the text
/// (<see cref="IAnswerRoom"/>), when only the text's size is known: the text and the document's copy of it, and each
/// token's row (12 bytes, in a table that doubles as it grows) — a token takes at least one byte of text.
/// </summary>
public static class DocumentBytes
{
    private const int PerToken = 24;

    /// <summary>At most this many bytes per byte of text.</summary>
    public const int AtMostPerTextByte = 2 + PerToken;

    /// <summary>
    /// At most this many bytes per byte of a stored document that a write copies into a new one (a restore, a duplicate):
    /// its text, the copy read as a document, and the workflow read from the copy.
    /// </summary>
    public const int CopiedPerTextByte = 1 + (2 * AtMostPerTextByte);
}
