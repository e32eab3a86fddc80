using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using WorkflowDefinitions.Application.ClosingReasons;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Domain.ClosingReasons;
using WorkflowDefinitions.Domain.Common;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Infrastructure.Persistence.Sqlite;

public sealed class SqliteClosingReasonRepository(SqliteConnectionFactory connections) : IClosingReasonRepository
{
    private const string Table = "closing_reasons";
    private const string Columns =
        "organization_id, id, title, status, creation_time, last_update_time, revision, extra_properties";

    public async Task<ClosingReason?> FindAsync(
        OrganizationId organizationId, ClosingReasonId id, CancellationToken cancellationToken)
    {
        using var activity = StoreTelemetry.StartSqlite(Table, "find", organizationId);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM {Table} WHERE organization_id = @organization_id AND id = @id";
        command.Parameters.AddWithValue("@organization_id", organizationId.Value);
        command.Parameters.AddWithValue("@id", id.Value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader).ToDomain() : null;
    }

    public async IAsyncEnumerable<ClosingReason> ListAsync(
        OrganizationId organizationId, bool includeInactive, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var activity = StoreTelemetry.StartSqlite(Table, "list", organizationId);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {Columns} FROM {Table}
            WHERE organization_id = @organization_id AND (@include_inactive OR status = @active)
            ORDER BY creation_time, id
            """;
        command.Parameters.AddWithValue("@organization_id", organizationId.Value);
        command.Parameters.AddWithValue("@include_inactive", includeInactive);
        command.Parameters.AddWithValue("@active", ClosingReasonStatusNames.Active);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return Read(reader).ToDomain();
        }
    }

    /// <summary>The count and the insert run in one write transaction, so racing creates cannot pass the cap together.</summary>
    public async Task AddAsync(ClosingReason reason, int maxReasons, CancellationToken cancellationToken)
    {
        using var activity = StoreTelemetry.StartSqlite(Table, "insert", reason.OrganizationId);
        var document = reason.ToDocument();
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT count(*) FROM {Table} WHERE organization_id = @organization_id";
        command.Parameters.AddWithValue("@organization_id", document.OrganizationId);
        var count = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        if (count >= maxReasons)
        {
            throw new ClosingReasonCatalogFullException(count, maxReasons);
        }

        command.CommandText = $"""
            INSERT INTO {Table} ({Columns})
            VALUES (@organization_id, @id, @title, @status, @creation_time, @last_update_time, @revision, @extra_properties)
            """;
        command.Parameters.Clear();
        Bind(command, document);
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (SqliteException exception) when (exception.SqliteExtendedErrorCode == SqliteErrorCodes.PrimaryKeyConstraint)
        {
            throw new DuplicateIdException("Closing reason", document.Id);
        }

        await transaction.CommitAsync(CancellationToken.None);
    }

    public async Task UpdateAsync(ClosingReason reason, CancellationToken cancellationToken)
    {
        using var activity = StoreTelemetry.StartSqlite(Table, "update", reason.OrganizationId);
        var document = reason.ToDocument();
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            UPDATE {Table}
            SET title = @title, status = @status, creation_time = @creation_time,
                last_update_time = @last_update_time, extra_properties = @extra_properties, revision = @revision
            WHERE organization_id = @organization_id AND id = @id AND revision = @stored_revision
            """;
        Bind(command, document);
        command.Parameters.AddWithValue("@stored_revision", StoredRevisions.Of(reason.StoredRevision));
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 1)
        {
            return;
        }

        throw await MissedWrite.ExplainAsync(this, reason, cancellationToken);
    }

    public async Task<bool> DeleteAsync(
        OrganizationId organizationId, ClosingReasonId id, long? revision, CancellationToken cancellationToken)
    {
        using var activity = StoreTelemetry.StartSqlite(Table, "delete", organizationId);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var delete = connection.CreateCommand();
        delete.CommandText = StoredRevisions.DeleteSqliteRow(Table);
        return await StoredRevisions.DeleteSqliteRowAsync(delete, organizationId.Value, id.Value, revision);
    }

    private static void Bind(SqliteCommand command, ClosingReasonDocument document)
    {
        command.Parameters.AddWithValue("@organization_id", document.OrganizationId);
        command.Parameters.AddWithValue("@id", document.Id);
        command.Parameters.AddWithValue("@title", document.Title);
        command.Parameters.AddWithValue("@status", document.Status);
        command.Parameters.AddWithValue("@creation_time", Timestamps.Format(document.CreationTime));
        command.Parameters.AddWithValue("@last_update_time", Timestamps.Format(document.LastUpdateTime));
        command.Parameters.AddWithValue("@extra_properties", document.ExtraProperties);
        command.Parameters.AddWithValue("@revision", document.Revision);
    }

    private static ClosingReasonDocument Read(SqliteDataReader reader) => new()
    {
        OrganizationId = reader.GetString(0),
        Id = reader.GetString(1),
        Title = reader.GetString(2),
        Status = reader.GetString(3),
        CreationTime = Timestamps.Parse(reader.GetString(4)),
        LastUpdateTime = Timestamps.Parse(reader.GetString(5)),
        Revision = reader.GetInt64(6),
        ExtraProperties = reader.GetString(7),
    };
}
