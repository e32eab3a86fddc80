using Microsoft.Extensions.Time.Testing;
using WorkflowDefinitions.Application.Workflows.History;
using WorkflowDefinitions.Infrastructure.IntegrationTests.Persistence;
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

internal static class SqliteWorkflowStore
{
    public static async Task<WorkflowStore> CreateAsync(SqliteTestDatabase database, params string[] scriptedIds)
    {
        var connections = await database.CreateAsync();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var revisions = new RevisionsOptions();
        var signals = new ChangeSignals();
        return new WorkflowStore(
            new SqliteFlowTemplateRepository(connections, revisions, signals, clock),
            new SqliteWorkflowDefinitionRepository(connections, revisions),
            new SqliteWorkflowSlots(connections, new ScriptedIdGenerator(scriptedIds), clock),
            clock,
            new SqliteWorkflowRevisions(connections),
            new SqliteFlowChangeFeed(connections),
            revisions,
            signals);
    }
}
