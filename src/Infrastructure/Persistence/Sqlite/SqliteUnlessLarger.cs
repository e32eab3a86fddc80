using Microsoft.Data.Sqlite;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Infrastructure.Persistence.Sqlite;

/// <summary>
/// Reads that leave a document larger than <c>@max_bytes</c> unread: <c>octet_length</c> of a stored value is read from
/// its record's header, so a larger document's pages are not read, and only its size is returned.
/// </summary>
public static class SqliteUnlessLarger
{
    /// <summary>The document of <c>f</c> — null when it is larger than <c>@max_bytes</c> — and its size.</summary>
    public const string DocumentColumns = "CASE WHEN octet_length(f.document) <= @max_bytes THEN f.document END, octet_length(f.document)";

    /// <summary>The statement reading the row of <c>table</c> (aliased <c>f</c>) by key: <paramref name="keyColumns"/>, then <see cref="DocumentColumns"/>.</summary>
    public static string ByKey(string keyColumns, string table) =>
        $"SELECT {keyColumns}, {DocumentColumns} FROM {table} f WHERE f.organization_id = @organization_id AND f.id = @id";

    /// <summary>The row <paramref name="query"/> (see <see cref="ByKey"/>) reads, through <paramref name="read"/>, unless its document is larger than <paramref name="maxBytes"/>.</summary>
    public static Task<UnlessLarger<T>> FindAsync<T>(
        SqliteReadSessions reads, string query, OrganizationId organizationId, string id, int maxBytes, Func<SqliteDataReader, T> read, CancellationToken cancellationToken)
        where T : class => reads.ReadAsync(
        query,
        parameters =>
        {
            parameters.AddWithValue("@organization_id", organizationId.Value);
            parameters.AddWithValue("@id", id);
            parameters.AddWithValue("@max_bytes", maxBytes);
        },
        async (reader, token) =>
        {
            if (!await reader.ReadAsync(token))
            {
                return UnlessLarger.Found<T>(null);
            }

            var document = reader.FieldCount - 2;
            return reader.IsDBNull(document) ? UnlessLarger.Larger<T>(reader.GetInt64(document + 1)) : UnlessLarger.Found(read(reader));
        },
        cancellationToken);
}
