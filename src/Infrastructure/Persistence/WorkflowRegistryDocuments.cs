namespace WorkflowDefinitions.Infrastructure.Persistence;

/// <summary>Slots an organization's workflows take (stored V1/V2 workflows and live reservations).</summary>
public sealed record WorkflowQuotaDocument
{
    public required string OrganizationId { get; init; }

    public required long Workflows { get; init; }
}

/// <summary>One id of the organization's V1/V2 id space: a stored workflow (<see cref="Kind"/>) or a reservation.</summary>
public sealed record WorkflowIdDocument
{
    public const string ReservedKind = "reserved";
    public const string FlowKind = "flow";
    public const string DefinitionKind = "definition";

    public required string OrganizationId { get; init; }

    public required string Id { get; init; }

    public required string Kind { get; init; }

    /// <summary>UTC; set while <see cref="Kind"/> is <see cref="ReservedKind"/>.</summary>
    public DateTime? ReservedUntil { get; init; }
}
