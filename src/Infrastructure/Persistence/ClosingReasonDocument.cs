namespace WorkflowDefinitions.Infrastructure.Persistence;

/// <summary>The stored shape of a closing reason, the same in both stores.</summary>
public sealed record ClosingReasonDocument
{
    public required string OrganizationId { get; init; }

    public required string Id { get; init; }

    public required string Title { get; init; }

    public required string Status { get; init; }

    /// <summary>UTC, millisecond precision.</summary>
    public required DateTime CreationTime { get; init; }

    /// <summary>UTC, millisecond precision.</summary>
    public required DateTime LastUpdateTime { get; init; }

    /// <summary>Optimistic-concurrency token; bumped by every write.</summary>
    public required long Revision { get; init; }

    /// <summary>The client's extra properties as a JSON object text (see <see cref="StoredJson"/>).</summary>
    public required string ExtraProperties { get; init; }
}

/// <summary>
/// One per organization (MongoDB): every create of a closing reason writes it in its transaction, so creates of one
/// catalog commit one at a time and the count they check before inserting cannot be stale.
/// </summary>
public sealed record ClosingReasonCatalogDocument
{
    public required string OrganizationId { get; init; }

    /// <summary>How many creates went through it; only written to make concurrent creates conflict.</summary>
    public required long Creates { get; init; }
}
