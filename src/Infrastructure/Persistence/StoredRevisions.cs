using Microsoft.Data.Sqlite;

namespace WorkflowDefinitions.Infrastructure.Persistence;

/// <summary>How the stores write conditionally on revisions (see <c>Domain.Common.Revisions</c>).</summary>
internal static class StoredRevisions
{
    /// <summary>The revision an update must still find: the one the item was read at.</summary>
    /// <exception cref="InvalidOperationException">The item was never stored (a programming error: new items are added).</exception>
    public static long Of(long? storedRevision) =>
        storedRevision ?? throw new InvalidOperationException("Only an item read from the store can be updated; a new one is added.");

    /// <summary>Binds <c>@revision</c> for <c>(@revision IS NULL OR revision = @revision)</c>: any revision when null.</summary>
    public static void BindExpected(SqliteCommand command, long? revision) =>
        command.Parameters.AddWithValue("@revision", revision is { } value ? value : DBNull.Value);

    public const string SqliteCondition = "(@revision IS NULL OR revision = @revision)";
}
