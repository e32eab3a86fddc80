using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Workflows;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Infrastructure.Persistence.Sqlite;

/// <summary>
/// The workflow quota on SQLite. A reservation is one write (<see cref="SqliteGroupCommit"/>): reclaim the organization's
/// expired reservations, take a slot only if one is free (<c>UPDATE ... WHERE workflows &lt; @max</c>) and register the
/// new id. Writes run one at a time, so concurrent creates cannot overshoot the maximum. The reservation is provisional
/// (<see cref="SqliteGroupCommit.RunProvisionallyAsync{T}"/>): no client is answered on it, and the workflow stored in
/// the slot is committed with the slot's registration, so a create waits for that one commit instead of two; if the
/// reservation's batch fails to commit, the reservation is gone and the store in its slot fails.
/// </summary>
public sealed class SqliteWorkflowSlots(SqliteConnectionFactory connections, IIdGenerator ids, TimeProvider clock) : IWorkflowSlots
{
    private const string Table = "workflow_quota";

    private const string Take = $"""
        DELETE FROM workflow_ids WHERE organization_id = @organization_id AND kind = '{WorkflowKinds.Reserved}' AND reserved_until < @now;
        INSERT INTO workflow_quota (organization_id, workflows) VALUES (@organization_id, 0)
            ON CONFLICT (organization_id) DO UPDATE SET workflows = workflows - changes();
        UPDATE workflow_quota SET workflows = workflows + 1 WHERE organization_id = @organization_id AND workflows < @max;
        SELECT changes(), (SELECT workflows FROM workflow_quota WHERE organization_id = @organization_id);
        """;

    private const string Register = $"""
        INSERT INTO workflow_ids (organization_id, id, kind, reserved_until) VALUES (@organization_id, @id, '{WorkflowKinds.Reserved}', @until)
            ON CONFLICT DO NOTHING
        """;

    private const string Taken = $"""
        SELECT count(*) FROM workflow_ids
        WHERE organization_id = @organization_id AND (kind <> '{WorkflowKinds.Reserved}' OR reserved_until >= @now)
        """;

    public async Task<WorkflowSlot> ReserveAsync(OrganizationId organizationId, int maxAllowed, CancellationToken cancellationToken)
    {
        using var activity = StoreTelemetry.StartSqlite(Table, "reserve", organizationId);
        var now = clock.GetUtcNow().UtcDateTime;
        var (reserved, current) = await connections.Writes.RunProvisionallyAsync(
            async writer =>
            {
                var take = writer.Command(Take);
                take.Parameters.AddWithValue("@organization_id", organizationId.Value);
                take.Parameters.AddWithValue("@now", Timestamps.Format(now));
                take.Parameters.AddWithValue("@max", maxAllowed);
                await using (var reader = await take.ExecuteReaderAsync(CancellationToken.None))
                {
                    await reader.ReadAsync(CancellationToken.None);
                    if (reader.GetInt64(0) == 0)
                    {
                        return ((string?)null, reader.GetInt32(1));
                    }
                }

                var reservedUntil = Timestamps.Format(now + IWorkflowSlots.ReservationLifetime);
                while (true)
                {
                    var id = ids.NewWorkflowId();
                    var register = writer.Command(Register);
                    register.Parameters.AddWithValue("@organization_id", organizationId.Value);
                    register.Parameters.AddWithValue("@id", id);
                    register.Parameters.AddWithValue("@until", reservedUntil);
                    if (await register.ExecuteNonQueryAsync(CancellationToken.None) == 1)
                    {
                        return (id, 0);
                    }
                }
            },
            cancellationToken);

        // The reclaimed reservations are committed even when no slot is free.
        return reserved is null ? throw new WorkflowQuotaExceededException(current, maxAllowed) : new WorkflowSlot(organizationId, reserved);
    }

    public async Task ReleaseAsync(WorkflowSlot slot, CancellationToken cancellationToken)
    {
        using var activity = StoreTelemetry.StartSqlite(Table, "release", slot.OrganizationId);
        await connections.Writes.RunAsync(
            async writer =>
            {
                await SqliteWorkflowRegistry.FreeAsync(writer, slot.OrganizationId, slot.WorkflowId, WorkflowKinds.Reserved, CancellationToken.None);
                return true;
            },
            cancellationToken);
    }

    /// <summary>
    /// Counted by the writer, which sees every reservation it has answered, also one whose batch is not committed yet (a
    /// read connection would not, and a dry run right after a reservation would count one slot too few).
    /// </summary>
    public async Task<int> TakenAsync(OrganizationId organizationId, CancellationToken cancellationToken)
    {
        using var activity = StoreTelemetry.StartSqlite(Table, "taken", organizationId);
        var now = Timestamps.Format(clock.GetUtcNow().UtcDateTime);
        return await connections.Writes.RunProvisionallyAsync(
            async writer =>
            {
                var command = writer.Command(Taken);
                command.Parameters.AddWithValue("@organization_id", organizationId.Value);
                command.Parameters.AddWithValue("@now", now);
                return Convert.ToInt32(await command.ExecuteScalarAsync(CancellationToken.None), System.Globalization.CultureInfo.InvariantCulture);
            },
            cancellationToken);
    }

    public async Task<int> CountAsync(OrganizationId organizationId, CancellationToken cancellationToken)
    {
        using var activity = StoreTelemetry.StartSqlite(Table, "count", organizationId);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM workflow_ids WHERE organization_id = @organization_id AND kind <> '{WorkflowKinds.Reserved}'";
        command.Parameters.AddWithValue("@organization_id", organizationId.Value);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }
}
