using Microsoft.Extensions.Hosting;
using MongoDB.Bson;

namespace WorkflowDefinitions.Infrastructure.Persistence.Mongo;

/// <summary>
/// Before the service accepts requests: checks that MongoDB can run transactions (a replica set or sharded cluster;
/// the quota and a workflow are always written together) and creates the collections' indexes.
/// </summary>
public sealed class MongoIndexInitializer(MongoCollections collections) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var hello = await collections.Database.RunCommandAsync<BsonDocument>(new BsonDocument("hello", 1), cancellationToken: cancellationToken);
        if (!SupportsTransactions(hello))
        {
            throw new InvalidOperationException(
                "MongoDB must be a replica set or a sharded cluster (multi-document transactions); a single-node replica set is enough, e.g. mongod --replSet rs0.");
        }

        await collections.ClosingReasons.Indexes.CreateManyAsync(MongoIndexes.ClosingReasons, cancellationToken);
        await collections.ClosingReasonCatalogs.Indexes.CreateManyAsync(MongoIndexes.ClosingReasonCatalogs, cancellationToken);
        await collections.FlowTemplates.Indexes.CreateManyAsync(MongoIndexes.FlowTemplates, cancellationToken);
        await collections.WorkflowQuota.Indexes.CreateManyAsync(MongoIndexes.WorkflowQuota, cancellationToken);
        await collections.WorkflowIds.Indexes.CreateManyAsync(MongoIndexes.WorkflowIds, cancellationToken);
        await collections.AutomationFlows.Indexes.CreateManyAsync(MongoIndexes.AutomationFlows, cancellationToken);
        await collections.WorkflowDefinitions.Indexes.CreateManyAsync(MongoIndexes.WorkflowDefinitions, cancellationToken);
        await collections.WorkflowRevisions.Indexes.CreateManyAsync(MongoIndexes.WorkflowRevisions, cancellationToken);
        await collections.FlowChanges.Indexes.CreateManyAsync(MongoIndexes.FlowChanges, cancellationToken);
        await collections.FlowChangeSequences.Indexes.CreateManyAsync(MongoIndexes.FlowChangeSequences, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>A replica-set member reports its <c>setName</c>; a mongos router answers <c>msg: isdbgrid</c>.</summary>
    public static bool SupportsTransactions(BsonDocument hello) =>
        hello.Contains("setName") || (hello.TryGetValue("msg", out var message) && message == "isdbgrid");
}
