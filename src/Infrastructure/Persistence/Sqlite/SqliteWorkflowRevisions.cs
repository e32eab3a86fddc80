using System.Globalization;
using System.Runtime.CompilerServices;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Workflows.History;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Infrastructure.Persistence.Sqlite;

/// <summary>Revisions of flows and definitions on SQLite (written by the repositories, see <see cref="SqliteHistory"/>).</summary>
public sealed class SqliteWorkflowRevisions(SqliteConnectionFactory connections) : IWorkflowRevisions
{
    private const string Table = "workflow_revisions";
    private const string Summary = "number, created_at, source, etag";

    public async Task<RevisionPage> ListAsync(
        OrganizationId organizationId, WorkflowKind kind, string workflowId, int limit, int? before, CancellationToken cancellationToken)
    {
        using var activity = StoreTelemetry.StartSqlite(Table, "list", organizationId);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {Summary} FROM {Table}
            WHERE organization_id = @organization_id AND kind = @kind AND workflow_id = @workflow_id AND (@before IS NULL OR number < @before)
            ORDER BY number DESC LIMIT @limit
            """;
        Bind(command, organizationId, kind, workflowId);
        command.Parameters.AddWithValue("@before", before is { } number ? number : DBNull.Value);
        command.Parameters.AddWithValue("@limit", limit + 1);
        var revisions = new List<RevisionSummary>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            revisions.Add(ReadSummary(reader));
        }

        return revisions.Count > limit
            ? new RevisionPage(revisions[..limit], revisions[limit - 1].Number)
            : new RevisionPage(revisions, NextBefore: null);
    }

    public async Task<WorkflowRevision?> FindAsync(
        OrganizationId organizationId, WorkflowKind kind, string workflowId, int number, CancellationToken cancellationToken) =>
        (await FindUnlessLargerAsync(organizationId, kind, workflowId, number, int.MaxValue, cancellationToken)).Value;

    /// <summary><c>octet_length</c> reads the representation's size from its record's header: a larger one's pages are not read.</summary>
    public async Task<UnlessLarger<WorkflowRevision>> FindUnlessLargerAsync(
        OrganizationId organizationId, WorkflowKind kind, string workflowId, int number, int maxBytes, CancellationToken cancellationToken)
    {
        using var activity = StoreTelemetry.StartSqlite(Table, "find", organizationId);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {Summary}, CASE WHEN octet_length(representation) <= @max_bytes THEN representation END, octet_length(representation)
            FROM {Table}
            WHERE organization_id = @organization_id AND kind = @kind AND workflow_id = @workflow_id AND number = @number
            """;
        Bind(command, organizationId, kind, workflowId);
        command.Parameters.AddWithValue("@number", number);
        command.Parameters.AddWithValue("@max_bytes", maxBytes);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return UnlessLarger.Found<WorkflowRevision>(null);
        }

        return reader.IsDBNull(4)
            ? UnlessLarger.Larger<WorkflowRevision>(reader.GetInt64(5))
            : UnlessLarger.Found(new WorkflowRevision(ReadSummary(reader), reader.GetFieldValue<byte[]>(4)));
    }

    public async IAsyncEnumerable<(OrganizationId OrganizationId, string WorkflowId)> WithoutRevisionsAsync(
        WorkflowKind kind, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var table = kind == WorkflowKind.Flow ? "flow_templates" : "workflow_definitions";
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT w.organization_id, w.id FROM {table} w
            WHERE NOT EXISTS (SELECT 1 FROM {Table} r
                              WHERE r.organization_id = w.organization_id AND r.kind = @kind AND r.workflow_id = w.id)
            """;
        command.Parameters.AddWithValue("@kind", WorkflowKinds.Of(kind));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return (new OrganizationId(reader.GetString(0)), reader.GetString(1));
        }
    }

    public async Task AddFirstAsync(
        OrganizationId organizationId, WorkflowKind kind, string workflowId, RevisionRecord record, CancellationToken cancellationToken)
    {
        using var activity = StoreTelemetry.StartSqlite(Table, "insert", organizationId);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT EXISTS (SELECT 1 FROM {Table} WHERE organization_id = @organization_id AND kind = @kind AND workflow_id = @workflow_id)";
        Bind(command, organizationId, kind, workflowId);
        if (Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            command.CommandText = SqliteHistory.InsertRevision;
            command.Parameters.AddWithValue("@number", 1);
            SqliteHistory.BindRevision(command, record);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(CancellationToken.None);
    }

    private static void Bind(Microsoft.Data.Sqlite.SqliteCommand command, OrganizationId organizationId, WorkflowKind kind, string workflowId)
    {
        command.Parameters.AddWithValue("@organization_id", organizationId.Value);
        command.Parameters.AddWithValue("@kind", WorkflowKinds.Of(kind));
        command.Parameters.AddWithValue("@workflow_id", workflowId);
    }

    private static RevisionSummary ReadSummary(Microsoft.Data.Sqlite.SqliteDataReader reader) => new(
        reader.GetInt32(0),
        new DateTimeOffset(Timestamps.Parse(reader.GetString(1)), TimeSpan.Zero),
        RevisionSourceNames.Parse(reader.GetString(2)),
        reader.GetString(3));
}
