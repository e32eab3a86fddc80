using System.Diagnostics.Metrics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WorkflowDefinitions.Infrastructure.Persistence;
using WorkflowDefinitions.Infrastructure.Persistence.Sqlite;

namespace WorkflowDefinitions.Application.UnitTests.Common;

/// <summary>Handlers are tested against the real SQLite adapter on a temporary file (STYLE §7).</summary>
public sealed class SqliteFixture : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("wd-app-").FullName;
    private readonly ServiceProvider _metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public async Task<SqliteConnectionFactory> CreateDatabaseAsync()
    {
        var options = Options.Create(new StorageOptions
        {
            Sqlite = new SqliteStorageOptions { Path = Path.Combine(_directory, $"{Guid.NewGuid():N}.db") },
        });
        var connections = new SqliteConnectionFactory(options, new SqliteWriterMetrics(_metrics.GetRequiredService<IMeterFactory>()));
        await new SqliteSchemaInitializer(connections).StartAsync(CancellationToken.None);
        return connections;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _metrics.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
