using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace WorkflowDefinitions.Infrastructure.Persistence.Sqlite;

/// <summary>Ready when the database file can be opened and queried.</summary>
public sealed class SqliteHealthCheck(SqliteConnectionFactory connections) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await connections.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM sqlite_master";
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("SQLite database is not reachable.", exception);
        }
    }
}
