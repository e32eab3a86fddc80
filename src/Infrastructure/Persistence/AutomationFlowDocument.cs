namespace WorkflowDefinitions.Infrastructure.Persistence;

/// <summary>An automation flow of the embedded automation store: opaque JSON owned by one organization.</summary>
public sealed record AutomationFlowDocument
{
    public required string OrganizationId { get; init; }

    public required string Id { get; init; }

    public required string Document { get; init; }
}
