using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MongoDB.Driver;
using WorkflowDefinitions.Domain.Organizations;
using WorkflowDefinitions.Application.Workflows.History;
using WorkflowDefinitions.Infrastructure.IntegrationTests.Persistence;
using WorkflowDefinitions.Infrastructure.Persistence;
using WorkflowDefinitions.Infrastructure.Persistence.Mongo;
using WorkflowDefinitions.TestSupport;

namespace WorkflowDefinitions.Infrastructure.IntegrationTests.Persistence.Mongo;

[Category("Mongo")]
public sealed class MongoFlowTemplateRepositoryTests : FlowTemplateRepositoryContract
{
    private readonly MongoTestDatabase _database = new();

    [OneTimeSetUp]
    public Task ConnectAsync() => _database.ConnectAsync();

    [OneTimeTearDown]
    public void Disconnect() => _database.Dispose();

    [TearDown]
    public Task DropAsync() => _database.DropAsync();

    protected override Task<WorkflowStore> CreateEmptyStoreAsync() => _database.CreateStoreAsync();
}

[Category("Mongo")]
public sealed class MongoWorkflowDefinitionRepositoryTests : WorkflowDefinitionRepositoryContract
{
    private readonly MongoTestDatabase _database = new();

    [OneTimeSetUp]
    public Task ConnectAsync() => _database.ConnectAsync();

    [OneTimeTearDown]
    public void Disconnect() => _database.Dispose();

    [TearDown]
    public Task DropAsync() => _database.DropAsync();

    protected override Task<WorkflowStore> CreateEmptyStoreAsync() => _database.CreateStoreAsync();
}

[Category("Mongo")]
public sealed class MongoWorkflowSlotsTests : WorkflowSlotsContract
{
    private readonly MongoTestDatabase _database = new();

    [OneTimeSetUp]
    public Task ConnectAsync() => _database.ConnectAsync();

    [OneTimeTearDown]
    public void Disconnect() => _database.Dispose();

    [TearDown]
    public Task DropAsync() => _database.DropAsync();

    protected override Task<WorkflowStore> CreateEmptyStoreAsync(params string[] scriptedIds) => _database.CreateStoreAsync(scriptedIds);
}

[Category("Mongo")]
public sealed class MongoWorkflowHistoryTests : WorkflowHistoryContract
{
    private readonly MongoTestDatabase _database = new();
    private MongoCollections _collections = null!;

    [OneTimeSetUp]
    public Task ConnectAsync() => _database.ConnectAsync();

    [OneTimeTearDown]
    public void Disconnect() => _database.Dispose();

    [TearDown]
    public Task DropAsync() => _database.DropAsync();

    protected override async Task<WorkflowStore> CreateEmptyStoreAsync()
    {
        _collections = await _database.CreateCollectionsAsync();
        return MongoTestDatabase.StoreOn(_collections);
    }

    protected override Task ForgetRevisionsAsync(OrganizationId organizationId, WorkflowKind kind, string workflowId) =>
        _collections.WorkflowRevisions.DeleteManyAsync(d => d.OrganizationId == organizationId.Value && d.Kind == WorkflowKinds.Of(kind) && d.WorkflowId == workflowId);
}

/// <summary>
/// A fresh database per test on the MongoDB of <see cref="MongoTestServer"/>. Before it is dropped, every query the test
/// made the adapter send is explained on it, and the test fails if one scans a collection or sorts in memory.
/// </summary>
internal sealed class MongoTestDatabase : IDisposable
{
    private readonly MongoQueryPlans _plans = new();
    private IMongoClient? _client;
    private string? _name;

    public async Task ConnectAsync() =>
        _client = MongoTestServer.CreateClient(await MongoTestServer.GetConnectionStringOrSkipAsync(Assert.Ignore), _plans.Observe);

    public async Task<MongoCollections> CreateCollectionsAsync()
    {
        _name = "wd_test_" + Guid.NewGuid().ToString("N");
        var collections = new MongoCollections(_client!, Options.Create(new StorageOptions
        {
            Provider = StorageProvider.Mongo,
            Mongo = new MongoStorageOptions { Database = _name },
        }), TimeProvider.System);
        await new MongoIndexInitializer(collections, TimeProvider.System, NullLogger<MongoIndexInitializer>.Instance).StartAsync(CancellationToken.None);
        return collections;
    }

    public async Task<WorkflowStore> CreateStoreAsync(params string[] scriptedIds) => StoreOn(await CreateCollectionsAsync(), scriptedIds);

    public static WorkflowStore StoreOn(MongoCollections collections, params string[] scriptedIds)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var revisions = new RevisionsOptions();
        var signals = new ChangeSignals();
        return new WorkflowStore(
            new MongoFlowTemplateRepository(collections, revisions, signals, clock),
            new MongoWorkflowDefinitionRepository(collections, revisions),
            new MongoWorkflowSlots(collections, new ScriptedIdGenerator(scriptedIds), clock),
            clock,
            new MongoWorkflowRevisions(collections),
            new MongoFlowChangeFeed(collections),
            revisions,
            signals);
    }

    public async Task DropAsync()
    {
        if (_client is null || _name is null)
        {
            return;
        }

        var problems = await _plans.ProblemsAsync(_client, _name);
        await _client.DropDatabaseAsync(_name);
        Assert.That(problems, Is.Empty, "Every query the adapter sends is served by an index, for its filter and its sort.");
    }

    public void Dispose() => _client?.Dispose();
}
