using WorkflowDefinitions.Application.ClosingReasons;
using WorkflowDefinitions.Infrastructure.IntegrationTests.Persistence;
using WorkflowDefinitions.Infrastructure.Persistence.Mongo;

namespace WorkflowDefinitions.Infrastructure.IntegrationTests.Persistence.Mongo;

[Category("Mongo")]
public sealed class MongoClosingReasonRepositoryTests : ClosingReasonRepositoryContract
{
    private readonly MongoTestDatabase _database = new();

    [OneTimeSetUp]
    public Task ConnectAsync() => _database.ConnectAsync();

    [OneTimeTearDown]
    public void Disconnect() => _database.Dispose();

    [TearDown]
    public Task DropAsync() => _database.DropAsync();

    protected override async Task<IClosingReasonRepository> CreateEmptyRepositoryAsync() =>
        new MongoClosingReasonRepository(await _database.CreateCollectionsAsync());
}
