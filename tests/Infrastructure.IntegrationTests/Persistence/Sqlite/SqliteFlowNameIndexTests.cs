using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using SQLitePCL;
using WorkflowDefinitions.Application.FlowTemplates;
using WorkflowDefinitions.Application.Workflows.History;
using WorkflowDefinitions.Domain.Organizations;
using WorkflowDefinitions.Infrastructure.Persistence.Sqlite;

namespace WorkflowDefinitions.Infrastructure.IntegrationTests.Persistence.Sqlite;

/// <summary>The trigram index behind name search: what it serves, how SQLite uses it, and databases older than it.</summary>
public sealed class SqliteFlowNameIndexTests
{
    /// <summary><c>SQLITE_STMTSTATUS_REPREPARE</c>: how many times SQLite prepared a statement again.</summary>
    private const int StatementStatusReprepare = 5;

    private static readonly OrganizationId Organization = new("org-a");

    [TestCase("abc", true)]
    [TestCase("ab", false)]
    [TestCase("😀😀", false, Description = "two characters, four UTF-16 code units")]
    [TestCase("😀😀😀", true)]
    [TestCase("a\0bc", false)]
    public void Serves_TermsOfThreeCharactersOrMore_WithoutNul(string term, bool served) =>
        Assert.That(SqliteFlowNameIndex.Serves(term), Is.EqualTo(served));

    [Test]
    public void Phrase_QuotesTheTerm_AndDoublesItsQuotes() =>
        Assert.That(SqliteFlowNameIndex.Phrase("say \"hi\" OR x*"), Is.EqualTo("\"say \"\"hi\"\" OR x*\""));

    [Test]
    public void Phrase_OfALongTerm_IsItsFirst32Characters()
    {
        var term = string.Concat(Enumerable.Repeat("😀ab", 40));

        Assert.That(SqliteFlowNameIndex.Phrase(term), Is.EqualTo("\"" + string.Concat(Enumerable.Repeat("😀ab", 10)) + "😀a\""));
    }

    [Test]
    public async Task ANameSearch_StartsFromTheIndex_AndFiltersOnItsKeys_WithoutReadingTheFlows()
    {
        using var database = new SqliteTestDatabase();
        var connections = await database.CreateAsync();
        await using var connection = await connections.OpenAsync(CancellationToken.None);
        var search = new FlowTemplateSearch("needle", DefinitionId: null, TriggerCriteria.None, Enabled: true, From: 0, Size: 25, FlowTemplateSortField.CreatedAt, Descending: true);

        var candidates = SqliteFlowTemplateRepository.CandidatesCommand(Organization, search);
        candidates.Connection = connection;
        var plan = await QueryPlan.OfAsync(candidates);

        Assert.Multiple(() =>
        {
            Assert.That(plan, Has.Some.StartsWith("SCAN n VIRTUAL TABLE INDEX"), string.Join(" | ", plan));
            Assert.That(plan, Has.Some.StartsWith("SEARCH f USING INTEGER PRIMARY KEY"), string.Join(" | ", plan));
            Assert.That(plan, Has.None.Contains("INDEX ix_flow_templates").And.None.Contains("autoindex_flow_templates"), "no flow is read: " + string.Join(" | ", plan));
            Assert.That(plan, Has.None.StartsWith("SCAN f"), string.Join(" | ", plan));
            Assert.That(plan.Count(step => step.StartsWith("SCAN n VIRTUAL TABLE", StringComparison.Ordinal)), Is.EqualTo(1), "one pass over the candidates");
        });
    }

    [Test]
    public async Task ASearchPage_IsReadByItsIds_InTheirOrder_WithoutASorter()
    {
        using var database = new SqliteTestDatabase();
        var connections = await database.CreateAsync();
        await using var connection = await connections.OpenAsync(CancellationToken.None);
        var page = connection.CreateCommand();
        page.CommandText = SqliteFlowTemplateRepository.ByIds;
        page.Parameters.AddWithValue("@organization_id", Organization.Value);
        page.Parameters.AddWithValue("@ids", "[\"a\",\"b\"]");

        var plan = await QueryPlan.OfAsync(page);

        Assert.Multiple(() =>
        {
            Assert.That(plan[0], Does.StartWith("SCAN j VIRTUAL TABLE"), string.Join(" | ", plan));
            Assert.That(plan[1], Does.StartWith("SEARCH f USING INDEX sqlite_autoindex_flow_templates_1 (organization_id=? AND id=?)"), string.Join(" | ", plan));
            Assert.That(plan, Has.Count.EqualTo(2), string.Join(" | ", plan));
        });
    }

