using System.Globalization;
using Microsoft.Data.Sqlite;

namespace WorkflowDefinitions.Infrastructure.Persistence.Sqlite;

/// <summary>
/// The substring index of flow names: SQLite's bundled FTS5 with the trigram tokenizer over the folded names, kept by
/// triggers in the same transaction as every write of <c>flow_templates</c>. Its rows are keyed by
/// <c>flow_template_search_keys</c> (an INTEGER PRIMARY KEY per flow, which VACUUM never renumbers, unlike the table's
/// implicit rowid), whose row also holds the fields a search filters and orders on: a name the index offers costs one
/// lookup of an integer key, and no read of the flow. The keys are grouped by organization: each organization has a
/// number (<c>flow_template_organizations</c>), and its flows' keys are that number times 2^32 plus their order of
/// insertion, so a search looks the term up within its organization's range of keys (FTS5 seeks its document lists to
/// it) and other organizations' names are never offered. A term of at least three characters is looked up in it, so a
/// search costs what the organization's names containing the term cost, whatever the organization and the others hold;
/// shorter terms (no trigram to look up) and terms with a NUL character (FTS5 query strings end there) scan the
/// organization's names. The index may offer a few names that do not contain the term (the tokenizer skips NUL
/// characters), never leave one out: the search keeps <c>instr</c> as the judge.
/// </summary>
/// <remarks>
/// Trade-offs: the index grows by about one entry per character of every name, and each write of a name updates it in
/// the write's transaction. A term common in the organization offers more than <see cref="MaxCandidates"/> names: the
/// search then falls back to the organization's scan, so the worst case is the scan.
/// <para>
/// Merging (<see cref="MergeSettings"/>): every write of the group commit is a savepoint, and FTS5 writes what a savepoint
/// indexed as a segment of its own, so every write of a name adds a segment. FTS5's automatic merging does its work inside
/// those writes: every 64 pages written, a write merges 64 pages per level of the index — with the background merger's
/// merge of every segment in progress, a write of one name took 300–580 ms (a copy of the load benchmark's index, 7
/// writes between merge steps: p99 270–314 ms, unloaded). So writes do no merging of their own here (<c>automerge</c> 0):
/// FTS5 still merges the sixteen segments of its lowest level into one in the write that adds the sixteenth (its crisis
/// merge: small, since they hold few names), and the merger merges the rest (<see cref="SqliteFlowNameIndexMerger"/>;
/// <c>usermerge</c> 2: its steps merge a level holding two segments). Writes of names then took p99 0.5 ms, at most
/// 3–5 ms, with the merger's rounds between them.
/// </para>
/// </remarks>
public static class SqliteFlowNameIndex
{
    /// <summary>
    /// Beyond this many names offered for a term (in the organization), a search scans its organization's names instead:
    /// a common term's page is found at once in page order, and the index's work stays bounded.
    /// </summary>
    public const int MaxCandidates = 1000;

    public const string MatchParameter = "@name_match";

    /// <summary>
    /// The index's rows joined to their flows' keys and search fields (<c>n</c> and <c>f</c>, the index first); <c>f</c>
    /// has the columns of <c>flow_templates</c> a search's conditions and order name.
    /// </summary>
    public const string Matches = "flow_template_names n CROSS JOIN flow_template_search_keys f ON f.key = n.rowid";

    /// <summary>
    /// The names containing the term among the organization's (<c>@organization_id</c>): its range of keys, which FTS5
    /// takes as a range of rowids (an organization without a number yet has no flows, and an empty range).
    /// </summary>
    public const string MatchCondition = "n.flow_template_names MATCH " + MatchParameter + """
         AND n.rowid BETWEEN (SELECT number << 32 FROM flow_template_organizations WHERE organization_id = @organization_id)
                         AND (SELECT (number << 32) + 4294967295 FROM flow_template_organizations WHERE organization_id = @organization_id)
        """;

