using System.Diagnostics.Metrics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WorkflowDefinitions.Infrastructure.Persistence;
using WorkflowDefinitions.Infrastructure.Persistence.Sqlite;

namespace WorkflowDefinitions.Infrastructure.IntegrationTests.Persistence.Sqlite;

/// <summary>A schema-initialized SQLite file in a temporary directory, deleted on dispose.</summary>
public sealed class SqliteTestDatabase : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("wd-sqlite-").FullName;
    private ServiceProvider? _metrics;

    public string Path => System.IO.Path.Combine(_directory, "test.db");

    /// <summary>
    /// The meter factory of this database's writer metrics (its own: a listener filtering by it hears this database alone),
    /// until the database is disposed; a test class that reuses the database after that gets a new one.
    /// </summary>
    public IMeterFactory MeterFactory => (_metrics ??= new ServiceCollection().AddMetrics().BuildServiceProvider()).GetRequiredService<IMeterFactory>();

    public async Task<SqliteConnectionFactory> CreateAsync()
    {
        var options = Options.Create(new StorageOptions { Sqlite = new SqliteStorageOptions { Path = Path } });
        var connections = new SqliteConnectionFactory(options, new SqliteWriterMetrics(MeterFactory));
        await new SqliteSchemaInitializer(connections).StartAsync(CancellationToken.None);
        return connections;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _metrics?.Dispose();
        _metrics = null;
        Directory.Delete(_directory, recursive: true);
    }
}
