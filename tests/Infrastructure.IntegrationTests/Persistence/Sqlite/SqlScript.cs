using WorkflowDefinitions.Infrastructure.Persistence.Sqlite;

namespace WorkflowDefinitions.Infrastructure.IntegrationTests.Persistence.Sqlite;

/// <summary>SQL a test runs on the database directly, beside the stores (rows written without a store's rules, a layout of an earlier version).</summary>
internal static class SqlScript
{
    public static async Task RunAsync(SqliteConnectionFactory connections, string sql)
    {
        await using var connection = await connections.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
