using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Application.Workflows.History;

/// <summary>What happened to a flow, as the change feed says it.</summary>
public enum FlowChangeType
{
    Created,
    Updated,
    Deleted,
    Restored,
}

public static class FlowChangeTypeNames
{
    public static string ToName(this FlowChangeType type) => type switch
    {
        FlowChangeType.Created => "created",
        FlowChangeType.Updated => "updated",
        FlowChangeType.Deleted => "deleted",
        FlowChangeType.Restored => "restored",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static FlowChangeType Parse(string name) => name switch
    {
        "created" => FlowChangeType.Created,
        "updated" => FlowChangeType.Updated,
        "deleted" => FlowChangeType.Deleted,
        "restored" => FlowChangeType.Restored,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Not a change type."),
    };

    /// <summary>What a write of a flow with <paramref name="source"/> is in the feed.</summary>
    public static FlowChangeType Of(RevisionSource source, bool created) =>
        created ? FlowChangeType.Created : source == RevisionSource.Restore ? FlowChangeType.Restored : FlowChangeType.Updated;
}

/// <summary>
/// One committed change of an organization's flows: its position in the feed (<see cref="Sequence"/>, increasing in
/// commit order), the flow, and the revision it left the flow at (null when it deleted the flow).
/// </summary>
public sealed record FlowChange(long Sequence, FlowChangeType Type, string FlowId, int? Revision, DateTimeOffset At);

/// <summary>Changes in commit order and the position to read on from.</summary>
public sealed record FlowChangePage(IReadOnlyList<FlowChange> Changes, long NextAfter);

/// <summary>
/// The change feed of flows, written by the flow repositories in the transaction of each write, so that a change is in
/// the feed exactly when it is committed, in commit order: a reader that follows the positions it is given sees every
/// change once, never one committed behind a position it already passed.
/// </summary>
public interface IFlowChangeFeed
{
    /// <summary>Up to <paramref name="limit"/> changes after <paramref name="after"/> (from the oldest retained when null).</summary>
    /// <exception cref="ChangeCursorExpiredException">Changes after <paramref name="after"/> were already purged.</exception>
    Task<FlowChangePage> ReadAsync(OrganizationId organizationId, long? after, int limit, CancellationToken cancellationToken);

    /// <summary>Deletes changes older than <paramref name="olderThan"/>, remembering per organization how far it purged.</summary>
    Task PurgeAsync(DateTimeOffset olderThan, CancellationToken cancellationToken);
}

/// <summary>The cursor points before changes that were purged (older than the retention): answered 410.</summary>
public sealed class ChangeCursorExpiredException(long after)
    : Exception($"Cursor {after} is older than the changes still retained; read the feed again from the start (no cursor)");
