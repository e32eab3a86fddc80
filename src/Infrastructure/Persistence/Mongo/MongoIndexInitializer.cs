using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MongoDB.Bson;
using MongoDB.Driver;

namespace WorkflowDefinitions.Infrastructure.Persistence.Mongo;

/// <summary>
/// Before the service accepts requests: checks that a primary answers within the server selection timeout and that
/// MongoDB can run transactions (a replica set or sharded cluster), then migrates the indexes of every collection to
/// <see cref="MongoIndexes"/> (<see cref="MongoIndexPlan"/>) under the <c>indexes</c> lock of <see cref="MongoMigrationLock"/>,
/// so replicas starting together do not race and a changed index definition is replaced, never left conflicting; and
/// fills in the name trigrams of flows written before their index existed (<see cref="MongoFlowNameIndex"/>).
/// </summary>
public sealed partial class MongoIndexInitializer(MongoCollections collections, TimeProvider clock, ILogger<MongoIndexInitializer> logger) : IHostedService
{
    public const string MigrationsName = "migrations";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await EnsureTransactionsAsync(cancellationToken);
        var migrationLock = new MongoMigrationLock(collections.Database.GetCollection<BsonDocument>(MigrationsName), "indexes", clock);
        await migrationLock.AcquireAsync(cancellationToken);
        try
        {
            await MigrateAsync(collections.ClosingReasons, MongoIndexes.ClosingReasons, cancellationToken);
            await MigrateAsync(collections.ClosingReasonCatalogs, MongoIndexes.ClosingReasonCatalogs, cancellationToken);
            await MigrateAsync(collections.FlowTemplates, MongoIndexes.FlowTemplates, cancellationToken);
            var indexed = await MongoFlowNameIndex.BackfillAsync(collections.FlowTemplates, cancellationToken);
            if (indexed > 0)
            {
                LogNamesIndexed(indexed);
            }

            await MigrateAsync(collections.WorkflowQuota, MongoIndexes.WorkflowQuota, cancellationToken);
            await MigrateAsync(collections.WorkflowIds, MongoIndexes.WorkflowIds, cancellationToken);
            await MigrateAsync(collections.AutomationFlows, MongoIndexes.AutomationFlows, cancellationToken);
            await MigrateAsync(collections.WorkflowDefinitions, MongoIndexes.WorkflowDefinitions, cancellationToken);
            await MigrateAsync(collections.WorkflowRevisions, MongoIndexes.WorkflowRevisions, cancellationToken);
            await MigrateAsync(collections.FlowChanges, MongoIndexes.FlowChanges, cancellationToken);
            await MigrateAsync(collections.FlowChangeSequences, MongoIndexes.FlowChangeSequences, cancellationToken);
        }
        finally
        {
            await migrationLock.ReleaseAsync();
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>A replica-set member reports its <c>setName</c>; a mongos router answers <c>msg: isdbgrid</c>.</summary>
    public static bool SupportsTransactions(BsonDocument hello) =>
        hello.Contains("setName") || (hello.TryGetValue("msg", out var message) && message == "isdbgrid");

    /// <summary>The start-up failure for a deployment without a primary in time: what to look at, in one line.</summary>
    public static MongoStartupException NoPrimary(TimeSpan waited, TimeoutException exception) => new(
        $"MongoDB: no primary answered within {waited.TotalSeconds:0} s (Storage__Mongo__ServerSelectionTimeoutSeconds). Is the server up and reachable, "
        + $"and a replica set that was initiated (rs.initiate())? Driver: {exception.Message.Split('\n')[0]}",
        exception);

    private async Task EnsureTransactionsAsync(CancellationToken cancellationToken)
    {
        BsonDocument hello;
        try
        {
            hello = await collections.Database.RunCommandAsync<BsonDocument>(new BsonDocument("hello", 1), cancellationToken: cancellationToken);
        }
        catch (TimeoutException exception)
        {
            throw NoPrimary(collections.Client.Settings.ServerSelectionTimeout, exception);
        }

        if (!SupportsTransactions(hello))
        {
            throw new MongoStartupException(
                "MongoDB must be a replica set or a sharded cluster (multi-document transactions); a single-node replica set is enough, e.g. mongod --replSet rs0.");
        }
    }

    private async Task MigrateAsync<TDocument>(
        IMongoCollection<TDocument> collection, IReadOnlyList<CreateIndexModel<TDocument>> models, CancellationToken cancellationToken)
    {
        var existing = await (await collection.Indexes.ListAsync(cancellationToken)).ToListAsync(cancellationToken);
        var plan = MongoIndexPlan.For(existing, [.. models.Select(MongoIndexSpec.Of)]);
        var name = collection.CollectionNamespace.CollectionName;
        foreach (var index in plan.Drops)
        {
            LogIndexDropped(name, index);
            await collection.Indexes.DropOneAsync(index, cancellationToken);
        }

        var creates = models.Where(model => plan.Creates.Contains(model.Options.Name!)).ToList();
        if (creates.Count > 0)
        {
            await collection.Indexes.CreateManyAsync(creates, cancellationToken);
            LogIndexesCreated(name, plan.Creates);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "MongoDB index {Collection}.{Index} differs from the service's definition or is no longer used: dropped")]
    private partial void LogIndexDropped(string collection, string index);

    [LoggerMessage(Level = LogLevel.Information, Message = "MongoDB flow names indexed for substring search: {Count} flows written before the index")]
    private partial void LogNamesIndexed(long count);

    [LoggerMessage(Level = LogLevel.Information, Message = "MongoDB indexes created on {Collection}: {Indexes}")]
    private partial void LogIndexesCreated(string collection, IReadOnlyList<string> indexes);
}

/// <summary>MongoDB cannot serve the service: the one line the operator reads on stderr at start-up.</summary>
public sealed class MongoStartupException(string message, Exception? inner = null) : Exception(message, inner);
