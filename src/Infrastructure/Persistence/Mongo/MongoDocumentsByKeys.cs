using System.Runtime.CompilerServices;
using MongoDB.Bson;
using MongoDB.Driver;

namespace WorkflowDefinitions.Infrastructure.Persistence.Mongo;

/// <summary>
/// How lists and search pages read many documents: first their keys in the answer's order, each with its document's
/// size (<see cref="Keys"/>, a few dozen bytes per document), then the documents by id in batches of at most
/// <see cref="BatchBytes"/> (a larger document alone). A cursor over whole documents would hold a batch of up to 16 MiB
/// for as long as a slow client takes to read it; a list holds one batch of about a quarter of a MiB, or one large
/// document. A document deleted since its key was read is left out.
/// </summary>
public static class MongoDocumentsByKeys
{
    /// <summary>About how many bytes of documents one fetch reads.</summary>
    public const long BatchBytes = 256 * 1024;

    /// <summary>The projection of a key: the document's id and its size.</summary>
    public static BsonDocument Keys(params string[] fields)
    {
        var keys = new BsonDocument { { "_id", 0 }, { "id", 1 } };
        foreach (var field in fields)
        {
            keys.Add(field, 1);
        }

        return keys.Add("size", new BsonDocument("$bsonSize", "$$ROOT"));
    }

    /// <summary>The ids of <paramref name="keys"/> in order, cut where the next document would take a batch beyond <see cref="BatchBytes"/>.</summary>
    public static IEnumerable<IReadOnlyList<string>> Batches(IEnumerable<BsonDocument> keys)
    {
        var batch = new List<string>();
        long bytes = 0;
        foreach (var key in keys)
        {
            var size = key["size"].ToInt64();
            if (batch.Count > 0 && bytes + size > BatchBytes)
            {
                yield return batch;
                batch = [];
                bytes = 0;
            }

            batch.Add(key["id"].AsString);
            bytes += size;
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }

    /// <summary>
    /// The documents of <paramref name="keys"/> (read whole, before the first document), fetched batch by batch through
    /// <paramref name="byIds"/> and given in the keys' order.
    /// </summary>
    public static async IAsyncEnumerable<TDocument> ReadAsync<TDocument>(
        IMongoCollection<TDocument> collection,
        Func<CancellationToken, Task<IAsyncCursor<BsonDocument>>> keys,
        Func<IReadOnlyList<string>, FilterDefinition<TDocument>> byIds,
        Func<TDocument, string> idOf,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var ordered = await (await keys(cancellationToken)).ToListAsync(cancellationToken);
        foreach (var batch in Batches(ordered))
        {
            var found = await collection.Find(byIds(batch), new FindOptions { Hint = MongoIndexes.ById }).ToListAsync(cancellationToken);
            var byId = found.ToDictionary(idOf, StringComparer.Ordinal);
            foreach (var id in batch)
            {
                if (byId.TryGetValue(id, out var document))
                {
                    yield return document;
                }
            }
        }
    }
}
