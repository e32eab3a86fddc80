using System.Text.RegularExpressions;

namespace WorkflowDefinitions.Domain.Common;

/// <summary>The syntax every id in a path must have (contract D08, D62): 1-128 of <c>A-Z a-z 0-9 _ -</c>.</summary>
public static partial class ResourceIdSyntax
{
    public const int MaxLength = 128;
    public const string Description = "1-128 characters of A-Z, a-z, 0-9, '_' or '-'";

    public static bool IsValid(string? value) => value is not null && Pattern().IsMatch(value);

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,128}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
