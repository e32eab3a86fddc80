using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace WorkflowDefinitions.Infrastructure.Persistence.Sqlite;

/// <summary>
/// Copies the write-ahead log into the database file beside the writer, so that the writer's own checkpoints find
/// little to copy. SQLite checkpoints on the connection that commits, once the log holds <c>wal_autocheckpoint</c> pages
/// (4,000 for the writer): the writer then copies them all and syncs the database file inside that commit — 40–50 ms on
/// the benchmark machine's disk, which every write queued behind it waits for. Every <see cref="Interval"/> this service
/// runs a passive checkpoint on a connection of its own: it copies what the log holds while the writer goes on writing,
/// and waits for no one. When one has copied the whole log, it tells the group commit
/// (<see cref="SqliteGroupCommit.LogCheckpointed"/>), which checkpoints the few pages written since after its next commit,
/// so that the batch after restarts the log from its beginning (once per log: while nothing is written, a log already
/// copied is not reported again). The writer's own checkpoint stays as the bound of the
/// log should this service fall behind or fail. A checkpoint copies committed pages only and may stop at any point
/// (SQLite's crash safety), so an acknowledged write is exactly as durable as before.
/// </summary>
public sealed partial class SqliteCheckpointer(SqliteConnectionFactory connections, TimeProvider clock, ILogger<SqliteCheckpointer> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    /// <summary>How long the service waits after a checkpoint failed (a full or failing disk) before it tries again.</summary>
    public static readonly TimeSpan AfterFailure = TimeSpan.FromSeconds(5);

    private const string Checkpoint = "PRAGMA wal_checkpoint(PASSIVE)";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        SqliteConnection? connection = null;
        var reported = 0L;
        try
        {
            var wait = Interval;
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(wait, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                wait = Interval;
                try
                {
                    connection ??= await connections.OpenCheckpointerAsync(stoppingToken);
                    var copy = await CopyLogAsync(connection, stoppingToken);
                    if (copy.IsComplete && copy.Logged != reported)
                    {
                        connections.Writes.LogCheckpointed();
                        reported = copy.Logged;
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogCheckpointFailed(exception);
                    connection?.Dispose();
                    connection = null;
                    wait = AfterFailure;
                }
            }
        }
        finally
        {
            connection?.Dispose();
        }
    }

    /// <summary>One passive checkpoint on <paramref name="connection"/>: how many pages the log holds and how many of them are copied.</summary>
    public static async Task<LogCopy> CopyLogAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = Checkpoint;
        await using var reader = await checkpoint.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new LogCopy(Busy: reader.GetInt64(0) != 0, Logged: reader.GetInt64(1), Copied: reader.GetInt64(2));
    }

    /// <summary>What a checkpoint reported: whether another checkpoint kept it from running, the log's pages, the pages copied.</summary>
    public readonly record struct LogCopy(bool Busy, long Logged, long Copied)
    {
        /// <summary>The log held pages, and all of them are copied.</summary>
        public bool IsComplete => !Busy && Logged > 0 && Copied == Logged;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checkpointing the SQLite log failed; the writer's own checkpoints bound it, and this is tried again")]
    private partial void LogCheckpointFailed(Exception exception);
}
