namespace WorkflowDefinitions.Domain.Common;

/// <summary>A submitted document breaks one or more structural rules; every violation found is listed.</summary>
public sealed class InvalidDocumentException(IReadOnlyList<Violation> violations, string messagePrefix = "Invalid request body: ")
    : DomainException(messagePrefix + string.Join("; ", violations))
{
    public IReadOnlyList<Violation> Violations { get; } = violations;
}
