using MongoDB.Bson;
using MongoDB.Driver;
using WorkflowDefinitions.Application.Common;

namespace WorkflowDefinitions.Infrastructure.Persistence.Mongo;

/// <summary>
/// Reads that leave a document larger than a size unread, in one round trip: the server computes the document's
/// <c>$bsonSize</c> and sends the document only when it is at most that size, otherwise the size alone — as lists
/// measure their documents (<see cref="MongoDocumentsByKeys"/>).
/// </summary>
public static class MongoUnlessLarger
{
    /// <summary>The document <paramref name="filter"/> finds, unless it is larger than <paramref name="maxBytes"/>, and its size.</summary>
    public static PipelineDefinition<TDocument, SizedDocument<TDocument>> Pipeline<TDocument>(FilterDefinition<TDocument> filter, int maxBytes)
        where TDocument : class =>
        new EmptyPipelineDefinition<TDocument>()
            .Match(filter)
            .Limit(1)
            .Project(new BsonDocumentProjectionDefinition<TDocument, SizedDocument<TDocument>>(Sized(maxBytes)));

    /// <summary>The document <paramref name="filter"/> finds, through <paramref name="read"/>, unless it is larger than <paramref name="maxBytes"/>.</summary>
    public static async Task<UnlessLarger<T>> FindAsync<TDocument, T>(
        IMongoCollection<TDocument> collection, FilterDefinition<TDocument> filter, int maxBytes, Func<TDocument, T> read, CancellationToken cancellationToken)
        where TDocument : class
        where T : class
    {
        using var cursor = await collection.AggregateAsync(Pipeline(filter, maxBytes), cancellationToken: cancellationToken);
        return await cursor.FirstOrDefaultAsync(cancellationToken) switch
        {
            null => UnlessLarger.Found<T>(null),
            { Document: { } document } => UnlessLarger.Found(read(document)),
            { Size: var size } => UnlessLarger.Larger<T>(size),
        };
    }

    private static BsonDocument Sized(int maxBytes)
    {
        var size = new BsonDocument("$bsonSize", "$$ROOT");
        return new BsonDocument
        {
            { "_id", 0 },
            { "size", size },
            { "document", new BsonDocument("$cond", new BsonArray { new BsonDocument("$lte", new BsonArray { size, maxBytes }), "$$ROOT", "$$REMOVE" }) },
        };
    }
}
