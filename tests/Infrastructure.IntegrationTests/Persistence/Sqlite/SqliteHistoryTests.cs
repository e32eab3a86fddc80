using WorkflowDefinitions.Infrastructure.Persistence.Sqlite;

namespace WorkflowDefinitions.Infrastructure.IntegrationTests.Persistence.Sqlite;

public class SqliteHistoryTests
{
    [Test]
    public async Task RecordingARevision_WritesTheRowOnce_NotThroughATemporaryTable()
    {
        using var database = new SqliteTestDatabase();
        var connections = await database.CreateAsync();
        await using var connection = await connections.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN " + SqliteHistory.InsertRevision;

        var opcodes = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                opcodes.Add(reader.GetString(1));
            }
        }

        Assert.That(opcodes, Has.Member("Insert").And.No.Member("OpenEphemeral"));
    }

    [Test]
    public async Task PurgingTheChangeFeed_SeeksEachOrganizationsPurgedChanges_WithoutScanningTheKeptOnes()
    {
        using var database = new SqliteTestDatabase();
        var connections = await database.CreateAsync();
        await using var connection = await connections.OpenAsync(CancellationToken.None);

        var plan = await QueryPlan.OfAsync(connection, SqliteFlowChangeFeed.DeleteBehindHorizons);

        Assert.Multiple(() =>
        {
            Assert.That(plan, Has.Some.Match(@"^SEARCH c USING (COVERING )?INDEX ix_flow_changes_organization \(organization_id=\? AND sequence<\?\)$"), string.Join(" | ", plan));
            Assert.That(plan, Has.None.Match("^SCAN (flow_changes|c)"), string.Join(" | ", plan));
        });
    }
}
