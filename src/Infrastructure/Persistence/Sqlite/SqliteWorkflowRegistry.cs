using WorkflowDefinitions.Application.Workflows;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Infrastructure.Persistence.Sqlite;

/// <summary>
/// The statements on the workflow quota (<c>workflow_quota</c>: slots taken per organization, reservations included)
/// and id registry (<c>workflow_ids</c>: every V1/V2 id of the organization, or a reservation). They run inside the
/// caller's write transaction, so a workflow and its slot are always stored or removed together.
/// </summary>
internal static class SqliteWorkflowRegistry
{
    private const string Register = $"""
        UPDATE workflow_ids SET kind = @kind, reserved_until = NULL
        WHERE organization_id = @organization_id AND id = @id AND kind = '{WorkflowKinds.Reserved}'
        """;

    private const string Free = """
        DELETE FROM workflow_ids WHERE organization_id = @organization_id AND id = @id AND kind = @kind;
        UPDATE workflow_quota SET workflows = workflows - changes() WHERE organization_id = @organization_id;
        """;

    /// <summary>
    /// Stores a new workflow in the slot reserved for it, in one write (<see cref="SqliteGroupCommit"/>): the reservation becomes a registered
    /// workflow of <paramref name="kind"/> and <paramref name="insert"/> writes the workflow's rows.
    /// </summary>
    /// <exception cref="ArgumentException">The slot was reserved for another workflow (a programming error).</exception>
    /// <exception cref="InvalidOperationException">The reservation expired and is gone.</exception>
    public static async Task StoreInSlotAsync(
        SqliteConnectionFactory connections,
        WorkflowSlot slot,
        OrganizationId organizationId,
        string workflowId,
        string kind,
        Func<SqliteWriter, Task> insert,
        CancellationToken cancellationToken)
    {
        slot.EnsureHolds(organizationId, workflowId);
        await connections.Writes.RunAsync(
            async writer =>
            {
                await CommitAsync(writer, slot, kind, CancellationToken.None);
                await insert(writer);
                return true;
            },
            cancellationToken);
    }

    /// <summary>Turns the reservation into a registered workflow of <paramref name="kind"/>.</summary>
    /// <exception cref="InvalidOperationException">The reservation expired and is gone.</exception>
    private static async Task CommitAsync(SqliteWriter writer, WorkflowSlot slot, string kind, CancellationToken cancellationToken)
    {
        var command = writer.Command(Register);
        command.Parameters.AddWithValue("@kind", kind);
        command.Parameters.AddWithValue("@organization_id", slot.OrganizationId.Value);
        command.Parameters.AddWithValue("@id", slot.WorkflowId);
        if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            throw new InvalidOperationException($"The reservation of workflow '{slot.WorkflowId}' expired before the workflow was stored.");
        }
    }

    /// <summary>Removes a registered workflow (or reservation) of <paramref name="kind"/> and frees its slot.</summary>
    public static async Task FreeAsync(SqliteWriter writer, OrganizationId organizationId, string id, string kind, CancellationToken cancellationToken)
    {
        var command = writer.Command(Free);
        command.Parameters.AddWithValue("@organization_id", organizationId.Value);
        command.Parameters.AddWithValue("@id", id);
        command.Parameters.AddWithValue("@kind", kind);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
