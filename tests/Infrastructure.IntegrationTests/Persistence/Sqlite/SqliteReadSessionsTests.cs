using Microsoft.Data.Sqlite;
using WorkflowDefinitions.Infrastructure.Persistence.Sqlite;

namespace WorkflowDefinitions.Infrastructure.IntegrationTests.Persistence.Sqlite;

/// <summary>Reads on kept connections with kept statements: never stale, never holding the log, never poisoned by a failure.</summary>
public sealed class SqliteReadSessionsTests
{
    private const string Lookup = "SELECT value FROM kv WHERE key = @key";

    [Test]
    public async Task AReadOnAKeptStatement_SeesWhatWasCommittedSinceTheLastRead()
    {
        using var database = new SqliteTestDatabase();
        var connections = await CreateAsync(database);

        var before = await ValueAsync(connections, "a");
        await SqlScript.RunAsync(connections, "INSERT INTO kv VALUES ('a', 'first')");
        var after = await ValueAsync(connections, "a");
        await SqlScript.RunAsync(connections, "UPDATE kv SET value = 'second' WHERE key = 'a'");

        Assert.Multiple(async () =>
        {
            Assert.That(before, Is.Null);
            Assert.That(after, Is.EqualTo("first"));
            Assert.That(await ValueAsync(connections, "a"), Is.EqualTo("second"));
        });
    }

    [Test]
    public async Task KeptSessions_HoldNoReadTransaction_SoTheLogCanBeCheckpointedWhole()
    {
        using var database = new SqliteTestDatabase();
        var connections = await CreateAsync(database);
        await SqlScript.RunAsync(connections, "INSERT INTO kv VALUES ('a', 'x')");
        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => ValueAsync(connections, "a")));
        await SqlScript.RunAsync(connections, "UPDATE kv SET value = 'y' WHERE key = 'a'");

        await using var connection = await connections.OpenAsync(CancellationToken.None);
        await using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
        await using var reader = await checkpoint.ExecuteReaderAsync();
        await reader.ReadAsync();

        Assert.That(reader.GetInt32(0), Is.Zero, "not blocked by a reader");
    }

    [Test]
    public async Task AFailedRead_ClosesItsSession_AndLaterReadsWork()
    {
        using var database = new SqliteTestDatabase();
        var connections = await CreateAsync(database);
        await SqlScript.RunAsync(connections, "INSERT INTO kv VALUES ('a', 'x')");

        Assert.ThrowsAsync<InvalidOperationException>(() => connections.Reads.ReadAsync<string?>(
            Lookup, p => p.AddWithValue("@key", "a"), (_, _) => throw new InvalidOperationException("the reader failed"), CancellationToken.None));
        Assert.ThrowsAsync<SqliteException>(() => connections.Reads.ReadAsync(
            "SELECT missing FROM kv", _ => { }, (_, _) => Task.FromResult(0), CancellationToken.None));

        Assert.That(await ValueAsync(connections, "a"), Is.EqualTo("x"));
    }

    [Test]
    public async Task ConcurrentReads_EachGetTheirOwnRow_AndReadsGoOnAfterDisposal()
    {
        using var database = new SqliteTestDatabase();
        var connections = await CreateAsync(database);
        await SqlScript.RunAsync(connections, string.Join(";", Enumerable.Range(0, 100).Select(i => $"INSERT INTO kv VALUES ('k{i}', 'v{i}')")));

        var values = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => ValueAsync(connections, $"k{i}")));
        connections.Dispose();

        Assert.Multiple(async () =>
        {
            Assert.That(values, Is.EqualTo(Enumerable.Range(0, 100).Select(i => $"v{i}")));
            Assert.That(await ValueAsync(connections, "k7"), Is.EqualTo("v7"));
        });
    }

    [Test]
    public async Task MoreStatementsThanASessionKeeps_AllReadTheirRows()
    {
        using var database = new SqliteTestDatabase();
        var connections = await CreateAsync(database);
        await SqlScript.RunAsync(connections, "INSERT INTO kv VALUES ('a', 'x')");
        var shapes = Enumerable.Range(0, SqliteReadSessions.MaxStatements * 3).Select(n => $"SELECT value || '{n}' FROM kv WHERE key = @key").ToList();

        var values = new List<string?>();
        foreach (var sql in shapes.Concat(shapes))
        {
            values.Add(await ValueAsync(connections, "a", sql));
        }

        var expected = Enumerable.Range(0, shapes.Count).Select(n => $"x{n}").ToList();
        Assert.That(values, Is.EqualTo(expected.Concat(expected)));
    }

    [Test]
    public async Task ASession_HasSQLitesDefaultPageCache_LargerThanAPooledConnections()
    {
        using var database = new SqliteTestDatabase();
        var connections = await CreateAsync(database);
        var session = await connections.Reads.ReadAsync(
            "PRAGMA cache_size", _ => { }, async (reader, token) => await reader.ReadAsync(token) ? reader.GetInt64(0) : 0, CancellationToken.None);
        await using var pooled = await connections.OpenAsync(CancellationToken.None);
        await using var command = pooled.CreateCommand();
        command.CommandText = "PRAGMA cache_size";

        Assert.Multiple(async () =>
        {
            Assert.That(session, Is.EqualTo(-2048), "2 MiB");
            Assert.That((long)(await command.ExecuteScalarAsync())!, Is.GreaterThan(session), "smaller");
        });
    }

    private static async Task<SqliteConnectionFactory> CreateAsync(SqliteTestDatabase database)
    {
        var connections = await database.CreateAsync();
        await SqlScript.RunAsync(connections, "CREATE TABLE kv (key TEXT PRIMARY KEY, value TEXT)");
        return connections;
    }

    private static Task<string?> ValueAsync(SqliteConnectionFactory connections, string key, string sql = Lookup) => connections.Reads.ReadAsync(
        sql,
        parameters => parameters.AddWithValue("@key", key),
        async (reader, token) => await reader.ReadAsync(token) ? reader.GetString(0) : null,
        CancellationToken.None);
}
