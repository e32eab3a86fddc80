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
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN DELETE FROM workflow_ids WHERE organization_id = 'o' AND kind = 'reserved' AND reserved_until < '2026'";

        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var plan = reader.GetString(3);

        Assert.That(plan, Does.Match("^SEARCH workflow_ids USING (COVERING )?INDEX ix_workflow_ids_reserved \\(organization_id=\\? AND kind=\\? AND reserved_until<\\?\\)"));
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
        try
        {
            var path = Path.Combine(root, "a", "b", "db.sqlite");
            var options = Microsoft.Extensions.Options.Options.Create(new StorageOptions
            {
                Sqlite = new SqliteStorageOptions { Path = path },
            });

            await new SqliteSchemaInitializer(new SqliteConnectionFactory(options)).StartAsync(CancellationToken.None);

            Assert.That(File.Exists(path), Is.True);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
    }
}
