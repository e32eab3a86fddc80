namespace WorkflowDefinitions.Infrastructure.Persistence;

/// <summary>One recorded revision of a flow or definition (MongoDB; SQLite keeps the same fields in a table).</summary>
public sealed record WorkflowRevisionDocument
{
    public required string OrganizationId { get; init; }

    /// <summary><see cref="WorkflowKinds.Flow"/> or <see cref="WorkflowKinds.Definition"/>.</summary>
    public required string Kind { get; init; }

    public required string WorkflowId { get; init; }

    public required int Number { get; init; }

    /// <summary>UTC.</summary>
    public required DateTime CreatedAt { get; init; }

    public required string Source { get; init; }

    public required string ETag { get; init; }

    /// <summary>Hash of the content without server-managed fields: equal content, no new revision.</summary>
    public required string ContentHash { get; init; }

    /// <summary>The workflow's get answer right after the write.</summary>
    public required JsonText Representation { get; init; }
}

/// <summary>One change of the flow feed (MongoDB).</summary>
public sealed record FlowChangeDocument
{
    public required string OrganizationId { get; init; }

    /// <summary>Taken from the organization's <see cref="FlowChangeSequenceDocument"/> in the write's transaction.</summary>
    public required long Sequence { get; init; }

    public required string Type { get; init; }

    public required string FlowId { get; init; }

    public int? Revision { get; init; }

    /// <summary>UTC.</summary>
    public required DateTime At { get; init; }
}

/// <summary>
/// The feed position of an organization (MongoDB): the last sequence handed to a change, and how far the feed was
/// purged. Every flow write of the organization increments it in its transaction.
/// </summary>
public sealed record FlowChangeSequenceDocument
{
    public required string OrganizationId { get; init; }

    public required long Last { get; init; }

    public long PurgedThrough { get; init; }
}
