using Microsoft.Extensions.Hosting;

namespace WorkflowDefinitions.Infrastructure.Persistence.Mongo;

/// <summary>Creates the collections' indexes before the service accepts requests.</summary>
public sealed class MongoIndexInitializer(MongoCollections collections) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken) =>
        await collections.ClosingReasons.Indexes.CreateManyAsync(MongoIndexes.ClosingReasons, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
