using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;

namespace WorkflowDefinitions.Infrastructure.Persistence.Sqlite;

/// <summary>Creates the database file, switches it to WAL and creates the schema; safe to run on every start.</summary>
public sealed class SqliteSchemaInitializer(SqliteConnectionFactory connections) : IHostedService
{
    private const string Schema = $"""
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

        CREATE TABLE IF NOT EXISTS workflow_quota (
            organization_id TEXT    NOT NULL PRIMARY KEY,
            workflows       INTEGER NOT NULL
        ) WITHOUT ROWID;

        CREATE TABLE IF NOT EXISTS workflow_ids (
            organization_id TEXT NOT NULL,
            id              TEXT NOT NULL,
            kind            TEXT NOT NULL,
            reserved_until  TEXT,
            PRIMARY KEY (organization_id, id)
        ) WITHOUT ROWID;

        -- Every reservation reclaims its organization's expired reservations: found here, not among all its workflows.
        -- Only reservations have an entry (earlier versions indexed every workflow): storing a workflow in its slot
        -- removes the entry instead of writing one at a random place among the organization's stored workflows.
        CREATE INDEX IF NOT EXISTS ix_workflow_ids_reservations ON workflow_ids (organization_id, reserved_until)
            WHERE kind = '{WorkflowKinds.Reserved}';
        DROP INDEX IF EXISTS ix_workflow_ids_reserved;

        CREATE TABLE IF NOT EXISTS flow_templates (
            organization_id TEXT    NOT NULL,
            id              TEXT    NOT NULL,
            name            TEXT    NOT NULL,
            name_folded     TEXT    NOT NULL,
            enabled         INTEGER NOT NULL,
            created_at      TEXT    NOT NULL,
            updated_at      TEXT    NOT NULL,
            revision        INTEGER NOT NULL,
            document        TEXT    NOT NULL,
            PRIMARY KEY (organization_id, id)
        );

        -- Narrow covering indexes: list and search filter, count, sort and page on them without reading documents.
        CREATE INDEX IF NOT EXISTS ix_flow_templates_updated ON flow_templates (organization_id, updated_at, id, enabled, name_folded);
        CREATE INDEX IF NOT EXISTS ix_flow_templates_created ON flow_templates (organization_id, created_at, id, enabled, name_folded);

        CREATE TABLE IF NOT EXISTS flow_template_triggers (
            organization_id TEXT    NOT NULL,
            flow_id         TEXT    NOT NULL,
            position        INTEGER NOT NULL,
            type            TEXT,
            automation_id   TEXT,
            journey_id      TEXT,
            entity_schema   TEXT,
            PRIMARY KEY (organization_id, flow_id, position)
        ) WITHOUT ROWID;

        -- A list or search with trigger criteria checks each flow against its own trigger rows, by this key. Earlier
        -- versions also indexed the rows by type, journey and automation: the planner then checked a flow by scanning
        -- every trigger of the type in the organization (quadratic in its flows), and every write kept three more indexes.
        DROP INDEX IF EXISTS ix_flow_template_triggers_type;
        DROP INDEX IF EXISTS ix_flow_template_triggers_journey;
        DROP INDEX IF EXISTS ix_flow_template_triggers_automation;

        CREATE TABLE IF NOT EXISTS workflow_definitions (
            organization_id  TEXT    NOT NULL,
            id               TEXT    NOT NULL,
            name             TEXT    NOT NULL,
            creation_time    TEXT    NOT NULL,
            last_update_time TEXT    NOT NULL,
            revision         INTEGER NOT NULL,
            document         TEXT    NOT NULL,
            PRIMARY KEY (organization_id, id)
        );

        CREATE INDEX IF NOT EXISTS ix_workflow_definitions_created ON workflow_definitions (organization_id, creation_time, id);

        CREATE TABLE IF NOT EXISTS automation_flows (
            organization_id TEXT    NOT NULL,
            id              TEXT    NOT NULL,
            document        TEXT    NOT NULL,
            revision        INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (organization_id, id)
        ) WITHOUT ROWID;

        -- Revisions of flows and definitions, written in the transaction of the write they record (rows hold whole
        -- documents, so the table keeps its rowid).
        CREATE TABLE IF NOT EXISTS workflow_revisions (
            organization_id TEXT    NOT NULL,
            kind            TEXT    NOT NULL,
            workflow_id     TEXT    NOT NULL,
            number          INTEGER NOT NULL,
            created_at      TEXT    NOT NULL,
            source          TEXT    NOT NULL,
            etag            TEXT    NOT NULL,
            content_hash    TEXT    NOT NULL,
            representation  BLOB    NOT NULL,
            UNIQUE (organization_id, kind, workflow_id, number)
        );

        -- The change feed of flows: the sequence is the commit order (SQLite has one writer at a time).
        CREATE TABLE IF NOT EXISTS flow_changes (
            sequence        INTEGER PRIMARY KEY AUTOINCREMENT,
            organization_id TEXT    NOT NULL,
            type            TEXT    NOT NULL,
            flow_id         TEXT    NOT NULL,
            revision        INTEGER,
            at              TEXT    NOT NULL
        );

        CREATE INDEX IF NOT EXISTS ix_flow_changes_organization ON flow_changes (organization_id, sequence);
        CREATE INDEX IF NOT EXISTS ix_flow_changes_at ON flow_changes (at);

        -- How far each organization's feed was purged: a cursor before that is answered 410.
        CREATE TABLE IF NOT EXISTS flow_change_horizons (
            organization_id TEXT    NOT NULL PRIMARY KEY,
            purged_through  INTEGER NOT NULL
        ) WITHOUT ROWID;
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
        await AddColumnIfMissingAsync(connection, "automation_flows", "revision", "INTEGER NOT NULL DEFAULT 0", cancellationToken);
        await SqliteFlowNameIndex.EnsureAsync(connection, cancellationToken);
    }

    /// <summary>A column added after the table's first release: databases created before it get it with its default.</summary>
    private static async Task AddColumnIfMissingAsync(
        SqliteConnection connection, string table, string column, string definition, CancellationToken cancellationToken)
    {
        await using var probe = connection.CreateCommand();
        probe.CommandText = "SELECT count(*) FROM pragma_table_info(@table) WHERE name = @column";
        probe.Parameters.AddWithValue("@table", table);
        probe.Parameters.AddWithValue("@column", column);
        if (Convert.ToInt64(await probe.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) > 0)
        {
            return;
        }

        await using var alter = connection.CreateCommand();
        alter.CommandText = $"ALTER TABLE {table} ADD COLUMN {column} {definition}";
        await alter.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        SqliteConnection.ClearAllPools();
        return Task.CompletedTask;
    }
}
