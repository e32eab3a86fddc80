using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace WorkflowDefinitions.Infrastructure.Persistence.Sqlite;

/// <summary>
/// The group commit's writer (<see cref="SqliteGroupCommit"/>) as a write sees it: its commands run in the batch's
/// transaction, on a connection that keeps each statement prepared (by its SQL text) from one write to the next —
/// Microsoft.Data.Sqlite prepares every new command afresh, and a write runs several statements. A command whose last
/// values were large (a document) is closed after its write, so no prepared statement holds on to them; at most
/// <see cref="MaxStatements"/> are kept, and commands beyond those are closed after their write.
/// </summary>
public sealed class SqliteWriter : IDisposable
{
    public const int MaxStatements = 64;

    /// <summary>Values beyond this many bytes (or characters) are not kept bound to a statement between writes.</summary>
    private const int MaxKeptValueLength = 16 * 1024;

    private const string Save = "SAVEPOINT write";
    private const string Release = "RELEASE write";
    private const string RollBack = "ROLLBACK TO write";

    private readonly SqliteStatements _statements;
    private SqliteTransaction? _transaction;

    internal SqliteWriter(SqliteConnection connection)
    {
        Connection = connection;
        _statements = new SqliteStatements(connection, MaxStatements);
    }

    internal SqliteConnection Connection { get; }

    /// <summary>
    /// The command for <paramref name="sql"/> in the batch's transaction, its parameters cleared for this use. It is
    /// the writer's: run it, read it, never dispose it.
    /// </summary>
    public SqliteCommand Command(string sql)
    {
        var command = _statements.For(sql);
        command.Transaction = _transaction;
        return command;
    }

    internal void Begin() => _transaction = Connection.BeginTransaction(deferred: false);

    internal async Task CommitAsync()
    {
        await Transaction.CommitAsync(CancellationToken.None);
        EndTransaction();
    }

    /// <summary>
    /// Starts a savepoint for one write; <see cref="ReleaseAsync"/> or <see cref="UndoAsync"/> ends it. Outside a
    /// transaction a savepoint would begin one of its own, so a batch whose transaction has ended stops here.
    /// </summary>
    internal Task SaveAsync()
    {
        if (raw.sqlite3_get_autocommit(Connection.Handle) != 0)
        {
            throw new InvalidOperationException("The batch's transaction has ended.");
        }

        return Command(Save).ExecuteNonQueryAsync();
    }

    internal Task ReleaseAsync() => Command(Release).ExecuteNonQueryAsync();

    /// <summary>Undoes everything the write did since its savepoint, and ends the savepoint.</summary>
    internal async Task UndoAsync()
    {
        await Command(RollBack).ExecuteNonQueryAsync();
        await ReleaseAsync();
    }

    /// <summary>
    /// Copies into the database file what the log holds beyond what is copied already, outside a transaction, without
    /// waiting for readers or another checkpoint (SQLite's passive checkpoint). A checkpoint that cannot run now (another
    /// is running) or fails loses nothing — the pages stay in the log — so its outcome is not the writes' concern.
    /// </summary>
    internal void CheckpointPassively() =>
        raw.sqlite3_wal_checkpoint_v2(Connection.Handle, "main", raw.SQLITE_CHECKPOINT_PASSIVE, out _, out _);

    /// <summary>
    /// After a write: closes the statements whose values are large, so they do not keep them (SQLite holds a copy of
    /// every bound value until the next is bound), and those not kept.
    /// </summary>
    internal void EndWrite() => _statements.EndUse(command => command.Parameters.Cast<SqliteParameter>().Any(IsLarge));

    public void Dispose()
    {
        _statements.Dispose();
        EndTransaction();
        Connection.Dispose();
    }

    private SqliteTransaction Transaction => _transaction ?? throw new InvalidOperationException("The writer has no transaction.");

    private static bool IsLarge(SqliteParameter parameter) => parameter.Value switch
    {
        byte[] bytes => bytes.Length > MaxKeptValueLength,
        string text => text.Length > MaxKeptValueLength,
        _ => false,
    };

    private void EndTransaction()
    {
        _transaction?.Dispose();
        _transaction = null;
    }
}
