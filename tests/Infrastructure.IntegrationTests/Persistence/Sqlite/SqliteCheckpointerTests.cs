using System.Buffers.Binary;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using WorkflowDefinitions.Infrastructure.Persistence;
using WorkflowDefinitions.Infrastructure.Persistence.Sqlite;

namespace WorkflowDefinitions.Infrastructure.IntegrationTests.Persistence.Sqlite;

/// <summary>
/// The checkpointer beside the writer: it copies the log while the writer writes, and once it has copied all of it the
/// writer copies the rest after its next commit, so the log restarts from its beginning. A restart shows in the log's
/// header: its checkpoint sequence number grows by one (SQLite writes it with the first frame after the restart).
/// </summary>
public sealed class SqliteCheckpointerTests
{
    private readonly SqliteTestDatabase _database = new();
    private SqliteConnectionFactory _connections = null!;

    [SetUp]
    public async Task CreateAsync()
    {
        _connections = await _database.CreateAsync();
        await _connections.Writes.RunAsync(
            async writer => await writer.Command("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)").ExecuteNonQueryAsync(),
            CancellationToken.None);
        for (var note = 0; note < 50; note++)
        {
            await NoteAsync();
        }
    }

    [TearDown]
    public void DeleteDatabase() => _database.Dispose();

    [Test]
    public async Task ALogCopiedWhileABatchRuns_IsRestarted_OnceTheWriterIsTold()
    {
        var sequence = CheckpointSequence();

        await CopyTheLogWhileABatchWritesAsync(tellTheWriter: true);
        await NoteAsync();

        Assert.That(CheckpointSequence(), Is.EqualTo(sequence + 1));
    }

    [Test]
    public async Task ALogCopiedWhileABatchRuns_GoesOn_WhenTheWriterIsNotTold()
    {
        var sequence = CheckpointSequence();

        await CopyTheLogWhileABatchWritesAsync(tellTheWriter: false);
        await NoteAsync();

        Assert.That(CheckpointSequence(), Is.EqualTo(sequence), "the batch wrote after the copy, so the log is not all copied");
    }

    [Test]
    public async Task TheService_CopiesTheLogEveryInterval_AndTellsTheWriter()
    {
        var sequence = CheckpointSequence();
        var clock = new FakeTimeProvider();
        using var service = new SqliteCheckpointer(_connections, clock, NullLogger<SqliteCheckpointer>.Instance);
        await service.StartAsync(CancellationToken.None);

        await WhileABatchWritesAsync(async () =>
        {
            var copiedBefore = new FileInfo(_database.Path).Length;
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (new FileInfo(_database.Path).Length == copiedBefore && DateTime.UtcNow < deadline)
            {
                clock.Advance(SqliteCheckpointer.Interval);
                await Task.Delay(TimeSpan.FromMilliseconds(10));
            }

            Assert.That(new FileInfo(_database.Path).Length, Is.GreaterThan(copiedBefore), "the notes' pages copied into the database file");

            // The clock no longer moves: the round under way ends (and tells the writer) before the service stops, and
            // no checkpoint of its own runs beside the writer's.
            await Task.Delay(TimeSpan.FromMilliseconds(200));
            await service.StopAsync(CancellationToken.None);
        });
        await NoteAsync();

        Assert.That(CheckpointSequence(), Is.EqualTo(sequence + 1), "the writer was told, copied the rest, and the log restarted");
    }

