using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Infrastructure.Persistence.Sqlite;

/// <summary>
/// How lists and search pages read many documents: first the ids in the answer's order (keys only, no document), then
/// the rows by key, on a kept read session, in batches of about <see cref="BatchBytes"/> (a document larger than the
/// list allows is not read: it is listed by id and size, to be read when there is room for it). No statement — and no read transaction, which would keep the log from being
/// checkpointed — stays open while a batch is written to a client, however slowly it reads; and each batch binds at most
/// <see cref="BatchIds"/> ids, so every batch costs what it reads, not what the list holds. A row deleted since its id
/// was read is left out.
/// </summary>
public static class SqliteRowsByIds
{
    /// <summary>About how many bytes of documents one statement reads.</summary>
    public const int BatchBytes = 256 * 1024;

    /// <summary>How many ids one statement binds.</summary>
    public const int BatchIds = 256;

    /// <summary>
    /// The statement reading the rows of <c>table</c> (aliased <c>f</c>) whose ids the JSON array <c>@ids</c> holds, in the
    /// array's order: <c>json_each</c> yields the elements in order and <c>CROSS JOIN</c> keeps it the outer loop, so no
    /// sorter holds the documents. After <paramref name="columns"/> come the document — null when it is larger than
    /// <c>@max_bytes</c> (see <see cref="SqliteUnlessLarger"/>) — its size, and the id's position in the array.
    /// </summary>
    public static string Query(string columns, string table) => $"""
        SELECT {columns}, {SqliteUnlessLarger.DocumentColumns}, j.key
        FROM json_each(@ids) j
        CROSS JOIN {table} f ON f.organization_id = @organization_id AND f.id = j.value
        """;

    /// <summary>The ids <paramref name="keys"/> (a statement whose first column is an id) reads, in its order; the statement is disposed.</summary>
    public static async Task<List<string>> IdsAsync(SqliteCommand keys, CancellationToken cancellationToken)
    {
        await using (keys)
        {
            var ids = new List<string>();
            await using var reader = await keys.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                ids.Add(reader.GetString(0));
            }

            return ids;
        }
    }

    /// <summary>
    /// The rows of <paramref name="ids"/> in their order, through <paramref name="query"/> (see <see cref="Query"/>);
    /// <paramref name="read"/> reads a row whose document is at most <paramref name="maxBytes"/>, a larger one is listed by
    /// id and size, unread.
    /// </summary>
    public static async IAsyncEnumerable<Listed<T>> ReadAsync<T>(
        SqliteReadSessions reads,
        string query,
        OrganizationId organizationId,
        IReadOnlyList<string> ids,
        int maxBytes,
        Func<SqliteDataReader, T> read,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class
    {
        for (var start = 0; start < ids.Count;)
        {
            var slice = new string[Math.Min(BatchIds, ids.Count - start)];
            for (var i = 0; i < slice.Length; i++)
            {
                slice[i] = ids[start + i];
            }

            var (batch, consumed) = await reads.ReadAsync(
                query,
                parameters =>
                {
                    parameters.AddWithValue("@organization_id", organizationId.Value);
                    parameters.AddWithValue("@ids", JsonSerializer.Serialize(slice));
                    parameters.AddWithValue("@max_bytes", maxBytes);
                },
                async (reader, token) =>
                {
                    var rows = new List<Listed<T>>();
                    var held = 0L;
                    while (await reader.ReadAsync(token))
                    {
                        var position = reader.GetInt32(reader.FieldCount - 1);
                        var bytes = reader.GetInt64(reader.FieldCount - 2);
                        if (reader.IsDBNull(reader.FieldCount - 3))
                        {
                            rows.Add(Listed.Larger<T>(slice[position], bytes));
                            continue;
                        }

                        rows.Add(Listed.Found(read(reader), slice[position]));
                        held += bytes;
                        if (held >= BatchBytes)
                        {
                            return (rows, position + 1);
                        }
                    }

                    return (rows, slice.Length);
                },
                cancellationToken);
            foreach (var row in batch)
            {
                yield return row;
            }

            start += consumed;
        }
    }
}
