namespace WorkflowDefinitions.Infrastructure.Persistence;

/// <summary>
/// An automation flow of the embedded automation store: opaque JSON owned by one organization, and the revision its
/// replacements are conditional on (0 for flows stored before it existed, which have no such element).
/// </summary>
public sealed record AutomationFlowDocument
{
    public required string OrganizationId { get; init; }

    public required string Id { get; init; }

    public required string Document { get; init; }

    public long Revision { get; init; }
}