    [Test]
    public async Task AFailingCheckpoint_IsLogged_AndTriedAgainAfterItsPause_NotEveryInterval()
    {
        var directory = Path.Combine(Path.GetTempPath(), "wd-checkpointer-" + Guid.NewGuid().ToString("N"));
        var missing = Path.Combine(directory, "not-yet", "test.db");
        var connections = new SqliteConnectionFactory(
            Options.Create(new StorageOptions { Sqlite = new SqliteStorageOptions { Path = missing } }), new SqliteWriterMetrics(_database.MeterFactory));
        var clock = new FakeTimeProvider();
        var logger = new WarningCounter();
        using var service = new SqliteCheckpointer(connections, clock, logger);
        await service.StartAsync(CancellationToken.None);
        try
        {
            await AdvanceUntilAsync(clock, () => logger.Warnings == 1);
            for (var step = 0; step < 40; step++)
            {
                clock.Advance(SqliteCheckpointer.Interval);
                await Task.Delay(TimeSpan.FromMilliseconds(5));
            }

            var duringThePause = logger.Warnings;
            await AdvanceUntilAsync(clock, () => logger.Warnings == 2);
            Directory.CreateDirectory(Path.GetDirectoryName(missing)!);
            await AdvanceUntilAsync(clock, () => File.Exists(missing));
            for (var step = 0; step < 60; step++)
            {
                clock.Advance(SqliteCheckpointer.Interval);
                await Task.Delay(TimeSpan.FromMilliseconds(5));
            }

            Assert.Multiple(() =>
            {
                Assert.That(duringThePause, Is.EqualTo(1), "four seconds after the failure: not tried again yet");
                Assert.That(logger.Warnings, Is.EqualTo(2), "tried again after the pause, failed once more, then opened the database and checkpointed it");
            });
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
            connections.Dispose();
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public async Task ACheckpoint_ReportsTheLogsPages_AndThatAllAreCopied()
    {
        await using var connection = await _connections.OpenCheckpointerAsync(CancellationToken.None);

        var first = await SqliteCheckpointer.CopyLogAsync(connection, CancellationToken.None);
        var again = await SqliteCheckpointer.CopyLogAsync(connection, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(first.IsComplete, Is.True, "fifty notes in the log, all copied");
            Assert.That(first.Logged, Is.GreaterThanOrEqualTo(50));
            Assert.That(again, Is.EqualTo(first), "nothing written since: the same log, still all copied");
            Assert.That(new SqliteCheckpointer.LogCopy(Busy: false, Logged: 10, Copied: 9).IsComplete, Is.False);
            Assert.That(new SqliteCheckpointer.LogCopy(Busy: true, Logged: 10, Copied: 10).IsComplete, Is.False);
            Assert.That(new SqliteCheckpointer.LogCopy(Busy: false, Logged: 0, Copied: 0).IsComplete, Is.False, "an empty log: nothing to restart");
        });
    }

    /// <summary>The checkpointer copies the whole log while a batch writes (see <see cref="WhileABatchWritesAsync"/>), and the writer is told or not.</summary>
    private Task CopyTheLogWhileABatchWritesAsync(bool tellTheWriter) => WhileABatchWritesAsync(async () =>
    {
        await using (var connection = await _connections.OpenCheckpointerAsync(CancellationToken.None))
        {
            Assert.That((await SqliteCheckpointer.CopyLogAsync(connection, CancellationToken.None)).IsComplete, Is.True);
        }

        if (tellTheWriter)
        {
            _connections.Writes.LogCheckpointed();
        }
    });

    /// <summary>A batch starts and holds the writer; <paramref name="meanwhile"/> runs; then the batch writes a note and commits.</summary>
    private async Task WhileABatchWritesAsync(Func<Task> meanwhile)
    {
        var (batch, release) = await HeldWriter.HoldAsync(
            _connections.Writes,
            async writer => await writer.Command("INSERT INTO notes (text) VALUES ('written after the copy')").ExecuteNonQueryAsync());
        try
        {
            await meanwhile();
        }
        finally
        {
            release.SetResult();
            await batch;
        }
    }

    private Task<int> NoteAsync() => _connections.Writes.RunAsync(
        async writer => await writer.Command("INSERT INTO notes (text) VALUES ('a note')").ExecuteNonQueryAsync(),
        CancellationToken.None);

    /// <summary>Moves <paramref name="clock"/> an interval at a time, letting the service run between, until <paramref name="done"/> (at most 10 s).</summary>
    private static async Task AdvanceUntilAsync(FakeTimeProvider clock, Func<bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!done() && DateTime.UtcNow < deadline)
        {
            clock.Advance(SqliteCheckpointer.Interval);
            await Task.Delay(TimeSpan.FromMilliseconds(5));
        }

        Assert.That(done(), Is.True, "within 10 s");
    }

    /// <summary>The checkpoint sequence number in the log's header (bytes 12–15, big-endian).</summary>
    private uint CheckpointSequence()
    {
        using var log = new FileStream(_database.Path + "-wal", FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var header = new byte[32];
        log.ReadExactly(header);
        return BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(12, 4));
    }

    /// <summary>Counts the warnings logged.</summary>
    private sealed class WarningCounter : ILogger<SqliteCheckpointer>
    {
        private int _warnings;

        public int Warnings => Volatile.Read(ref _warnings);

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning)
            {
                Interlocked.Increment(ref _warnings);
            }
        }
    }
}
