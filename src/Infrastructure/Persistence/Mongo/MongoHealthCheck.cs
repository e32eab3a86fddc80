using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using MongoDB.Bson;

namespace WorkflowDefinitions.Infrastructure.Persistence.Mongo;

/// <summary>Ready when the primary answers a ping within <c>Storage:Mongo:PingTimeoutSeconds</c>; a probe never hangs longer.</summary>
public sealed class MongoHealthCheck(MongoCollections collections, IOptions<StorageOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var timeout = TimeSpan.FromSeconds(options.Value.Mongo.PingTimeoutSeconds);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(timeout);
        try
        {
            await collections.Database.RunCommandAsync<BsonDocument>(new BsonDocument("ping", 1), cancellationToken: bounded.Token);
            return HealthCheckResult.Healthy();
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"MongoDB did not answer a ping within {timeout.TotalSeconds:0} s.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("MongoDB is not reachable.", exception);
        }
    }
}
