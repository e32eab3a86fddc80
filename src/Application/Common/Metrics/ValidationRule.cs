using System.Text.RegularExpressions;
using WorkflowDefinitions.Domain.Common;

namespace WorkflowDefinitions.Application.Common.Metrics;

/// <summary>
/// The rule a violation breaks, as a metric attribute: its path and reason with everything the client chose masked
/// (array indexes, quoted ids and keys, the members of a cycle), so that the number of distinct values stays bounded
/// by the schema, whatever the documents hold.
/// </summary>
public static partial class ValidationRule
{
    private const int MaxLength = 160;

    public static string Of(Violation violation)
    {
        var text = Mask(violation.Path.Length == 0 ? violation.Reason : $"{violation.Path} {violation.Reason}");
        var cycle = text.IndexOf(" cycle ", StringComparison.Ordinal);
        if (cycle >= 0)
        {
            text = text[..(cycle + " cycle".Length)];
        }

        return text.Length <= MaxLength ? text : text[..MaxLength];
    }

    private static string Mask(string text) => Index().Replace(Quoted().Replace(text, "'*'"), "[]");

    [GeneratedRegex(@"'(?:[^'\\]|\\.)*'")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"\[(?:\d+|'\*')\]")]
    private static partial Regex Index();
}