    public const string Schema = """
        CREATE TABLE IF NOT EXISTS flow_template_organizations (
            number          INTEGER PRIMARY KEY,
            organization_id TEXT    NOT NULL UNIQUE
        );

        CREATE TABLE IF NOT EXISTS flow_template_search_keys (
            key             INTEGER PRIMARY KEY,
            organization_id TEXT    NOT NULL,
            id              TEXT    NOT NULL,
            name_folded     TEXT    NOT NULL,
            enabled         INTEGER NOT NULL,
            created_at      TEXT    NOT NULL,
            updated_at      TEXT    NOT NULL,
            UNIQUE (organization_id, id)
        );

        CREATE VIRTUAL TABLE IF NOT EXISTS flow_template_names
            USING fts5(name_folded, content = '', contentless_delete = 1, tokenize = 'trigram case_sensitive 1');

        CREATE TRIGGER IF NOT EXISTS flow_template_names_insert AFTER INSERT ON flow_templates BEGIN
            INSERT INTO flow_template_organizations (organization_id) VALUES (new.organization_id) ON CONFLICT DO NOTHING;
            INSERT INTO flow_template_search_keys (key, organization_id, id, name_folded, enabled, created_at, updated_at)
                SELECT coalesce(
                           (SELECT key + 1 FROM flow_template_search_keys
                            WHERE key BETWEEN o.number << 32 AND (o.number << 32) + 4294967295 ORDER BY key DESC LIMIT 1),
                           o.number << 32),
                       new.organization_id, new.id, new.name_folded, new.enabled, new.created_at, new.updated_at
                FROM flow_template_organizations o WHERE o.organization_id = new.organization_id;
            INSERT INTO flow_template_names (rowid, name_folded)
                SELECT key, new.name_folded FROM flow_template_search_keys WHERE organization_id = new.organization_id AND id = new.id;
        END;

        CREATE TRIGGER IF NOT EXISTS flow_template_search_fields_update
            AFTER UPDATE OF name_folded, enabled, created_at, updated_at ON flow_templates BEGIN
            UPDATE flow_template_search_keys
                SET name_folded = new.name_folded, enabled = new.enabled, created_at = new.created_at, updated_at = new.updated_at
                WHERE organization_id = new.organization_id AND id = new.id;
        END;

        CREATE TRIGGER IF NOT EXISTS flow_template_names_update AFTER UPDATE OF name_folded ON flow_templates
            WHEN old.name_folded IS NOT new.name_folded BEGIN
            DELETE FROM flow_template_names
                WHERE rowid = (SELECT key FROM flow_template_search_keys WHERE organization_id = old.organization_id AND id = old.id);
            INSERT INTO flow_template_names (rowid, name_folded)
                SELECT key, new.name_folded FROM flow_template_search_keys WHERE organization_id = new.organization_id AND id = new.id;
        END;

        CREATE TRIGGER IF NOT EXISTS flow_template_names_delete AFTER DELETE ON flow_templates BEGIN
            DELETE FROM flow_template_names
                WHERE rowid = (SELECT key FROM flow_template_search_keys WHERE organization_id = old.organization_id AND id = old.id);
            DELETE FROM flow_template_search_keys WHERE organization_id = old.organization_id AND id = old.id;
        END;
        """;

    /// <summary>How FTS5 merges the index's segments (kept in the index's own configuration, set again at every start).</summary>
    public const string MergeSettings = """
        INSERT INTO flow_template_names (flow_template_names, rank) VALUES ('automerge', 0);
        INSERT INTO flow_template_names (flow_template_names, rank) VALUES ('usermerge', 2);
        """;

    /// <summary>Indexes the flows stored before the index existed (run once, in the transaction that creates it).</summary>
    public const string Backfill = """
        INSERT INTO flow_template_organizations (organization_id) SELECT DISTINCT organization_id FROM flow_templates;
        INSERT INTO flow_template_search_keys (key, organization_id, id, name_folded, enabled, created_at, updated_at)
            SELECT (o.number << 32) + row_number() OVER (PARTITION BY f.organization_id ORDER BY f.rowid) - 1,
                   f.organization_id, f.id, f.name_folded, f.enabled, f.created_at, f.updated_at
            FROM flow_templates f JOIN flow_template_organizations o ON o.organization_id = f.organization_id;
        INSERT INTO flow_template_names (rowid, name_folded) SELECT key, name_folded FROM flow_template_search_keys;
        """;

    /// <summary>
    /// The previous layouts of the index — keys numbered in insert order across organizations, and before that keys
    /// without search fields (a search then read each candidate's fields from an index of <c>flow_templates</c>):
    /// dropped, and the index built again from the flows.
    /// </summary>
    private const string PreviousLayouts = """
        DROP TRIGGER IF EXISTS flow_template_names_insert;
        DROP TRIGGER IF EXISTS flow_template_names_update;
        DROP TRIGGER IF EXISTS flow_template_names_delete;
        DROP TRIGGER IF EXISTS flow_template_search_fields_update;
        DROP TABLE IF EXISTS flow_template_names;
        DROP TABLE IF EXISTS flow_template_search_keys;
        DROP TABLE IF EXISTS flow_template_name_keys;
        DROP INDEX IF EXISTS ix_flow_templates_key;
        """;

    /// <summary>Whether the index can look <paramref name="term"/> (folded) up: three characters or more, none of them NUL.</summary>
    public static bool Serves(string term) => !term.Contains('\0', StringComparison.Ordinal) && term.EnumerateRunes().Take(3).Count() == 3;

    /// <summary>
    /// The longest part of a term looked up in the index. FTS5 matches a phrase by walking the document lists of all its
    /// trigrams, so a 100,000-character term would walk 100,000 lists: a longer term is looked up by its first
    /// <see cref="MaxPhraseCharacters"/> characters (every name containing the term contains them; <c>instr</c> checks the rest).
    /// </summary>
    public const int MaxPhraseCharacters = 32;

    /// <summary>The FTS5 query for names containing <paramref name="term"/> (its first <see cref="MaxPhraseCharacters"/>): one quoted string, taken literally.</summary>
    public static string Phrase(string term)
    {
        var looked = string.Concat(term.EnumerateRunes().Take(MaxPhraseCharacters).Select(rune => rune.ToString()));
        return "\"" + looked.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>
    /// Creates the index with its triggers in one transaction, indexing what is stored when it is created (a database
    /// with one of the index's previous layouts has it built again).
    /// </summary>
    public static async Task EnsureAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using var probe = connection.CreateCommand();
        probe.Transaction = transaction;
        probe.CommandText = "SELECT count(*) FROM sqlite_master WHERE name = 'flow_template_organizations'";
        var current = Convert.ToInt64(await probe.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) > 0;
        await using var create = connection.CreateCommand();
        create.Transaction = transaction;
        create.CommandText = (current ? Schema : PreviousLayouts + Schema + Backfill) + MergeSettings;
        await create.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(CancellationToken.None);
    }
}
