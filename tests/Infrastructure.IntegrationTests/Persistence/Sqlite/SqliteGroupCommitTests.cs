using System.Globalization;
using Microsoft.Data.Sqlite;
using WorkflowDefinitions.Infrastructure.Persistence.Sqlite;

namespace WorkflowDefinitions.Infrastructure.IntegrationTests.Persistence.Sqlite;

/// <summary>Writes that share commits: each lands whole or not at all, alone, and only what is committed is acknowledged.</summary>
public sealed class SqliteGroupCommitTests
{
    private readonly SqliteTestDatabase _database = new();
    private SqliteConnectionFactory _connections = null!;

    [SetUp]
    public async Task CreateAsync()
    {
        _connections = await _database.CreateAsync();
        await using var connection = await _connections.OpenAsync(CancellationToken.None);
        await using var create = connection.CreateCommand();
        create.CommandText = "CREATE TABLE notes (writer INTEGER NOT NULL, part INTEGER NOT NULL, PRIMARY KEY (writer, part))";
        await create.ExecuteNonQueryAsync();
    }

    [TearDown]
    public void DeleteDatabase() => _database.Dispose();

    [Test]
    public async Task ConcurrentWrites_EachLandWhole_AndOneThatFails_LeavesNothingAndFailsAlone()
    {
        var writes = Enumerable.Range(0, 200).Select(writer => _connections.Writes.RunAsync(
            async (connection, transaction) =>
            {
                await InsertAsync(connection, transaction, writer, 1);
                if (writer % 7 == 0)
                {
                    throw new InvalidOperationException($"writer {writer} gives up after its first part");
                }

                await InsertAsync(connection, transaction, writer, 2);
                return writer;
            },
            CancellationToken.None)).ToList();

        var outcomes = await Task.WhenAll(writes.Select(async write =>
        {
            try
            {
                return (Writer: await write, Failed: false);
            }
            catch (InvalidOperationException exception)
            {
                return (Writer: int.Parse(exception.Message.Split(' ')[1], CultureInfo.InvariantCulture), Failed: true);
            }
        }));

        var parts = await PartsAsync();
        Assert.Multiple(() =>
        {
            foreach (var (writer, failed) in outcomes)
            {
                Assert.That(failed, Is.EqualTo(writer % 7 == 0), $"writer {writer}");
                Assert.That(parts.GetValueOrDefault(writer), Is.EqualTo(failed ? 0 : 2), $"parts of writer {writer}");
            }
        });
    }

    [Test]
    public async Task AWriteWhoseRequestIsCancelledBeforeItStarts_IsNotRun()
    {
        using var cancelled = new CancellationTokenSource();
        var gate = new TaskCompletionSource();
        var blocker = _connections.Writes.RunAsync(
            async (connection, transaction) =>
            {
                await gate.Task;
                await InsertAsync(connection, transaction, 1, 1);
                return true;
            },
            CancellationToken.None);
        var queued = _connections.Writes.RunAsync(
            async (connection, transaction) =>
            {
                await InsertAsync(connection, transaction, 2, 1);
                return true;
            },
            cancelled.Token);

        await cancelled.CancelAsync();
        gate.SetResult();
        await blocker;

        Assert.Multiple(async () =>
        {
            Assert.That(async () => await queued, Throws.InstanceOf<OperationCanceledException>());
            Assert.That(await PartsAsync(), Is.EqualTo(new Dictionary<long, long> { [1] = 1 }));
        });
    }

    [Test]
    public async Task AWriteThatBreaksAConstraint_FailsAlone_AndTheBatchCommits()
    {
        var first = _connections.Writes.RunAsync(async (c, t) => { await InsertAsync(c, t, 5, 1); return true; }, CancellationToken.None);
        var duplicate = _connections.Writes.RunAsync(async (c, t) => { await InsertAsync(c, t, 6, 1); await InsertAsync(c, t, 5, 1); return true; }, CancellationToken.None);
        var last = _connections.Writes.RunAsync(async (c, t) => { await InsertAsync(c, t, 7, 1); return true; }, CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(await first, Is.True);
            Assert.That(async () => await duplicate, Throws.InstanceOf<SqliteException>());
            Assert.That(await last, Is.True);
            Assert.That(await PartsAsync(), Is.EqualTo(new Dictionary<long, long> { [5] = 1, [7] = 1 }));
        });
    }

    [Test]
    public async Task AWriteThatEndsTheTransaction_FailsItsWholeBatch_LeavesNothing_AndTheNextWritesLand()
    {
        var started = new TaskCompletionSource();
        var gate = new TaskCompletionSource();
        var blocker = _connections.Writes.RunAsync(
            async (connection, transaction) =>
            {
                started.SetResult();
                await gate.Task;
                return true;
            },
            CancellationToken.None);
        await started.Task;
        var before = _connections.Writes.RunAsync(async (c, t) => { await InsertAsync(c, t, 1, 1); return true; }, CancellationToken.None);
        var ending = _connections.Writes.RunAsync(
            async (connection, transaction) =>
            {
                // What SQLite does by itself on a full disk or an I/O error: the whole transaction is gone.
                await using var rollback = connection.CreateCommand();
                rollback.Transaction = transaction;
                rollback.CommandText = "ROLLBACK";
                await rollback.ExecuteNonQueryAsync();
                return true;
            },
            CancellationToken.None);
        var after = _connections.Writes.RunAsync(async (c, t) => { await InsertAsync(c, t, 3, 1); return true; }, CancellationToken.None);
        gate.SetResult();
        await blocker;

        Assert.Multiple(async () =>
        {
            Assert.That(async () => await before, Throws.Exception, "acknowledged only once committed");
            Assert.That(async () => await ending, Throws.Exception);
            Assert.That(async () => await after, Throws.Exception);
            Assert.That(await _connections.Writes.RunAsync(async (c, t) => { await InsertAsync(c, t, 4, 1); return true; }, CancellationToken.None), Is.True);
            Assert.That(await PartsAsync(), Is.EqualTo(new Dictionary<long, long> { [4] = 1 }));
        });
    }

    private static async Task InsertAsync(SqliteConnection connection, SqliteTransaction transaction, int writer, int part)
    {
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO notes (writer, part) VALUES (@writer, @part)";
        insert.Parameters.AddWithValue("@writer", writer);
        insert.Parameters.AddWithValue("@part", part);
        await insert.ExecuteNonQueryAsync();
    }

    private async Task<Dictionary<long, long>> PartsAsync()
    {
        await using var connection = await _connections.OpenAsync(CancellationToken.None);
        await using var query = connection.CreateCommand();
        query.CommandText = "SELECT writer, count(*) FROM notes GROUP BY writer";
        await using var reader = await query.ExecuteReaderAsync();
        var parts = new Dictionary<long, long>();
        while (await reader.ReadAsync())
        {
            parts[reader.GetInt64(0)] = reader.GetInt64(1);
        }

        return parts;
    }
}
