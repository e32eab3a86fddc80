namespace WorkflowDefinitions.Infrastructure.Persistence;

/// <summary>The stored shape of a V1 workflow definition, the same in both stores: queried fields beside the document.</summary>
public sealed record WorkflowDefinitionDocument
{
    public required string OrganizationId { get; init; }

    public required string Id { get; init; }

    public required string Name { get; init; }

    /// <summary>UTC, millisecond precision.</summary>
    public required DateTime CreationTime { get; init; }

    /// <summary>UTC, millisecond precision.</summary>
    public required DateTime LastUpdateTime { get; init; }

    public required long Revision { get; init; }

    /// <summary>The client's definition (see <see cref="StoredJson"/>).</summary>
    public required JsonText Document { get; init; }
}
