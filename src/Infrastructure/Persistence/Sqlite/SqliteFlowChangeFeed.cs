using Microsoft.Data.Sqlite;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Workflows.History;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Infrastructure.Persistence.Sqlite;

/// <summary>
/// The change feed of flows on SQLite. Changes are rows of <c>flow_changes</c> written in the transaction of their write;
/// their <c>AUTOINCREMENT</c> sequence never goes back and, with SQLite's single writer, follows the commit order, so a
/// reader following the sequence misses nothing and sees nothing twice. Purging remembers per organization how far it
/// went (<c>flow_change_horizons</c>), which is how an expired cursor is told apart.
/// </summary>
public sealed class SqliteFlowChangeFeed(SqliteConnectionFactory connections) : IFlowChangeFeed
{
    private const string Table = "flow_changes";

    /// <summary>
    /// The position of an organization's feed (<c>@organization_id</c>): the sequence of its last change, which every
    /// write to one of its flows moves forward in its transaction. A purge keeps an organization's last change unless it
    /// deletes them all, and then its horizon is that change's sequence, so purging never moves the position; with
    /// neither (no flow written since the feed began) it is 0. Both are lookups by key.
    /// </summary>
    public const string PositionQuery = $"""
        SELECT coalesce(
            (SELECT sequence FROM {Table} WHERE organization_id = @organization_id ORDER BY sequence DESC LIMIT 1),
            (SELECT purged_through FROM flow_change_horizons WHERE organization_id = @organization_id),
            0)
        """;

    public async Task<FlowChangePage> ReadAsync(OrganizationId organizationId, long? after, int limit, CancellationToken cancellationToken)
    {
        using var activity = StoreTelemetry.StartSqlite(Table, "read", organizationId);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: true);
        var horizon = await HorizonAsync(connection, transaction, organizationId, cancellationToken);
        if (after < horizon)
        {
            throw new ChangeCursorExpiredException(after.Value);
        }

        var start = after ?? horizon;
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"""
            SELECT sequence, type, flow_id, revision, at FROM {Table}
            WHERE organization_id = @organization_id AND sequence > @after ORDER BY sequence LIMIT @limit
            """;
        command.Parameters.AddWithValue("@organization_id", organizationId.Value);
        command.Parameters.AddWithValue("@after", start);
        command.Parameters.AddWithValue("@limit", limit);
        var changes = new List<FlowChange>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            changes.Add(new FlowChange(
                reader.GetInt64(0),
                FlowChangeTypeNames.Parse(reader.GetString(1)),
                reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetInt32(3),
                new DateTimeOffset(Timestamps.Parse(reader.GetString(4)), TimeSpan.Zero)));
        }

        return new FlowChangePage(changes, changes.Count > 0 ? changes[^1].Sequence : start);
    }

    /// <summary>Moves each organization's horizon up to its last change older than <c>@cutoff</c> (found by time).</summary>
    private const string MoveHorizons = $"""
        INSERT INTO flow_change_horizons (organization_id, purged_through)
            SELECT organization_id, max(sequence) FROM {Table} WHERE at < @cutoff GROUP BY organization_id
            ON CONFLICT (organization_id) DO UPDATE SET purged_through = max(purged_through, excluded.purged_through);
        """;

    /// <summary>
    /// Deletes every organization's changes up to its horizon, seeking them by organization and sequence: the purge holds
    /// the write lock for what it deletes, not for a scan of every change still kept (<c>CROSS JOIN</c> makes the
    /// horizons the outer loop).
    /// </summary>
    public const string DeleteBehindHorizons = $"""
        DELETE FROM {Table}
        WHERE sequence IN (SELECT c.sequence FROM flow_change_horizons h
                           CROSS JOIN {Table} c ON c.organization_id = h.organization_id AND c.sequence <= h.purged_through)
        """;

    public async Task PurgeAsync(DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = MoveHorizons + DeleteBehindHorizons;
        command.Parameters.AddWithValue("@cutoff", Timestamps.Format(olderThan.UtcDateTime));
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(CancellationToken.None);
    }

    private static async Task<long> HorizonAsync(
        SqliteConnection connection, SqliteTransaction transaction, OrganizationId organizationId, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT purged_through FROM flow_change_horizons WHERE organization_id = @organization_id";
        command.Parameters.AddWithValue("@organization_id", organizationId.Value);
        return await command.ExecuteScalarAsync(cancellationToken) is long through ? through : 0;
    }
}
