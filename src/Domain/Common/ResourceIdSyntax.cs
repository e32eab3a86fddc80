namespace WorkflowDefinitions.Domain.Common;

/// <summary>The syntax every id in a path must have (contract D08, D62): 1-128 of <c>A-Z a-z 0-9 _ -</c>.</summary>
public static class ResourceIdSyntax
{
    public const int MaxLength = 128;
    public const string Description = "1-128 characters of A-Z, a-z, 0-9, '_' or '-'";

    public static bool IsValid(string? value)
    {
        if (value is not { Length: > 0 and <= MaxLength })
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary><paramref name="value"/> when it is a valid id; otherwise a 400 naming which id is invalid.</summary>
    /// <exception cref="DomainException">The value is not a valid id.</exception>
    public static string Require(string value, string what) =>
        IsValid(value) ? value : throw new DomainException($"{what} id '{ClientText.Cut(value, MaxLength)}' is invalid: it must be {Description}");
}
