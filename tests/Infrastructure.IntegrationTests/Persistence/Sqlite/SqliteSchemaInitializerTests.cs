using Microsoft.Data.Sqlite;
using WorkflowDefinitions.Domain.ClosingReasons;
using WorkflowDefinitions.Domain.Common;
using WorkflowDefinitions.Domain.Organizations;
using WorkflowDefinitions.Infrastructure.Persistence;
using WorkflowDefinitions.Infrastructure.Persistence.Sqlite;

namespace WorkflowDefinitions.Infrastructure.IntegrationTests.Persistence.Sqlite;

public class SqliteSchemaInitializerTests
{
    [Test]
    public async Task StartAsync_RunTwice_KeepsTheDataAndUsesWriteAheadLogging()
    {
        using var database = new SqliteTestDatabase();
        var connections = await database.CreateAsync();
        var repository = new SqliteClosingReasonRepository(connections);
        var reason = ClosingReason.Create(new OrganizationId("o"), new ClosingReasonId("r"), "Title",
            ClosingReasonStatus.Active, ExtraProperties.None, DateTimeOffset.UnixEpoch);
        await repository.AddAsync(reason, int.MaxValue, CancellationToken.None);

        await new SqliteSchemaInitializer(connections).StartAsync(CancellationToken.None);

        await using var connection = await connections.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Multiple(async () =>
        {
            Assert.That(await command.ExecuteScalarAsync(), Is.EqualTo("wal"));
            Assert.That(await repository.FindAsync(reason.OrganizationId, reason.Id, CancellationToken.None), Is.Not.Null);
        });
    }

    [Test]
    public async Task ReclaimingExpiredReservations_SeeksThemByIndex_NotAmongAllTheOrganizationsWorkflows()
    {
        using var database = new SqliteTestDatabase();
        var connections = await database.CreateAsync();
        await using var connection = await connections.OpenAsync(CancellationToken.None);

        var plan = await QueryPlan.OfAsync(connection, "DELETE FROM workflow_ids WHERE organization_id = 'o' AND kind = 'reserved' AND reserved_until < '2026'");

        Assert.That(plan.Single(), Does.Match("^SEARCH workflow_ids USING (COVERING )?INDEX ix_workflow_ids_reservations \\(organization_id=\\? AND reserved_until<\\?\\)"));
    }

    [Test]
    public async Task TheReservationIndex_HoldsOnlyReservations_SoStoringAWorkflowAddsNoEntryToIt()
    {
        using var database = new SqliteTestDatabase();
        var connections = await database.CreateAsync();
        await using var connection = await connections.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO workflow_ids (organization_id, id, kind, reserved_until) VALUES
                ('o', 'r1', 'reserved', '2026-01-01T00:00:00.000Z'), ('o', 'f1', 'flow', NULL), ('o', 'd1', 'definition', NULL);
            SELECT count(*) FROM workflow_ids INDEXED BY ix_workflow_ids_reservations WHERE organization_id = 'o' AND kind = 'reserved';
            """;

        Assert.That(Convert.ToInt32(await command.ExecuteScalarAsync()), Is.EqualTo(1));
    }

    [TestCase("CREATE INDEX ix_workflow_ids_reserved ON workflow_ids (organization_id, kind, reserved_until)",
        "workflow_ids", new[] { "ix_workflow_ids_reservations" }, TestName = "StartAsync_OnADatabaseWithTheIndexOfEveryWorkflowsKind_DropsIt")]
    [TestCase("""
        CREATE INDEX ix_flow_template_triggers_type ON flow_template_triggers (organization_id, type, automation_id);
        CREATE INDEX ix_flow_template_triggers_journey ON flow_template_triggers (organization_id, journey_id);
        CREATE INDEX ix_flow_template_triggers_automation ON flow_template_triggers (organization_id, automation_id);
        """, "flow_template_triggers", new string[0], TestName = "StartAsync_DropsTheTriggerIndexesOfEarlierVersions")]
    public async Task StartAsync_DropsTheIndexesOfEarlierVersions(string earlierIndexes, string table, string[] indexesAfter)
    {
        using var database = new SqliteTestDatabase();
        var connections = await database.CreateAsync();
        await using (var connection = await connections.OpenAsync(CancellationToken.None))
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = earlierIndexes;
            await command.ExecuteNonQueryAsync();
        }

        await new SqliteSchemaInitializer(connections).StartAsync(CancellationToken.None);

        await using var check = await connections.OpenAsync(CancellationToken.None);
        await using var query = check.CreateCommand();
        query.CommandText = "SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = @table AND name LIKE 'ix_%'";
        query.Parameters.AddWithValue("@table", table);
        var names = new List<string>();
        await using var reader = await query.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        Assert.That(names, Is.EqualTo(indexesAfter));
    }

    [Test]
    public async Task EveryConnection_NewOrFromThePool_WaitsForLocks_AndKeepsASmallPageCache()
    {
        using var database = new SqliteTestDatabase();
        var connections = await database.CreateAsync();

        foreach (var open in Enumerable.Range(0, 3))
        {
            await using var connection = await connections.OpenAsync(CancellationToken.None);
            await using var busyTimeout = connection.CreateCommand();
            busyTimeout.CommandText = "PRAGMA busy_timeout";
            await using var cacheSize = connection.CreateCommand();
            cacheSize.CommandText = "PRAGMA cache_size";
            Assert.Multiple(async () =>
            {
                Assert.That(await busyTimeout.ExecuteScalarAsync(), Is.EqualTo(30_000), $"open {open}");
                Assert.That(await cacheSize.ExecuteScalarAsync(), Is.EqualTo(-512), $"open {open}");
            });
        }
    }

    [Test]
    public async Task StartAsync_CreatesMissingDirectories()
    {
        var root = Directory.CreateTempSubdirectory("wd-sqlite-nested-").FullName;
        using var database = new SqliteTestDatabase();
        try
        {
            var path = Path.Combine(root, "a", "b", "db.sqlite");
            var options = Microsoft.Extensions.Options.Options.Create(new StorageOptions
            {
                Sqlite = new SqliteStorageOptions { Path = path },
            });

            await new SqliteSchemaInitializer(new SqliteConnectionFactory(options, new SqliteWriterMetrics(database.MeterFactory))).StartAsync(CancellationToken.None);

            Assert.That(File.Exists(path), Is.True);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
    }
}
