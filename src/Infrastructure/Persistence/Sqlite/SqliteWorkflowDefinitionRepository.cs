using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.LegacyWorkflowDefinitions;
using WorkflowDefinitions.Application.Workflows;
using WorkflowDefinitions.Application.Workflows.History;
using WorkflowDefinitions.Domain.Common;
using WorkflowDefinitions.Domain.LegacyWorkflowDefinitions;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Infrastructure.Persistence.Sqlite;

/// <summary>
/// V1 workflow definitions on SQLite; they share the workflow quota and id registry with V2 flows. Every write records
/// its revision in its transaction (see <see cref="SqliteHistory"/>).
/// </summary>
public sealed class SqliteWorkflowDefinitionRepository(SqliteConnectionFactory connections, RevisionsOptions revisions) : IWorkflowDefinitionRepository
{
    private const string Table = "workflow_definitions";
    private const string Columns = "organization_id, id, name, creation_time, last_update_time, revision, document";
    private const string ByKey = $"SELECT {Columns} FROM {Table} WHERE organization_id = @organization_id AND id = @id";

    private const string Insert = $"""
        INSERT INTO {Table} ({Columns})
        VALUES (@organization_id, @id, @name, @creation_time, @last_update_time, @revision, @document)
        """;

    private const string Update = $"""
        UPDATE {Table}
        SET name = @name, last_update_time = @last_update_time, revision = @revision, document = @document
        WHERE organization_id = @organization_id AND id = @id AND revision = @stored_revision
        """;

    private static readonly string DeleteRow = StoredRevisions.DeleteSqliteRow(Table);

    private const string KeyColumns = "f.organization_id, f.id, f.name, f.creation_time, f.last_update_time, f.revision";

    private static readonly string ByKeyUnlessLarger = SqliteUnlessLarger.ByKey(KeyColumns, Table);

    private const int DocumentColumn = 6;

    private static readonly string ByIds = SqliteRowsByIds.Query(KeyColumns, Table);

    public async Task<WorkflowDefinition?> FindAsync(OrganizationId organizationId, WorkflowDefinitionId id, CancellationToken cancellationToken)
    {
        using var activity = StoreTelemetry.StartSqlite(Table, "find", organizationId);
        return await connections.Reads.ReadAsync(
            ByKey,
            parameters =>
            {
                parameters.AddWithValue("@organization_id", organizationId.Value);
                parameters.AddWithValue("@id", id.Value);
            },
            async (reader, token) => await reader.ReadAsync(token) ? Read(reader) : null,
            cancellationToken);
    }

    public async Task<UnlessLarger<WorkflowDefinition>> FindUnlessLargerAsync(
        OrganizationId organizationId, WorkflowDefinitionId id, int maxBytes, CancellationToken cancellationToken)
    {
        using var activity = StoreTelemetry.StartSqlite(Table, "find", organizationId);
        return await SqliteUnlessLarger.FindAsync(connections.Reads, ByKeyUnlessLarger, organizationId, id.Value, maxBytes, Read, cancellationToken);
    }

    public async IAsyncEnumerable<Listed<WorkflowDefinition>> ListAsync(
        OrganizationId organizationId, int maxBytes, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var activity = StoreTelemetry.StartSqlite(Table, "list", organizationId);
        List<string> ids;
        await using (var connection = await connections.OpenAsync(cancellationToken))
        {
            var keys = connection.CreateCommand();
            keys.CommandText = $"SELECT id FROM {Table} WHERE organization_id = @organization_id ORDER BY creation_time, id";
            keys.Parameters.AddWithValue("@organization_id", organizationId.Value);
            ids = await SqliteRowsByIds.IdsAsync(keys, cancellationToken);
        }

        await foreach (var definition in SqliteRowsByIds.ReadAsync(connections.Reads, ByIds, organizationId, ids, maxBytes, ReadDocument, cancellationToken))
        {
            yield return definition.Select(document => document.ToDomain());
        }
    }

