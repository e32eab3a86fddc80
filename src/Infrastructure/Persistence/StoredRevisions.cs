using Microsoft.Data.Sqlite;

namespace WorkflowDefinitions.Infrastructure.Persistence;

/// <summary>How the stores write conditionally on revisions (see <c>Domain.Common.Revisions</c>).</summary>
internal static class StoredRevisions
{
    /// <summary>The revision an update must still find: the one the item was read at.</summary>
    /// <exception cref="InvalidOperationException">The item was never stored (a programming error: new items are added).</exception>
    public static long Of(long? storedRevision) =>
        storedRevision ?? throw new InvalidOperationException("Only an item read from the store can be updated; a new one is added.");

    /// <summary>The statement deleting a row of <paramref name="table"/> for <see cref="DeleteSqliteRowAsync"/>.</summary>
    public static string DeleteSqliteRow(string table) =>
        $"DELETE FROM {table} WHERE organization_id = @organization_id AND id = @id AND (@revision IS NULL OR revision = @revision)";

    /// <summary>
    /// Deletes, with <paramref name="delete"/> (<see cref="DeleteSqliteRow"/>), the row with the organization and id if it
    /// is at <paramref name="revision"/> (at any revision when null); true when one was deleted.
    /// </summary>
    public static async Task<bool> DeleteSqliteRowAsync(SqliteCommand delete, string organizationId, string id, long? revision)
    {
        delete.Parameters.AddWithValue("@organization_id", organizationId);
        delete.Parameters.AddWithValue("@id", id);
        delete.Parameters.AddWithValue("@revision", revision is { } value ? value : DBNull.Value);
        return await delete.ExecuteNonQueryAsync(CancellationToken.None) == 1;
    }
}