    [Test]
    public async Task APageOfLargeFlows_IsReadInBatches_WholeAndInOrder_LeavingOutAFlowDeletedSince()
    {
        using var database = new SqliteTestDatabase();
        var connections = await database.CreateAsync();
        var large = SqliteRowsByIds.BatchBytes / 3;
        await using (var connection = await connections.OpenAsync(CancellationToken.None))
        await using (var insert = connection.CreateCommand())
        {
            insert.CommandText = $$"""
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 12)
                INSERT INTO flow_templates (organization_id, id, name, name_folded, enabled, created_at, updated_at, revision, document)
                SELECT 'org-a', printf('f%02d', (i * 5) % 13), 'Needle ' || i, 'needle ' || i, 1, '2026-01-01T00:00:00.000Z',
                       printf('2026-01-01T00:00:%02d.000Z', i), 1, '{"name":"Needle","description":"' || hex(zeroblob({{large / 2}})) || '"}'
                FROM n
                """;
            await insert.ExecuteNonQueryAsync();
        }

        var repository = new SqliteFlowTemplateRepository(connections, new SqliteSearchCache(8 << 20), new RevisionsOptions(), new ChangeSignals(), TimeProvider.System);
        var page = await repository.SearchAsync(Organization, Search("needle") with { Size = 11 }, int.MaxValue, CancellationToken.None);
        await using (var connection = await connections.OpenAsync(CancellationToken.None))
        await using (var delete = connection.CreateCommand())
        {
            delete.CommandText = "DELETE FROM flow_templates WHERE organization_id = 'org-a' AND id = 'f06'";
            await delete.ExecuteNonQueryAsync();
        }

        var expected = Enumerable.Range(2, 11).Reverse().Where(i => i != 9).Select(i => $"f{i * 5 % 13:00}");
        Assert.Multiple(async () =>
        {
            Assert.That(page.Hits, Is.EqualTo(12));
            Assert.That(await page.Results.Select(f => f.Id).ToListAsync(), Is.EqualTo(expected),
                "updated_at descending, without the first flow (beyond the page) and the one deleted (f06 is needle 9)");
        });
    }

    [Test]
    public async Task TheCandidatesStatement_RunsAgainWithOtherValues_WithoutBeingPreparedAgain()
    {
        using var database = new SqliteTestDatabase();
        var connections = await database.CreateAsync();
        await using var connection = await connections.OpenAsync(CancellationToken.None);
        var text = SqliteFlowTemplateRepository.CandidatesCommand(Organization, Search("needle")).CommandText;
        Assert.That(raw.sqlite3_prepare_v2(connection.Handle, text, out sqlite3_stmt statement), Is.EqualTo(raw.SQLITE_OK));
        using (statement)
        {
            foreach (var (term, from, size) in new[] { ("needle", 0, 25), ("other", 25, 10), ("third", 100, 1) })
            {
                foreach (SqliteParameter parameter in SqliteFlowTemplateRepository.CandidatesCommand(Organization, Search(term) with { From = from, Size = size }).Parameters)
                {
                    var index = raw.sqlite3_bind_parameter_index(statement, parameter.ParameterName);
                    Assert.That(
                        parameter.Value is string value ? raw.sqlite3_bind_text(statement, index, value) : raw.sqlite3_bind_int64(statement, index, Convert.ToInt64(parameter.Value, CultureInfo.InvariantCulture)),
                        Is.EqualTo(raw.SQLITE_OK));
                }

                Assert.That(raw.sqlite3_step(statement), Is.EqualTo(raw.SQLITE_ROW));
                raw.sqlite3_reset(statement);
            }

            Assert.That(raw.sqlite3_stmt_status(statement, StatementStatusReprepare, resetFlg: 0), Is.Zero);
        }
    }

    [Test]
    public async Task ADatabaseFromBeforeTheIndex_IsIndexedAtStartUp()
    {
        using var database = new SqliteTestDatabase();
        var connections = await database.CreateAsync();
        await SqlScript.RunAsync(connections, DropTheIndex + """
            INSERT INTO flow_templates (organization_id, id, name, name_folded, enabled, created_at, updated_at, revision, document)
            VALUES ('org-a', 'f1', 'Old Needle', 'old needle', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 1, '{"name":"Old Needle","enabled":true}');
            """);

        await new SqliteSchemaInitializer(connections).StartAsync(CancellationToken.None);

        await using var reopened = await connections.OpenAsync(CancellationToken.None);
        await using var candidates = SqliteFlowTemplateRepository.CandidatesCommand(Organization, Search("needle"));
        candidates.Connection = reopened;
        await using var reader = await candidates.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.That((reader.GetInt32(0), reader.GetInt32(1)), Is.EqualTo((1, 1)), "offered by the index, and a match");
    }

