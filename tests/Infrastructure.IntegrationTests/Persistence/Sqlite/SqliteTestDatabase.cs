using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using WorkflowDefinitions.Infrastructure.Persistence;
using WorkflowDefinitions.Infrastructure.Persistence.Sqlite;

namespace WorkflowDefinitions.Infrastructure.IntegrationTests.Persistence.Sqlite;

/// <summary>A schema-initialized SQLite file in a temporary directory, deleted on dispose.</summary>
public sealed class SqliteTestDatabase : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("wd-sqlite-").FullName;

    public string Path => System.IO.Path.Combine(_directory, "test.db");

    public async Task<SqliteConnectionFactory> CreateAsync()
    {
        var options = Options.Create(new StorageOptions { Sqlite = new SqliteStorageOptions { Path = Path } });
        var connections = new SqliteConnectionFactory(options);
        await new SqliteSchemaInitializer(connections).StartAsync(CancellationToken.None);
        return connections;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
