namespace WorkflowDefinitions.Domain.Common;

/// <summary>String lengths as JSON Schema counts them (contract §1.9): in code points, not UTF-16 units.</summary>
internal static class TextLength
{
    public static int CodePoints(string text) => text.Length - text.Count(char.IsHighSurrogate);
}