    public async Task AddAsync(WorkflowDefinition definition, WorkflowSlot slot, RevisionRecord revision, CancellationToken cancellationToken)
    {
        using var activity = StoreTelemetry.StartSqlite(Table, "insert", definition.OrganizationId);
        var document = definition.ToDocument();
        await SqliteWorkflowRegistry.StoreInSlotAsync(
            connections, slot, definition.OrganizationId, definition.Id.Value, WorkflowKinds.Definition,
            async writer =>
            {
                var insert = writer.Command(Insert);
                Bind(insert, document);
                await insert.ExecuteNonQueryAsync(CancellationToken.None);
                await SqliteHistory.RecordRevisionAsync(
                    writer, definition.OrganizationId, WorkflowKinds.Definition, definition.Id.Value, revision, revisions.MaxPerWorkflow, CancellationToken.None);
            },
            cancellationToken);
    }

    public async Task UpdateAsync(WorkflowDefinition definition, RevisionRecord revision, CancellationToken cancellationToken)
    {
        using var activity = StoreTelemetry.StartSqlite(Table, "update", definition.OrganizationId);
        var document = definition.ToDocument();
        var updated = await connections.Writes.RunAsync(
            async writer =>
            {
                var update = writer.Command(Update);
                Bind(update, document);
                update.Parameters.AddWithValue("@stored_revision", StoredRevisions.Of(definition.StoredRevision));
                if (await update.ExecuteNonQueryAsync(CancellationToken.None) == 0)
                {
                    return false;
                }

                await SqliteHistory.RecordRevisionAsync(
                    writer, definition.OrganizationId, WorkflowKinds.Definition, definition.Id.Value, revision, revisions.MaxPerWorkflow, CancellationToken.None);
                return true;
            },
            cancellationToken);
        if (!updated)
        {
            throw await MissedWrite.ExplainAsync(this, definition, cancellationToken);
        }
    }

    public async Task<bool> DeleteAsync(OrganizationId organizationId, WorkflowDefinitionId id, long? revision, CancellationToken cancellationToken)
    {
        using var activity = StoreTelemetry.StartSqlite(Table, "delete", organizationId);
        return await connections.Writes.RunAsync(
            async writer =>
            {
                if (!await StoredRevisions.DeleteSqliteRowAsync(writer.Command(DeleteRow), organizationId.Value, id.Value, revision))
                {
                    return false;
                }

                await SqliteWorkflowRegistry.FreeAsync(writer, organizationId, id.Value, WorkflowKinds.Definition, CancellationToken.None);
                await SqliteHistory.DeleteRevisionsAsync(writer, organizationId, WorkflowKinds.Definition, id.Value, CancellationToken.None);
                return true;
            },
            cancellationToken);
    }

    private static void Bind(SqliteCommand command, WorkflowDefinitionDocument document)
    {
        command.Parameters.AddWithValue("@organization_id", document.OrganizationId);
        command.Parameters.AddWithValue("@id", document.Id);
        command.Parameters.AddWithValue("@name", document.Name);
        command.Parameters.AddWithValue("@creation_time", Timestamps.Format(document.CreationTime));
        command.Parameters.AddWithValue("@last_update_time", Timestamps.Format(document.LastUpdateTime));
        command.Parameters.AddWithValue("@revision", document.Revision);
        command.Parameters.AddWithValue("@document", document.Document.Utf8);
    }

    private static WorkflowDefinition Read(SqliteDataReader reader) => ReadDocument(reader).ToDomain();

    private static WorkflowDefinitionDocument ReadDocument(SqliteDataReader reader) => new()
    {
        OrganizationId = reader.GetString(0),
        Id = reader.GetString(1),
        Name = reader.GetString(2),
        CreationTime = Timestamps.Parse(reader.GetString(3)),
        LastUpdateTime = Timestamps.Parse(reader.GetString(4)),
        Revision = reader.GetInt64(5),
        Document = new JsonText(reader.GetFieldValue<byte[]>(DocumentColumn)),
    };
}
