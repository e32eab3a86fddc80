namespace WorkflowDefinitions.Infrastructure.Persistence;

/// <summary>
/// The stored shape of a flow template, the same in both stores: the client's document as JSON text
/// (<see cref="Document"/>, see <see cref="StoredJson"/>) beside the fields that are queried and indexed.
/// </summary>
public sealed record FlowTemplateDocument
{
    public required string OrganizationId { get; init; }

    public required string Id { get; init; }

    public required string Name { get; init; }

    /// <summary><see cref="Name"/> lower-cased (invariant culture) for case-insensitive search (contract D46).</summary>
    public required string NameFolded { get; init; }

    /// <summary>
    /// The distinct trigrams of <see cref="NameFolded"/>, which MongoDB stores for its substring index
    /// (<see cref="Mongo.MongoFlowNameIndex"/>); SQLite's FTS5 index derives its own.
    /// </summary>
    public IReadOnlyList<string> NameGrams => Mongo.MongoFlowNameIndex.Of(NameFolded);

    public required bool Enabled { get; init; }

    /// <summary>UTC, millisecond precision.</summary>
    public required DateTime CreatedAt { get; init; }

    /// <summary>UTC, millisecond precision.</summary>
    public required DateTime UpdatedAt { get; init; }

    public required long Revision { get; init; }

    /// <summary>The main trigger and the additional ones, as list filters see them.</summary>
    public required IReadOnlyList<FlowTriggerDocument> Triggers { get; init; }

    /// <summary>The client's document (see <see cref="StoredJson"/>).</summary>
    public required JsonText Document { get; init; }
}

/// <summary>One trigger of a flow, reduced to what list and search filter on.</summary>
public sealed record FlowTriggerDocument
{
    public string? Type { get; init; }

    public string? AutomationId { get; init; }

    public string? JourneyId { get; init; }

    public string? EntitySchema { get; init; }
}
