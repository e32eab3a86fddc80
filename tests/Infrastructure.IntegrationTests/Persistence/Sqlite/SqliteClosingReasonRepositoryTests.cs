using WorkflowDefinitions.Application.ClosingReasons;
using WorkflowDefinitions.Infrastructure.IntegrationTests.Persistence;
using WorkflowDefinitions.Infrastructure.Persistence.Sqlite;

namespace WorkflowDefinitions.Infrastructure.IntegrationTests.Persistence.Sqlite;

public sealed class SqliteClosingReasonRepositoryTests : ClosingReasonRepositoryContract
{
    private readonly SqliteTestDatabase _database = new();

    [TearDown]
    public void DeleteDatabase() => _database.Dispose();

    protected override async Task<IClosingReasonRepository> CreateEmptyRepositoryAsync() =>
        new SqliteClosingReasonRepository(await _database.CreateAsync());
}
