namespace WorkflowDefinitions.Domain.Common;

/// <summary>How messages name an item of a document: <c>task 'id'</c> (the id cut), or <c>task at tasks[3]</c> when it has none.</summary>
public readonly record struct ItemLabel(string Kind, string? Id, JsonPath Path)
{
    public override string ToString() => Id is null ? $"{Kind} at {Path}" : $"{Kind} {ClientText.Quote(Id)}";

    /// <summary>The label as a rule names it, whichever item it is.</summary>
    public string Template => Id is null ? $"{Kind} at *" : $"{Kind} '*'";
}
