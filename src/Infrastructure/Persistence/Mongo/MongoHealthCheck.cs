using Microsoft.Extensions.Diagnostics.HealthChecks;
using MongoDB.Bson;

namespace WorkflowDefinitions.Infrastructure.Persistence.Mongo;

/// <summary>Ready when the MongoDB deployment answers a ping.</summary>
public sealed class MongoHealthCheck(MongoCollections collections) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await collections.Database.RunCommandAsync<BsonDocument>(new BsonDocument("ping", 1), cancellationToken: cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("MongoDB is not reachable.", exception);
        }
    }
}
