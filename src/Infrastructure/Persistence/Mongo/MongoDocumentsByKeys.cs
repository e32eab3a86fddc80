using System.Runtime.CompilerServices;
using MongoDB.Bson;
using MongoDB.Driver;
using WorkflowDefinitions.Application.Common;

namespace WorkflowDefinitions.Infrastructure.Persistence.Mongo;

/// <summary>
/// How lists and search pages read many documents: first their keys in the answer's order, each with its document's
/// size (<see cref="Keys"/>, a few dozen bytes per document), then the documents by id in batches of at most
/// <see cref="BatchBytes"/> (a larger document alone; one larger than the list allows is not read, but listed by id and
/// size, to be read when there is room for it). A cursor over whole documents would hold a batch of up to 16 MiB
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

    /// <summary>
    /// The keys (id and size) of <paramref name="keys"/> in order, cut where the next document would take a batch beyond
    /// <see cref="BatchBytes"/>; a document larger than <paramref name="maxBytes"/> is a batch of its own.
    /// </summary>
    public static IEnumerable<IReadOnlyList<(string Id, long Size)>> Batches(IEnumerable<BsonDocument> keys, int maxBytes)
    {
        var batch = new List<(string Id, long Size)>();
        long bytes = 0;
        foreach (var key in keys)
        {
            var size = key["size"].ToInt64();
            var afterLarge = batch is [var (_, only)] && only > maxBytes;
            if (batch.Count > 0 && (bytes + size > BatchBytes || size > maxBytes || afterLarge))
            {
                yield return batch;
                batch = [];
                bytes = 0;
            }

            batch.Add((key["id"].AsString, size));
            bytes += size;
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }

    /// <summary>
    /// The documents of <paramref name="keys"/> (read whole, before the first document), fetched batch by batch through
    /// <paramref name="byIds"/> and given in the keys' order; one larger than <paramref name="maxBytes"/> is listed by id
    /// and size, unread.
    /// </summary>
    public static async IAsyncEnumerable<Listed<TDocument>> ReadAsync<TDocument>(
        IMongoCollection<TDocument> collection,
        Func<CancellationToken, Task<IAsyncCursor<BsonDocument>>> keys,
        Func<IReadOnlyList<string>, FilterDefinition<TDocument>> byIds,
        Func<TDocument, string> idOf,
        int maxBytes,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where TDocument : class
    {
        var ordered = await (await keys(cancellationToken)).ToListAsync(cancellationToken);
        foreach (var batch in Batches(ordered, maxBytes))
        {
            if (batch is [var (largeId, size)] && size > maxBytes)
            {
                yield return Listed.Larger<TDocument>(largeId, size);
                continue;
            }

            var ids = batch.Select(key => key.Id).ToList();
            var found = await collection.Find(byIds(ids), new FindOptions { Hint = MongoIndexes.ById }).ToListAsync(cancellationToken);
            var byId = found.ToDictionary(idOf, StringComparer.Ordinal);
            foreach (var id in ids)
            {
                if (byId.TryGetValue(id, out var document))
                {
                    yield return Listed.Found(document, id);
                }
            }
        }
    }
}
