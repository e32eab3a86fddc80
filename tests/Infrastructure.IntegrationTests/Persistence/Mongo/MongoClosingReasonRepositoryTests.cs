using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MongoDB.Driver;
using WorkflowDefinitions.Application.ClosingReasons;
using WorkflowDefinitions.Infrastructure.IntegrationTests.Persistence;
using WorkflowDefinitions.Infrastructure.Persistence;
using WorkflowDefinitions.Infrastructure.Persistence.Mongo;
using WorkflowDefinitions.TestSupport;

namespace WorkflowDefinitions.Infrastructure.IntegrationTests.Persistence.Mongo;

[Category("Mongo")]
public sealed class MongoClosingReasonRepositoryTests : ClosingReasonRepositoryContract
{
    private IMongoClient _client = null!;
    private string _databaseName = null!;

    [OneTimeSetUp]
    public async Task ConnectAsync() =>
        _client = MongoTestServer.CreateClient(await MongoTestServer.GetConnectionStringOrSkipAsync(Assert.Ignore));

    [OneTimeTearDown]
    public void Disconnect() => _client?.Dispose();

    [TearDown]
    public async Task DropDatabaseAsync()
    {
        if (_databaseName is not null)
        {
            await _client.DropDatabaseAsync(_databaseName);
        }
    }

    protected override async Task<IClosingReasonRepository> CreateEmptyRepositoryAsync()
    {
        _databaseName = "wd_test_" + Guid.NewGuid().ToString("N");
        var options = Options.Create(new StorageOptions
        {
            Provider = StorageProvider.Mongo,
            Mongo = new MongoStorageOptions { Database = _databaseName },
        });
        var collections = new MongoCollections(_client, options, TimeProvider.System);
        await new MongoIndexInitializer(collections, TimeProvider.System, NullLogger<MongoIndexInitializer>.Instance).StartAsync(CancellationToken.None);
        return new MongoClosingReasonRepository(collections);
    }
}