    [Test]
    public async Task ADatabaseWithTheIndexsPreviousLayout_IsIndexedAgainAtStartUp_AndKeepsItsSearchFieldsCurrent()
    {
        using var database = new SqliteTestDatabase();
        var connections = await database.CreateAsync();
        await SqlScript.RunAsync(connections, DropTheIndex + """
            CREATE INDEX ix_flow_templates_key ON flow_templates (organization_id, id, updated_at, created_at, enabled, name_folded);
            CREATE TABLE flow_template_name_keys (key INTEGER PRIMARY KEY, organization_id TEXT NOT NULL, id TEXT NOT NULL, UNIQUE (organization_id, id));
            CREATE VIRTUAL TABLE flow_template_names
                USING fts5(name_folded, content = '', contentless_delete = 1, tokenize = 'trigram case_sensitive 1');
            CREATE TRIGGER flow_template_names_insert AFTER INSERT ON flow_templates BEGIN
                INSERT INTO flow_template_name_keys (organization_id, id) VALUES (new.organization_id, new.id);
                INSERT INTO flow_template_names (rowid, name_folded)
                    SELECT key, new.name_folded FROM flow_template_name_keys WHERE organization_id = new.organization_id AND id = new.id;
            END;
            INSERT INTO flow_templates (organization_id, id, name, name_folded, enabled, created_at, updated_at, revision, document)
            VALUES ('org-a', 'f1', 'Old Needle', 'old needle', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 1, '{"name":"Old Needle","enabled":true}'),
                   ('org-a', 'f2', 'Other', 'other', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:01.000Z', 1, '{"name":"Other","enabled":true}');
            """);

        await new SqliteSchemaInitializer(connections).StartAsync(CancellationToken.None);
        await SqlScript.RunAsync(connections, """
            UPDATE flow_templates SET enabled = 0, updated_at = '2026-01-02T00:00:00.000Z' WHERE id = 'f1';
            UPDATE flow_templates SET name = 'Other needle', name_folded = 'other needle' WHERE id = 'f2';
            INSERT INTO flow_templates (organization_id, id, name, name_folded, enabled, created_at, updated_at, revision, document)
            VALUES ('org-a', 'f3', 'New needle', 'new needle', 1, '2026-01-03T00:00:00.000Z', '2026-01-03T00:00:00.000Z', 1, '{"name":"New needle","enabled":true}');
            """);

        var repository = new SqliteFlowTemplateRepository(connections, new SqliteSearchCache(8 << 20), new RevisionsOptions(), new ChangeSignals(), TimeProvider.System);
        var all = await repository.SearchAsync(Organization, Search("needle"), int.MaxValue, CancellationToken.None);
        var disabled = await repository.SearchAsync(Organization, Search("needle") with { Enabled = false }, int.MaxValue, CancellationToken.None);
        await using var reopened = await connections.OpenAsync(CancellationToken.None);
        await using var leftOver = reopened.CreateCommand();
        leftOver.CommandText = "SELECT count(*) FROM sqlite_master WHERE name IN ('flow_template_name_keys', 'ix_flow_templates_key')";

        Assert.Multiple(async () =>
        {
            Assert.That(await all.Results.Select(f => f.Id).ToListAsync(), Is.EqualTo(new[] { "f3", "f1", "f2" }), "updated_at descending");
            Assert.That(await disabled.Results.Select(f => f.Id).ToListAsync(), Is.EqualTo(new[] { "f1" }));
            Assert.That(await leftOver.ExecuteScalarAsync(), Is.EqualTo(0L), "the previous layout's key table and index are gone");
        });
    }

