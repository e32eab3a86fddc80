using System.Text.Json.Nodes;
using WorkflowDefinitions.Application.Automations;
using WorkflowDefinitions.Domain.Common;
using WorkflowDefinitions.Domain.Organizations;
using WorkflowDefinitions.Infrastructure.Persistence;
using WorkflowDefinitions.Infrastructure.Persistence.Sqlite;

namespace WorkflowDefinitions.Infrastructure.Automations;

/// <summary>
/// The embedded automation store on SQLite (used when no Automation API is configured, D57). A replacement is
/// conditional on the revision it read, so it never lands on a flow deleted or replaced in between.
/// </summary>
public sealed class SqliteAutomationClient(SqliteConnectionFactory connections, TimeProvider clock) : IAutomationClient
{
    private const string Table = "automation_flows";

    public async Task<JsonObject> CreateFlowAsync(OrganizationId organizationId, JsonObject flow, CancellationToken cancellationToken)
    {
        using var activity = StoreTelemetry.StartSqlite(Table, "insert", organizationId);
        EmbeddedAutomationFlows.EnsureValid(flow);
        var now = clock.GetUtcNow();
        var stored = EmbeddedAutomationFlows.Stamp(flow, EmbeddedAutomationFlows.NewId(), organizationId, now, now);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO {Table} (organization_id, id, document) VALUES (@organization_id, @id, @document)";
        command.Parameters.AddWithValue("@organization_id", organizationId.Value);
        command.Parameters.AddWithValue("@id", stored["id"]!.GetValue<string>());
        command.Parameters.AddWithValue("@document", StoredJson.Serialize(stored));
        await command.ExecuteNonQueryAsync(cancellationToken);
        return stored;
    }

    public async Task<JsonObject?> GetFlowAsync(OrganizationId organizationId, string flowId, CancellationToken cancellationToken)
    {
        using var activity = StoreTelemetry.StartSqlite(Table, "find", organizationId);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT document FROM {Table} WHERE organization_id = @organization_id AND id = @id";
        command.Parameters.AddWithValue("@organization_id", organizationId.Value);
        command.Parameters.AddWithValue("@id", flowId);
        return await command.ExecuteScalarAsync(cancellationToken) is string document ? StoredJson.DeserializeObject(document) : null;
    }

    public async Task<JsonObject> PutFlowAsync(OrganizationId organizationId, string flowId, JsonObject flow, CancellationToken cancellationToken)
    {
        EmbeddedAutomationFlows.EnsureValid(flow);
        using var activity = StoreTelemetry.StartSqlite(Table, "update", organizationId);
        await using var connection = await connections.OpenAsync(cancellationToken);
        for (var attempt = 0; attempt < EmbeddedAutomationFlows.MaxReplaceAttempts; attempt++)
        {
            var (existing, revision) = await FindWithRevisionAsync(connection, organizationId, flowId, cancellationToken)
                ?? throw EmbeddedAutomationFlows.NotFound(flowId);
            var stored = EmbeddedAutomationFlows.Stamp(flow, flowId, organizationId, EmbeddedAutomationFlows.CreatedAt(existing), clock.GetUtcNow());
            await using var command = connection.CreateCommand();
            command.CommandText = $"""
                UPDATE {Table} SET document = @document, revision = @revision + 1
                WHERE organization_id = @organization_id AND id = @id AND revision = @revision
                """;
            command.Parameters.AddWithValue("@organization_id", organizationId.Value);
            command.Parameters.AddWithValue("@id", flowId);
            command.Parameters.AddWithValue("@revision", revision);
            command.Parameters.AddWithValue("@document", StoredJson.Serialize(stored));
            if (await command.ExecuteNonQueryAsync(cancellationToken) == 1)
            {
                return stored;
            }
        }

        throw EmbeddedAutomationFlows.KeptChanging(flowId);
    }

    private static async Task<(JsonObject Flow, long Revision)?> FindWithRevisionAsync(
        Microsoft.Data.Sqlite.SqliteConnection connection, OrganizationId organizationId, string flowId, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT document, revision FROM {Table} WHERE organization_id = @organization_id AND id = @id";
        command.Parameters.AddWithValue("@organization_id", organizationId.Value);
        command.Parameters.AddWithValue("@id", flowId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (StoredJson.DeserializeObject(reader.GetString(0)), reader.GetInt64(1)) : null;
    }

    public async Task DeleteFlowAsync(OrganizationId organizationId, string flowId, CancellationToken cancellationToken)
    {
        using var activity = StoreTelemetry.StartSqlite(Table, "delete", organizationId);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"DELETE FROM {Table} WHERE organization_id = @organization_id AND id = @id";
        command.Parameters.AddWithValue("@organization_id", organizationId.Value);
        command.Parameters.AddWithValue("@id", flowId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
