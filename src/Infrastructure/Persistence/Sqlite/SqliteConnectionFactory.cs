using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using SQLitePCL;

namespace WorkflowDefinitions.Infrastructure.Persistence.Sqlite;

/// <summary>
/// Opens pooled connections to the database file. Each physical connection is set up once, when it is first opened
/// (not on every open from the pool): a writer that finds the database locked waits inside SQLite
/// (<c>sqlite3_busy_timeout</c>: short, growing sleeps) rather than in the driver's managed retry loop, which sleeps
/// 150 ms per attempt; and its page cache is kept to <see cref="PageCacheKiB"/> (SQLite's default is 2 MiB per
/// connection, and a busy service holds one connection per request in flight: the operating system caches the file
/// anyway). Write transactions are opened with <c>BEGIN IMMEDIATE</c> so they never need to upgrade.
/// Every store commits with <see cref="CancellationToken.None"/>: a client that disconnects can stop a write before its
/// commit, never during it. SQLite's commit is atomic (a commit that throws left nothing), so its outcome is never unknown.
/// </summary>
public sealed class SqliteConnectionFactory : IDisposable
{
    private const int BusyTimeoutSeconds = 30;
    private const int PageCacheKiB = 512;
    private const int ReadSessionPageCacheKiB = 2048;
    private const int WriterCheckpointPages = 4000;

    /// <summary>The physical connections (SQLite handles, reused by the pool) already set up.</summary>
    private readonly ConditionalWeakTable<sqlite3, object> _prepared = [];
    private readonly string _connectionString;
    private readonly string _unpooledConnectionString;

    public SqliteConnectionFactory(IOptions<StorageOptions> options, SqliteWriterMetrics metrics)
    {
        DatabasePath = Path.GetFullPath(options.Value.Sqlite.Path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = BusyTimeoutSeconds,
        }.ToString();
        _unpooledConnectionString = new SqliteConnectionStringBuilder(_connectionString) { Pooling = false }.ToString();
        Writes = new SqliteGroupCommit(this, metrics);
        Reads = new SqliteReadSessions(this);
    }

    public string DatabasePath { get; }

    /// <summary>Where the stores' write transactions run: batched into shared commits (see <see cref="SqliteGroupCommit"/>).</summary>
    public SqliteGroupCommit Writes { get; }

    /// <summary>Where reads of one row by key run on connections that keep their prepared statements (see <see cref="SqliteReadSessions"/>).</summary>
    public SqliteReadSessions Reads { get; }

    public void Dispose()
    {
        Writes.Dispose();
        Reads.Dispose();
    }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            if (!_prepared.TryGetValue(connection.Handle!, out _))
            {
                await SetUpAsync(connection, $"PRAGMA cache_size = -{PageCacheKiB};", cancellationToken);
                _prepared.AddOrUpdate(connection.Handle!, connection.Handle!);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Opens the group-commit writer's own connection (never pooled, kept from batch to batch with its prepared
    /// statements). It checkpoints the log every <see cref="WriterCheckpointPages"/> pages (SQLite's default is 1,000):
    /// a page written again before the checkpoint is copied to the database once, and the database file is synced less
    /// often. Its temporary storage is memory: each write is a savepoint, whose journal (the stored pages the write
    /// changes, as they were) SQLite otherwise moves to a temporary file past 64 KiB — about a tenth of an ordinary
    /// create's CPU in writes to that file. The journal is dropped when the write's savepoint is released, so the writer
    /// holds at most one write's changed pages. (A larger page cache saved nothing measurable and raised the peak memory
    /// of 100 concurrent 6 MiB creates.)
    /// </summary>
    public Task<SqliteConnection> OpenWriterAsync() => OpenUnpooledAsync(
        $"PRAGMA cache_size = -{PageCacheKiB}; PRAGMA wal_autocheckpoint = {WriterCheckpointPages}; PRAGMA temp_store = MEMORY;",
        CancellationToken.None);

    /// <summary>Opens the connection of the checkpointer beside the writer (<see cref="SqliteCheckpointer"/>; never pooled).</summary>
    public Task<SqliteConnection> OpenCheckpointerAsync(CancellationToken cancellationToken) =>
        OpenUnpooledAsync($"PRAGMA cache_size = -{PageCacheKiB};", cancellationToken);

    /// <summary>
    /// Opens a connection for a kept read session (<see cref="SqliteReadSessions"/>; never pooled, closed with its
    /// session): its page cache is <see cref="ReadSessionPageCacheKiB"/> — SQLite's default — since a session lives
    /// long and at most <see cref="SqliteReadSessions.MaxIdle"/> wait, and the pages every search and lookup by key
    /// reads (the name index, the upper levels of the keys) then come from it rather than from the file.
    /// </summary>
    public Task<SqliteConnection> OpenReadSessionAsync(CancellationToken cancellationToken) =>
        OpenUnpooledAsync($"PRAGMA cache_size = -{ReadSessionPageCacheKiB};", cancellationToken);

    private async Task<SqliteConnection> OpenUnpooledAsync(string pragmas, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_unpooledConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await SetUpAsync(connection, pragmas, cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Sets up a newly opened physical connection: SQLite's own busy wait, then <paramref name="pragmas"/>.</summary>
    private static async Task SetUpAsync(SqliteConnection connection, string pragmas, CancellationToken cancellationToken)
    {
        SqliteException.ThrowExceptionForRC(raw.sqlite3_busy_timeout(connection.Handle, BusyTimeoutSeconds * 1000), connection.Handle);
        await using var command = connection.CreateCommand();
        command.CommandText = pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
