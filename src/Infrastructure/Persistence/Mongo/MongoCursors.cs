using System.Runtime.CompilerServices;
using MongoDB.Driver;

namespace WorkflowDefinitions.Infrastructure.Persistence.Mongo;

/// <summary>Query results read batch by batch as they are enumerated (a batch holds at most 16 MiB of BSON).</summary>
public static class MongoCursors
{
    public static async IAsyncEnumerable<TResult> ReadAsync<TDocument, TResult>(
        IFindFluent<TDocument, TDocument> find, Func<TDocument, TResult> map, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var cursor = await find.ToCursorAsync(cancellationToken);
        while (await cursor.MoveNextAsync(cancellationToken))
        {
            foreach (var document in cursor.Current)
            {
                yield return map(document);
            }
        }
    }
}
