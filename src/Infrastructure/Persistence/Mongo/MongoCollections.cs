using Microsoft.Extensions.Options;
using MongoDB.Driver;

namespace WorkflowDefinitions.Infrastructure.Persistence.Mongo;

/// <summary>The service's collections in the configured database.</summary>
public sealed class MongoCollections
{
    public const string ClosingReasonsName = "closing_reasons";

    public MongoCollections(IMongoClient client, IOptions<StorageOptions> options)
    {
        MongoMappings.Register();
        Database = client.GetDatabase(options.Value.Mongo.Database);
        ClosingReasons = Database.GetCollection<ClosingReasonDocument>(ClosingReasonsName);
    }

    public IMongoDatabase Database { get; }

    public IMongoCollection<ClosingReasonDocument> ClosingReasons { get; }
}
