using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;

namespace WorkflowDefinitions.Infrastructure.Persistence.Sqlite;

/// <summary>Creates the database file, switches it to WAL and creates the schema; safe to run on every start.</summary>
public sealed class SqliteSchemaInitializer(SqliteConnectionFactory connections) : IHostedService
{
    private const string Schema = """
        PRAGMA journal_mode = WAL;

        CREATE TABLE IF NOT EXISTS closing_reasons (
            organization_id  TEXT    NOT NULL,
            id               TEXT    NOT NULL,
            title            TEXT    NOT NULL,
            status           TEXT    NOT NULL,
            creation_time    TEXT    NOT NULL,
            last_update_time TEXT    NOT NULL,
            revision         INTEGER NOT NULL,
            extra_properties TEXT    NOT NULL,
            PRIMARY KEY (organization_id, id)
        ) WITHOUT ROWID;

        CREATE INDEX IF NOT EXISTS ix_closing_reasons_catalog
            ON closing_reasons (organization_id, creation_time, id);
        """;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(connections.DatabasePath);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = Schema;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        SqliteConnection.ClearAllPools();
        return Task.CompletedTask;
    }
}
