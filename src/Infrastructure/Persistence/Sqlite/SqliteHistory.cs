using Microsoft.Data.Sqlite;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Workflows.History;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Infrastructure.Persistence.Sqlite;

/// <summary>
/// The statements that write revisions and the change feed; they run inside the caller's write transaction, so a
/// workflow, its revision and its change are committed together or not at all.
/// </summary>
internal static class SqliteHistory
{
    private const string LatestRevision = """
        SELECT number, content_hash FROM workflow_revisions
        WHERE organization_id = @organization_id AND kind = @kind AND workflow_id = @workflow_id
        ORDER BY number DESC LIMIT 1
        """;

    /// <summary>
    /// A plain insert of values: an <c>INSERT ... SELECT</c> that reads its own table (the next number, the latest hash)
    /// makes SQLite copy the new row, representation and all, into a temporary table first.
    /// </summary>
    internal const string InsertRevision = """
        INSERT INTO workflow_revisions
            (organization_id, kind, workflow_id, number, created_at, source, etag, content_hash, representation)
        VALUES (@organization_id, @kind, @workflow_id, @number, @created_at, @source, @etag, @content_hash, @representation)
        """;

    private const string PruneRevisions = """
        DELETE FROM workflow_revisions
        WHERE organization_id = @organization_id AND kind = @kind AND workflow_id = @workflow_id AND number <= @oldest_dropped
        """;

    private const string DeleteRevisions =
        "DELETE FROM workflow_revisions WHERE organization_id = @organization_id AND kind = @kind AND workflow_id = @workflow_id";

    private const string RecordChange =
        "INSERT INTO flow_changes (organization_id, type, flow_id, revision, at) VALUES (@organization_id, @type, @flow_id, @revision, @at)";

    /// <summary>
    /// Records <paramref name="record"/> as the workflow's next revision unless its content equals the latest one's,
    /// keeps the newest <paramref name="maxRevisions"/>, and returns the number of the latest revision.
    /// </summary>
    public static async Task<int> RecordRevisionAsync(
        SqliteWriter writer,
        OrganizationId organizationId,
        string kind,
        string workflowId,
        RevisionRecord record,
        int maxRevisions,
        CancellationToken cancellationToken)
    {
        var (latest, latestHash) = await ReadLatestAsync(writer, organizationId, kind, workflowId, cancellationToken);
        if (latestHash != record.ContentHash)
        {
            latest++;
            var insert = writer.Command(InsertRevision);
            BindWorkflow(insert, organizationId, kind, workflowId);
            insert.Parameters.AddWithValue("@number", latest);
            BindRevision(insert, record);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        if (latest > maxRevisions)
        {
            var prune = writer.Command(PruneRevisions);
            BindWorkflow(prune, organizationId, kind, workflowId);
            prune.Parameters.AddWithValue("@oldest_dropped", latest - maxRevisions);
            await prune.ExecuteNonQueryAsync(cancellationToken);
        }

        return latest;
    }

    private static async Task<(int Number, string? ContentHash)> ReadLatestAsync(
        SqliteWriter writer, OrganizationId organizationId, string kind, string workflowId, CancellationToken cancellationToken)
    {
        var command = writer.Command(LatestRevision);
        BindWorkflow(command, organizationId, kind, workflowId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetInt32(0), reader.GetString(1)) : (0, null);
    }

    public static async Task DeleteRevisionsAsync(
        SqliteWriter writer, OrganizationId organizationId, string kind, string workflowId, CancellationToken cancellationToken)
    {
        var command = writer.Command(DeleteRevisions);
        BindWorkflow(command, organizationId, kind, workflowId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Appends a change of a flow to the feed; its sequence is the commit order.</summary>
    public static async Task RecordChangeAsync(
        SqliteWriter writer,
        OrganizationId organizationId,
        FlowChangeType type,
        string flowId,
        int? revision,
        DateTimeOffset at,
        CancellationToken cancellationToken)
    {
        var command = writer.Command(RecordChange);
        command.Parameters.AddWithValue("@organization_id", organizationId.Value);
        command.Parameters.AddWithValue("@type", type.ToName());
        command.Parameters.AddWithValue("@flow_id", flowId);
        command.Parameters.AddWithValue("@revision", revision is { } number ? number : DBNull.Value);
        command.Parameters.AddWithValue("@at", Timestamps.Format(at.UtcDateTime));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Binds what a revision records (<c>@created_at</c>, <c>@source</c>, <c>@etag</c>, <c>@content_hash</c>, <c>@representation</c>).</summary>
    public static void BindRevision(SqliteCommand command, RevisionRecord record)
    {
        command.Parameters.AddWithValue("@created_at", Timestamps.Format(record.CreatedAt.UtcDateTime));
        command.Parameters.AddWithValue("@source", record.Source.ToName());
        command.Parameters.AddWithValue("@etag", record.Tag.Value);
        command.Parameters.AddWithValue("@content_hash", record.ContentHash);
        command.Parameters.AddWithValue("@representation", record.Representation);
    }

    private static void BindWorkflow(SqliteCommand command, OrganizationId organizationId, string kind, string workflowId)
    {
        command.Parameters.AddWithValue("@organization_id", organizationId.Value);
        command.Parameters.AddWithValue("@kind", kind);
        command.Parameters.AddWithValue("@workflow_id", workflowId);
    }
}
