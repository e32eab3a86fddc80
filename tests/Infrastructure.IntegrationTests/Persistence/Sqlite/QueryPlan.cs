using Microsoft.Data.Sqlite;

namespace WorkflowDefinitions.Infrastructure.IntegrationTests.Persistence.Sqlite;

/// <summary>What SQLite's planner does with a statement: the detail column of <c>EXPLAIN QUERY PLAN</c>, one line per step.</summary>
internal static class QueryPlan
{
    /// <summary>The plan of <paramref name="command"/>'s text and parameters; the command is disposed.</summary>
    public static async Task<List<string>> OfAsync(SqliteCommand command)
    {
        await using (command)
        {
            command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
            var plan = new List<string>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(3));
            }

            return plan;
        }
    }

    /// <summary>The plan of <paramref name="sql"/> (one statement without parameters to bind) on <paramref name="connection"/>.</summary>
    public static Task<List<string>> OfAsync(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return OfAsync(command);
    }
}
