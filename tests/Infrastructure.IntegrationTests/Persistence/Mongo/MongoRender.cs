using MongoDB.Bson.Serialization;
using MongoDB.Driver;

namespace WorkflowDefinitions.Infrastructure.IntegrationTests.Persistence.Mongo;

/// <summary>How the server-less tests render filters, sorts, pipelines and index keys: with the registered class maps, as the driver would send them.</summary>
internal static class MongoRender
{
    public static RenderArgs<T> Args<T>() => new(BsonSerializer.LookupSerializer<T>(), BsonSerializer.SerializerRegistry);
}
