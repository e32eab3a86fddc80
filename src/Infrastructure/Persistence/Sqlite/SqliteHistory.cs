using Microsoft.Data.Sqlite;
using WorkflowDefinitions.Application.Workflows.History;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Infrastructure.Persistence.Sqlite;

/// <summary>
/// The statements that write revisions and the change feed; they run inside the caller's write transaction, so a
/// workflow, its revision and its change are committed together or not at all.
/// </summary>
internal static class SqliteHistory
{
    private const string RecordRevision = """
        INSERT INTO workflow_revisions
            (organization_id, kind, workflow_id, number, created_at, source, etag, content_hash, representation)
        SELECT @organization_id, @kind, @workflow_id,
               (SELECT coalesce(max(number), 0) + 1 FROM workflow_revisions
                WHERE organization_id = @organization_id AND kind = @kind AND workflow_id = @workflow_id),
               @created_at, @source, @etag, @content_hash, @representation
        WHERE coalesce((SELECT content_hash FROM workflow_revisions
                        WHERE organization_id = @organization_id AND kind = @kind AND workflow_id = @workflow_id
                        ORDER BY number DESC LIMIT 1), '') <> @content_hash;
        DELETE FROM workflow_revisions
        WHERE organization_id = @organization_id AND kind = @kind AND workflow_id = @workflow_id
          AND number <= (SELECT max(number) FROM workflow_revisions
                         WHERE organization_id = @organization_id AND kind = @kind AND workflow_id = @workflow_id) - @max;
        SELECT max(number) FROM workflow_revisions
        WHERE organization_id = @organization_id AND kind = @kind AND workflow_id = @workflow_id;
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
        var command = writer.Command(RecordRevision);
        BindWorkflow(command, organizationId, kind, workflowId);
        command.Parameters.AddWithValue("@created_at", SqliteTimestamps.Format(record.CreatedAt.UtcDateTime));
        command.Parameters.AddWithValue("@source", record.Source.ToName());
        command.Parameters.AddWithValue("@etag", record.Tag.Value);
        command.Parameters.AddWithValue("@content_hash", record.ContentHash);
        command.Parameters.AddWithValue("@representation", StoredJson.Write(writer => record.Representation.WriteTo(writer)).Utf8);
        command.Parameters.AddWithValue("@max", maxRevisions);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
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
        command.Parameters.AddWithValue("@at", SqliteTimestamps.Format(at.UtcDateTime));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void BindWorkflow(SqliteCommand command, OrganizationId organizationId, string kind, string workflowId)
    {
        command.Parameters.AddWithValue("@organization_id", organizationId.Value);
        command.Parameters.AddWithValue("@kind", kind);
        command.Parameters.AddWithValue("@workflow_id", workflowId);
    }
}
