using Microsoft.Extensions.Time.Testing;
using WorkflowDefinitions.Application.Workflows.History;
using WorkflowDefinitions.Infrastructure.IntegrationTests.Persistence;
using WorkflowDefinitions.Domain.Organizations;
using WorkflowDefinitions.Infrastructure.Persistence;
using WorkflowDefinitions.Infrastructure.Persistence.Sqlite;

namespace WorkflowDefinitions.Infrastructure.IntegrationTests.Persistence.Sqlite;

public sealed class SqliteFlowTemplateRepositoryTests : FlowTemplateRepositoryContract
{
    private readonly SqliteTestDatabase _database = new();

    [TearDown]
    public void DeleteDatabase() => _database.Dispose();

    protected override Task<WorkflowStore> CreateEmptyStoreAsync() => SqliteWorkflowStore.CreateAsync(_database);
}

public sealed class SqliteWorkflowDefinitionRepositoryTests : WorkflowDefinitionRepositoryContract
{
    private readonly SqliteTestDatabase _database = new();

    [TearDown]
    public void DeleteDatabase() => _database.Dispose();

    protected override Task<WorkflowStore> CreateEmptyStoreAsync() => SqliteWorkflowStore.CreateAsync(_database);
}

public sealed class SqliteWorkflowSlotsTests : WorkflowSlotsContract
{
    private readonly SqliteTestDatabase _database = new();

    [TearDown]
    public void DeleteDatabase() => _database.Dispose();

    protected override Task<WorkflowStore> CreateEmptyStoreAsync(params string[] scriptedIds) => SqliteWorkflowStore.CreateAsync(_database, scriptedIds);
}

public sealed class SqliteWorkflowHistoryTests : WorkflowHistoryContract
{
    private readonly SqliteTestDatabase _database = new();
    private SqliteConnectionFactory _connections = null!;

    [TearDown]
    public void DeleteDatabase() => _database.Dispose();

    protected override async Task<WorkflowStore> CreateEmptyStoreAsync()
    {
        _connections = await _database.CreateAsync();
        return SqliteWorkflowStore.Create(_connections);
    }

    protected override async Task ForgetRevisionsAsync(OrganizationId organizationId, WorkflowKind kind, string workflowId)
    {
        await using var connection = await _connections.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM workflow_revisions WHERE organization_id = @organization_id AND kind = @kind AND workflow_id = @workflow_id";
        command.Parameters.AddWithValue("@organization_id", organizationId.Value);
        command.Parameters.AddWithValue("@kind", WorkflowKinds.Of(kind));
        command.Parameters.AddWithValue("@workflow_id", workflowId);
        await command.ExecuteNonQueryAsync();
    }
}

internal static class SqliteWorkflowStore
{
    public static async Task<WorkflowStore> CreateAsync(SqliteTestDatabase database, params string[] scriptedIds) =>
        Create(await database.CreateAsync(), scriptedIds);

    public static WorkflowStore Create(SqliteConnectionFactory connections, params string[] scriptedIds)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var revisions = new RevisionsOptions();
        var signals = new ChangeSignals();
        return new WorkflowStore(
            new SqliteFlowTemplateRepository(connections, new SqliteSearchCache(8 << 20), revisions, signals, clock),
            new SqliteWorkflowDefinitionRepository(connections, revisions),
            new SqliteWorkflowSlots(connections, new ScriptedIdGenerator(scriptedIds), clock),
            clock,
            new SqliteWorkflowRevisions(connections),
            new SqliteFlowChangeFeed(connections),
            revisions,
            signals);
    }
}
