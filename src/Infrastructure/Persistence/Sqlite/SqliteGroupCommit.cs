using System.Diagnostics;
using System.Threading.Channels;

namespace WorkflowDefinitions.Infrastructure.Persistence.Sqlite;

/// <summary>
/// Group commit: one writer runs the write transactions of many requests, each as a savepoint of one SQLite transaction,
/// and commits them together — one fsync for the batch instead of one per request, synchronous mode unchanged (FULL: a
/// committed write survives a crash and a power loss). A batch takes the writes waiting when it starts and those that
/// arrive while it runs, up to <see cref="MaxBatch"/>. A write is acknowledged (its task completes) only after the
/// commit that holds it (a provisional one, <see cref="RunProvisionallyAsync{T}"/>, as soon as it has run); a write
/// that fails is rolled back to its savepoint and fails alone; if the commit fails, every write of the batch fails and
/// nothing of it is stored. Writes run one at a time, so each sees the ones before it, as SQLite's single writer always
/// did. A write whose request is cancelled before it starts is skipped; once started, it runs to the end and is never
/// cancelled by the client.
/// The writer keeps its connection (<see cref="SqliteConnectionFactory.OpenWriterAsync"/>) and its prepared statements
/// (<see cref="SqliteWriter"/>) from batch to batch; a connection whose batch failed is closed and the next batch opens
/// another. How busy the writer is shows in <see cref="SqliteWriterMetrics"/>. When the checkpointer beside it has
/// copied the whole log (<see cref="LogCheckpointed"/>), the writer checkpoints the few pages written since after its
/// next commit, once that batch is acknowledged, so that the batch after restarts the log from its beginning.
/// </summary>
public sealed class SqliteGroupCommit : IDisposable
{
    /// <summary>The most writes one commit holds: enough to pay an fsync for many, few enough to answer them soon.</summary>
    public const int MaxBatch = 64;

    private readonly SqliteConnectionFactory _connections;
    private readonly SqliteWriterMetrics _metrics;
    private readonly Channel<Write> _writes = Channel.CreateUnbounded<Write>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lazy<Task> _writing;
    private SqliteWriter? _writer;
    private volatile bool _logCheckpointed;

    public SqliteGroupCommit(SqliteConnectionFactory connections, SqliteWriterMetrics metrics)
    {
        _connections = connections;
        _metrics = metrics;
        _writing = new Lazy<Task>(() => Task.Run(WriteAsync));
    }

