namespace WorkflowDefinitions.Domain.Common;

/// <summary>
/// Client values quoted in messages are cut to a few dozen characters, so that no answer echoes more of a request than a
/// reader needs to recognize the value, whatever its size. Cutting costs at most the kept length, never the value's.
/// </summary>
public static class ClientText
{
    public const int MaxQuotedLength = 64;

    /// <summary>Client-chosen names in a JSON path are cut shorter: a path may hold several.</summary>
    public const int MaxPathNameLength = 32;

    public const string Ellipsis = "…";

    /// <summary>
    /// The first <paramref name="maxLength"/> code points of <paramref name="value"/> followed by <c>…</c>, or the value
    /// itself when it is not longer. A surrogate pair is never split.
    /// </summary>
    public static string Cut(string? value, int maxLength = MaxQuotedLength)
    {
        if (value is null)
        {
            return string.Empty;
        }

        var end = 0;
        for (var codePoints = 0; codePoints < maxLength && end < value.Length; codePoints++)
        {
            end += char.IsHighSurrogate(value[end]) && end + 1 < value.Length && char.IsLowSurrogate(value[end + 1]) ? 2 : 1;
        }

        return end >= value.Length ? value : string.Concat(value.AsSpan(0, end), Ellipsis);
    }

    /// <summary>The value cut and in single quotes, as messages name ids: <c>'abc'</c>.</summary>
    public static string Quote(string? value) => $"'{Cut(value)}'";
}
