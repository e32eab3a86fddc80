namespace WorkflowDefinitions.Infrastructure.Persistence;

/// <summary>What an entry of the workflow id registry stands for, in both stores.</summary>
public static class WorkflowKinds
{
    /// <summary>A slot reserved for a workflow being created.</summary>
    public const string Reserved = "reserved";

    public const string Flow = "flow";

    public const string Definition = "definition";

    public static string Of(Application.Workflows.History.WorkflowKind kind) =>
        kind == Application.Workflows.History.WorkflowKind.Flow ? Flow : Definition;
}

/// <summary>Slots an organization's workflows take (stored V1/V2 workflows and live reservations).</summary>
public sealed record WorkflowQuotaDocument
{
    public required string OrganizationId { get; init; }

    public required long Workflows { get; init; }
}

/// <summary>One id of the organization's V1/V2 id space: a stored workflow (<see cref="Kind"/>) or a reservation.</summary>
public sealed record WorkflowIdDocument
{
    public required string OrganizationId { get; init; }

    public required string Id { get; init; }

    public required string Kind { get; init; }

    /// <summary>UTC; set while <see cref="Kind"/> is <see cref="WorkflowKinds.Reserved"/>.</summary>
    public DateTime? ReservedUntil { get; init; }
}
