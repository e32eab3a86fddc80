using System.Text;
using Microsoft.Data.Sqlite;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.FlowTemplates;
using WorkflowDefinitions.Application.Workflows.History;
using WorkflowDefinitions.Domain.FlowTemplates;
using WorkflowDefinitions.Domain.Organizations;
using WorkflowDefinitions.Infrastructure.Persistence.Sqlite;

namespace WorkflowDefinitions.Infrastructure.IntegrationTests.Persistence.Sqlite;

/// <summary>
/// Reads of many or large documents: lists read them by key in batches (whole, in order, and without a statement open
/// while the client reads); a read that leaves large documents unread gives their size.
/// </summary>
public sealed class SqliteDocumentReadsTests
{
    private static readonly OrganizationId Organization = new("org-a");

    [Test]
    public async Task AListOfMoreFlowsThanABatchBinds_IsReadWholeAndInOrder()
    {
        using var database = new SqliteTestDatabase();
        var connections = await database.CreateAsync();
        var count = (2 * SqliteRowsByIds.BatchIds) + 7;
        await InsertFlowsAsync(connections, count, documentBytes: 16);
        var repository = Repository(connections);

        var listed = await repository.ListAsync(Organization, TriggerCriteria.ForListing(null, null, null), int.MaxValue, CancellationToken.None)
            .Select(flow => flow.Id).ToListAsync();

        Assert.That(listed, Is.EqualTo(Enumerable.Range(0, count).Reverse().Select(FlowId)), "most recently updated first");
    }

    [Test]
    public async Task WhileAClientReadsAListOfLargeFlows_NoReadTransactionIsOpen_AndAFlowDeletedSinceIsLeftOut()
    {
        using var database = new SqliteTestDatabase();
        var connections = await database.CreateAsync();
        await InsertFlowsAsync(connections, 3, documentBytes: SqliteRowsByIds.BatchBytes);
        var repository = Repository(connections);
        await using var flows = repository.ListAsync(Organization, TriggerCriteria.ForListing(null, null, null), int.MaxValue, CancellationToken.None)
            .GetAsyncEnumerator();
        Assert.That(await flows.MoveNextAsync() && flows.Current.Id == FlowId(2));

        await using (var connection = await connections.OpenAsync(CancellationToken.None))
        {
            await ExecuteAsync(connection, $"DELETE FROM flow_templates WHERE id = '{FlowId(1)}'");
            await ExecuteAsync(connection, "PRAGMA busy_timeout = 100");
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            await using var result = await checkpoint.ExecuteReaderAsync();
            await result.ReadAsync();
            Assert.That(result.GetInt32(0), Is.Zero, "the checkpoint was not blocked by a reader");
        }

        var rest = new List<string>();
        while (await flows.MoveNextAsync())
        {
            rest.Add(flows.Current.Id);
        }

        Assert.That(rest, Is.EqualTo(new[] { FlowId(0) }));
    }

    [Test]
    public async Task FindUnlessLarger_GivesTheStoredSizeOfALargerDocument_AndReadsOneOfAtMostThatSize()
    {
        using var database = new SqliteTestDatabase();
        var connections = await database.CreateAsync();
        await InsertFlowsAsync(connections, 1, documentBytes: 100_000);
        var repository = Repository(connections);
        var stored = Encoding.UTF8.GetByteCount($$"""{"name":"Flow","description":"{{new string('0', 100_000)}}"}""");

        var larger = await repository.FindUnlessLargerAsync(Organization, new FlowTemplateId(FlowId(0)), stored - 1, CancellationToken.None);
        var read = await repository.FindUnlessLargerAsync(Organization, new FlowTemplateId(FlowId(0)), stored, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(larger, Is.EqualTo(UnlessLarger.Larger<FlowTemplate>(stored)));
            Assert.That(read.Value?.Document.Text.Length, Is.EqualTo(stored));
        });
    }

    private static SqliteFlowTemplateRepository Repository(SqliteConnectionFactory connections) =>
        new(connections, new SqliteSearchCache(8 << 20), new RevisionsOptions(), new ChangeSignals(), TimeProvider.System);

    private static string FlowId(int i) => $"f{i:0000}";

    /// <summary>Flows <c>f0000</c>… of documents of about <paramref name="documentBytes"/>, each updated a second after the one before.</summary>
    private static async Task InsertFlowsAsync(SqliteConnectionFactory connections, int count, int documentBytes)
    {
        await using var connection = await connections.OpenAsync(CancellationToken.None);
        await ExecuteAsync(connection, $$"""
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < {{count - 1}})
            INSERT INTO flow_templates (organization_id, id, name, name_folded, enabled, created_at, updated_at, revision, document)
            SELECT 'org-a', printf('f%04d', i), 'Flow', 'flow', 1, '2026-01-01T00:00:00.000Z',
                   strftime('%Y-%m-%dT%H:%M:%S.000Z', '2026-01-01', '+' || i || ' seconds'), 1,
                   '{"name":"Flow","description":"' || hex(zeroblob({{documentBytes / 2}})) || '"}'
            FROM n
            """);
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