    [Test]
    public async Task ACommonTerm_BeyondTheIndexsCandidates_IsFoundByScanningTheOrganization_InPageOrder()
    {
        using var database = new SqliteTestDatabase();
        var connections = await database.CreateAsync();
        var count = SqliteFlowNameIndex.MaxCandidates + 50;
        await using (var connection = await connections.OpenAsync(CancellationToken.None))
        await using (var insert = connection.CreateCommand())
        {
            insert.CommandText = $$"""
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {{count}})
                INSERT INTO flow_templates (organization_id, id, name, name_folded, enabled, created_at, updated_at, revision, document)
                SELECT 'org-a', printf('f%05d', i), 'Common ' || i, 'common ' || i, 1, '2026-01-01T00:00:00.000Z',
                       printf('2026-01-01T00:%02d:%02d.000Z', i / 60 % 60, i % 60), 1, '{"name":"Common","enabled":true}'
                FROM n
                """;
            await insert.ExecuteNonQueryAsync();
        }

        var repository = new SqliteFlowTemplateRepository(connections, new SqliteSearchCache(8 << 20), new RevisionsOptions(), new ChangeSignals(), TimeProvider.System);

        var page = await repository.SearchAsync(Organization, Search("COMMON") with { Size = 3 }, int.MaxValue, CancellationToken.None);
        var rare = await repository.SearchAsync(Organization, Search("common 100") with { Size = 20 }, int.MaxValue, CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(page.Hits, Is.EqualTo(count));
            Assert.That(await page.Results.Select(f => f.Id).ToListAsync(), Is.EqualTo(new[] { "f01050", "f01049", "f01048" }),
                "updated_at descending");
            Assert.That(rare.Hits, Is.EqualTo(11), "common 100 and common 1000 to common 1009");
        });
    }

    [Test]
    public async Task OtherOrganizationsNames_AreNotOffered_SoTheirCountNeverTurnsASearchIntoAScan()
    {
        using var database = new SqliteTestDatabase();
        var connections = await database.CreateAsync();
        await SqlScript.RunAsync(connections, $$"""
            INSERT INTO flow_templates (organization_id, id, name, name_folded, enabled, created_at, updated_at, revision, document)
            VALUES ('org-a', 'a1', 'Shared one', 'shared one', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:01.000Z', 1, '{"name":"Shared one"}');
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {{SqliteFlowNameIndex.MaxCandidates + 50}})
            INSERT INTO flow_templates (organization_id, id, name, name_folded, enabled, created_at, updated_at, revision, document)
            SELECT 'org-b', printf('b%05d', i), 'Shared ' || i, 'shared ' || i, 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 1, '{"name":"Shared"}'
            FROM n;
            INSERT INTO flow_templates (organization_id, id, name, name_folded, enabled, created_at, updated_at, revision, document)
            VALUES ('org-a', 'a2', 'SHARED two', 'shared two', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:03.000Z', 1, '{"name":"SHARED two"}');
            """);

        await using var connection = await connections.OpenAsync(CancellationToken.None);
        await using var candidates = SqliteFlowTemplateRepository.CandidatesCommand(Organization, Search("shared"));
        candidates.Connection = connection;
        await using var reader = await candidates.ExecuteReaderAsync();
        await reader.ReadAsync();

        Assert.That((reader.GetInt32(0), reader.GetInt32(1), reader.GetString(2)), Is.EqualTo((2, 2, """["a2","a1"]""")),
            "offered: the organization's two names, whatever another organization holds");
    }

    [Test]
    public async Task ADatabaseWhoseIndexKeysAreNotGroupedByOrganization_IsIndexedAgainAtStartUp()
    {
        using var database = new SqliteTestDatabase();
        var connections = await database.CreateAsync();
        await SqlScript.RunAsync(connections, DropTheIndex + UngroupedLayout + """
            INSERT INTO flow_templates (organization_id, id, name, name_folded, enabled, created_at, updated_at, revision, document)
            VALUES ('org-b', 'b1', 'Needle elsewhere', 'needle elsewhere', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 1, '{"name":"Needle elsewhere"}'),
                   ('org-a', 'a1', 'Old Needle', 'old needle', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:01.000Z', 1, '{"name":"Old Needle"}');
            """);

        await new SqliteSchemaInitializer(connections).StartAsync(CancellationToken.None);
        await SqlScript.RunAsync(connections, """
            INSERT INTO flow_templates (organization_id, id, name, name_folded, enabled, created_at, updated_at, revision, document)
            VALUES ('org-a', 'a2', 'New needle', 'new needle', 1, '2026-01-02T00:00:00.000Z', '2026-01-02T00:00:00.000Z', 1, '{"name":"New needle"}');
            DELETE FROM flow_templates WHERE id = 'b1';
            """);

        var repository = new SqliteFlowTemplateRepository(connections, new SqliteSearchCache(8 << 20), new RevisionsOptions(), new ChangeSignals(), TimeProvider.System);
        var page = await repository.SearchAsync(Organization, Search("needle"), int.MaxValue, CancellationToken.None);
        await using var connection = await connections.OpenAsync(CancellationToken.None);
        await using var groups = connection.CreateCommand();
        groups.CommandText = """
            SELECT count(DISTINCT k.key >> 32) FROM flow_template_search_keys k
            JOIN flow_template_organizations o ON k.key >> 32 = o.number AND o.organization_id = k.organization_id
            """;

        Assert.Multiple(async () =>
        {
            Assert.That(await page.Results.Select(f => f.Id).ToListAsync(), Is.EqualTo(new[] { "a2", "a1" }));
            Assert.That(await groups.ExecuteScalarAsync(), Is.EqualTo(1L), "org-a's keys in org-a's range (org-b's only flow is gone)");
        });
    }

    [TestCase(10, Description = "the index's candidates: mostly another organization's")]
    [TestCase(SqliteFlowNameIndex.MaxCandidates + 50, Description = "beyond the candidates: the organization is scanned")]
    public async Task ATermOtherOrganizationsUse_FindsOnlyTheOrganizationsNames(int elsewhere)
    {
        using var database = new SqliteTestDatabase();
        var connections = await database.CreateAsync();
        await using (var connection = await connections.OpenAsync(CancellationToken.None))
        await using (var insert = connection.CreateCommand())
        {
            insert.CommandText = $$"""
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {{elsewhere}})
                INSERT INTO flow_templates (organization_id, id, name, name_folded, enabled, created_at, updated_at, revision, document)
                SELECT 'org-b', printf('b%05d', i), 'Shared ' || i, 'shared ' || i, 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 1, '{"name":"Shared"}'
                FROM n;
                INSERT INTO flow_templates (organization_id, id, name, name_folded, enabled, created_at, updated_at, revision, document)
                VALUES ('org-a', 'a1', 'Shared one', 'shared one', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:01.000Z', 1, '{"name":"Shared one"}'),
                       ('org-a', 'a2', 'Not this', 'not this', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:02.000Z', 1, '{"name":"Not this"}'),
                       ('org-a', 'a3', 'SHARED two', 'shared two', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:03.000Z', 1, '{"name":"SHARED two"}');
                """;
            await insert.ExecuteNonQueryAsync();
        }

        var repository = new SqliteFlowTemplateRepository(connections, new SqliteSearchCache(8 << 20), new RevisionsOptions(), new ChangeSignals(), TimeProvider.System);

        var page = await repository.SearchAsync(Organization, Search("shared"), int.MaxValue, CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(page.Hits, Is.EqualTo(2));
            Assert.That(await page.Results.Select(f => f.Id).ToListAsync(), Is.EqualTo(new[] { "a3", "a1" }));
        });
    }

    /// <summary>Takes the index as this version creates it away, as a database from before it would be.</summary>
    private const string DropTheIndex = """
        DROP TRIGGER flow_template_names_insert; DROP TRIGGER flow_template_names_update; DROP TRIGGER flow_template_names_delete;
        DROP TRIGGER flow_template_search_fields_update;
        DROP TABLE flow_template_names; DROP TABLE flow_template_search_keys; DROP TABLE flow_template_organizations;

        """;

    /// <summary>The index as the version before organization-grouped keys created it (keys numbered in insert order).</summary>
    private const string UngroupedLayout = """
        CREATE TABLE flow_template_search_keys (
            key INTEGER PRIMARY KEY, organization_id TEXT NOT NULL, id TEXT NOT NULL, name_folded TEXT NOT NULL,
            enabled INTEGER NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, UNIQUE (organization_id, id));
        CREATE VIRTUAL TABLE flow_template_names
            USING fts5(name_folded, content = '', contentless_delete = 1, tokenize = 'trigram case_sensitive 1');
        CREATE TRIGGER flow_template_names_insert AFTER INSERT ON flow_templates BEGIN
            INSERT INTO flow_template_search_keys (organization_id, id, name_folded, enabled, created_at, updated_at)
                VALUES (new.organization_id, new.id, new.name_folded, new.enabled, new.created_at, new.updated_at);
            INSERT INTO flow_template_names (rowid, name_folded)
                SELECT key, new.name_folded FROM flow_template_search_keys WHERE organization_id = new.organization_id AND id = new.id;
        END;
        CREATE TRIGGER flow_template_names_delete AFTER DELETE ON flow_templates BEGIN
            DELETE FROM flow_template_names
                WHERE rowid = (SELECT key FROM flow_template_search_keys WHERE organization_id = old.organization_id AND id = old.id);
            DELETE FROM flow_template_search_keys WHERE organization_id = old.organization_id AND id = old.id;
        END;

        """;

    [Test]
    public async Task ARequestsWrite_MergesSegments_OnlyWhenSixteenShareALevel()
    {
        using var database = new SqliteTestDatabase();
        var connections = await database.CreateAsync();
        var segments = new List<long>();
        for (var i = 0; i < 64; i++)
        {
            await InsertFlowAsync(connections, i);
            segments.Add(await SegmentsAsync(connections));
        }

        Assert.That(
            segments,
            Is.EqualTo(Enumerable.Range(1, 64).Select(n => (long)(((n - 1) % 15) + 1))),
            "a segment per write; the sixteen small segments of the lowest level merged into one, which stays there, by the write that adds the sixteenth (FTS5's crisis merge), and no other merging in a write (FTS5's automerge merges four of a level every 64 pages written)");
    }

    [Test]
    public async Task TheMerger_MergesTheSegmentsOfManyCommits_IntoOne_AndSearchesFindTheSame()
    {
        using var database = new SqliteTestDatabase();
        var connections = await database.CreateAsync();
        for (var i = 0; i < 40; i++)
        {
            await InsertFlowAsync(connections, i);
        }

        var repository = new SqliteFlowTemplateRepository(connections, new SqliteSearchCache(8 << 20), new RevisionsOptions(), new ChangeSignals(), TimeProvider.System);
        var before = await repository.SearchAsync(Organization, Search("le 3") with { Size = 100 }, int.MaxValue, CancellationToken.None);
        var segmentsBefore = await SegmentsAsync(connections);
        var merger = new SqliteFlowNameIndexMerger(connections, TimeProvider.System, NullLogger<SqliteFlowNameIndexMerger>.Instance);

        var merging = await merger.MergeAsync(CancellationToken.None);
        var again = await merger.MergeAsync(CancellationToken.None);

        var after = await repository.SearchAsync(Organization, Search("le 3") with { Size = 100 }, int.MaxValue, CancellationToken.None);
        Assert.Multiple(async () =>
        {
            Assert.That(segmentsBefore, Is.GreaterThanOrEqualTo(SqliteFlowNameIndexMerger.MergeFromSegments), "a segment per commit, merged by FTS5 only once four share a level");
            Assert.That(merging, Is.GreaterThan(TimeSpan.Zero));
            Assert.That(await SegmentsAsync(connections), Is.EqualTo(1));
            Assert.That(again, Is.EqualTo(TimeSpan.Zero), "one segment is left as it is");
            Assert.That(after.Hits, Is.EqualTo(before.Hits).And.EqualTo(11), "needle 3 and needle 30 to 39");
            Assert.That(await after.Results.Select(f => f.Id).ToListAsync(), Is.EqualTo(await before.Results.Select(f => f.Id).ToListAsync()));
        });
    }

    /// <summary>Stores flow <c>f{i}</c> of <c>org-a</c>, named <c>Needle {i}</c>, in a commit of its own.</summary>
    private static Task<int> InsertFlowAsync(SqliteConnectionFactory connections, int i) =>
        connections.Writes.RunAsync(
            async writer =>
            {
                var insert = writer.Command($$"""
                    INSERT INTO flow_templates (organization_id, id, name, name_folded, enabled, created_at, updated_at, revision, document)
                    VALUES ('org-a', 'f{{i:00}}', 'Needle {{i}}', 'needle {{i}} hay', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:{{i:00}}.000Z', 1, '{}')
                    """);
                return await insert.ExecuteNonQueryAsync(CancellationToken.None);
            },
            CancellationToken.None);

    /// <summary>How many segments the name index has (each has rows in the index of its leaves).</summary>
    private static async Task<long> SegmentsAsync(SqliteConnectionFactory connections)
    {
        await using var connection = await connections.OpenAsync(CancellationToken.None);
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT count(DISTINCT segid) FROM flow_template_names_idx";
        return (long)(await count.ExecuteScalarAsync())!;
    }

    private static FlowTemplateSearch Search(string name) =>
        new(name, DefinitionId: null, TriggerCriteria.None, Enabled: null, From: 0, Size: 25, FlowTemplateSortField.UpdatedAt, Descending: true);
}