    /// <summary>
    /// Runs <paramref name="work"/> inside the next batch's transaction (its commands come from the
    /// <see cref="SqliteWriter"/> it is given) and completes when the batch is committed, with the work's result or its exception.
    /// </summary>
    public Task<T> RunAsync<T>(Func<SqliteWriter, Task<T>> work, CancellationToken cancellationToken) =>
        Enqueue(new Write<T>(work, provisional: false, cancellationToken), cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> inside the next batch's transaction as <see cref="RunAsync{T}"/> does, but completes as
    /// soon as the work has run, before the commit: for bookkeeping that no client is told is stored, which later writes
    /// depend on (a quota reservation, whose workflow is stored with it in a later write), and for reads that must see
    /// such bookkeeping (a dry run's count of reservations). The later writes see it once its batch commits; if that
    /// commit fails, it is undone with its batch, and a later write that depends on it fails in its own turn.
    /// </summary>
    public Task<T> RunProvisionallyAsync<T>(Func<SqliteWriter, Task<T>> work, CancellationToken cancellationToken) =>
        Enqueue(new Write<T>(work, provisional: true, cancellationToken), cancellationToken);

    private Task<T> Enqueue<T>(Write<T> write, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _ = _writing.Value;
        ObjectDisposedException.ThrowIf(!_writes.Writer.TryWrite(write), this);
        return write.Task;
    }

    /// <summary>Tells the writer that a checkpoint beside it copied the whole log (see <see cref="SqliteCheckpointer"/>).</summary>
    public void LogCheckpointed() => _logCheckpointed = true;

    /// <summary>Takes no more writes; the writer finishes those it has and closes its connection.</summary>
    public void Dispose() => _writes.Writer.TryComplete();

    private async Task WriteAsync()
    {
        var batch = new List<Write>(MaxBatch);
        while (await _writes.Reader.WaitToReadAsync())
        {
            while (TryJoin(batch))
            {
                // Every write waiting now; those that arrive while the batch runs join it in CommitAsync.
            }

            try
            {
                await CommitAsync(batch);
            }
            catch (Exception exception)
            {
                // Whatever failed outside the batch's own handling (closing its connection), the writer goes on.
                batch.ForEach(write => write.Complete(commitFailure: exception));
            }

            batch.Clear();
        }

        _writer?.Dispose();
    }

    private async Task CommitAsync(List<Write> batch)
    {
        try
        {
            var writer = _writer ??= new SqliteWriter(await _connections.OpenWriterAsync());
            writer.Begin();
            var ran = 0;
            for (var next = 0; next < batch.Count || TryJoin(batch); next++)
            {
                var write = batch[next];
                if (write.CancelIfRequested())
                {
                    continue;
                }

                var started = Stopwatch.GetTimestamp();
                _metrics.WriteStarted(Stopwatch.GetElapsedTime(write.Queued, started));
                await writer.SaveAsync();
                if (await write.RunAsync(writer))
                {
                    await writer.ReleaseAsync();
                }
                else
                {
                    await writer.UndoAsync();
                }

                writer.EndWrite();
                _metrics.WriteEnded(Stopwatch.GetElapsedTime(started));
                ran++;
            }

            var committing = Stopwatch.GetTimestamp();
            await writer.CommitAsync();
            _metrics.Committed(ran, Stopwatch.GetElapsedTime(committing));
            batch.ForEach(write => write.Complete(commitFailure: null));
            if (_logCheckpointed)
            {
                _logCheckpointed = false;
                writer.CheckpointPassively();
            }
        }
        catch (Exception exception)
        {
            // The transaction may be gone already (SQLite rolls back on a full disk or an I/O error): the connection is
            // closed, which rolls back whatever is left of it, and the next batch opens another.
            _writer?.Dispose();
            _writer = null;
            batch.ForEach(write => write.Complete(commitFailure: exception));
        }
    }

    /// <summary>
    /// Adds a waiting write to the batch, if it has room. Called again while the batch runs, so a write that arrives then
    /// is committed with it instead of waiting for the next commit (a create's reservation and its flow often share one).
    /// </summary>
    private bool TryJoin(List<Write> batch)
    {
        if (batch.Count >= MaxBatch || !_writes.Reader.TryRead(out var write))
        {
            return false;
        }

        batch.Add(write);
        return true;
    }

    private abstract class Write
    {
        /// <summary>When the write was handed over (a <see cref="Stopwatch"/> timestamp).</summary>
        public long Queued { get; } = Stopwatch.GetTimestamp();

        /// <summary>Cancels the write if its request was cancelled before it started; true when it did.</summary>
        public abstract bool CancelIfRequested();

        /// <summary>Runs the work; false when it failed (its exception is kept for <see cref="Complete"/>).</summary>
        public abstract Task<bool> RunAsync(SqliteWriter writer);

        /// <summary>Completes the write once the batch is settled: its own failure first, else the commit's, else its result.</summary>
        public abstract void Complete(Exception? commitFailure);
    }

    private sealed class Write<T>(Func<SqliteWriter, Task<T>> work, bool provisional, CancellationToken cancellationToken) : Write
    {
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;
        private Exception? _failure;

        public Task<T> Task => _completion.Task;

        public override bool CancelIfRequested() => cancellationToken.IsCancellationRequested && _completion.TrySetCanceled(cancellationToken);

        public override async Task<bool> RunAsync(SqliteWriter writer)
        {
            try
            {
                _result = await work(writer);
                if (provisional)
                {
                    _completion.TrySetResult(_result);
                }

                return true;
            }
            catch (Exception exception)
            {
                _failure = exception;
                return false;
            }
        }

        public override void Complete(Exception? commitFailure)
        {
            if (_failure is not null)
            {
                _completion.TrySetException(_failure);
            }
            else if (commitFailure is not null)
            {
                _completion.TrySetException(commitFailure);
            }
            else
            {
                _completion.TrySetResult(_result!);
            }
        }
    }
}
