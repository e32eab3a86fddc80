using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace WorkflowDefinitions.Infrastructure.Persistence.Sqlite;

/// <summary>
/// Reads by key that keep their prepared statements. Microsoft.Data.Sqlite prepares every command afresh, and for a
/// read of one row by key preparing costs about as much as running it; a session is an open connection of its own
/// (<see cref="SqliteConnectionFactory.OpenReadSessionAsync"/>) that keeps each statement it prepared (by its SQL
/// text). A read rents a session, runs one statement on it and returns it: the reader is disposed before, so no read
/// transaction stays open between reads. At most <see cref="MaxIdle"/> sessions wait to be rented; a session whose read
/// failed is closed, never reused. A session keeps at most <see cref="MaxStatements"/> statements (searches come in
/// many shapes): when it has as many, it closes them and starts again.
/// </summary>
public sealed class SqliteReadSessions(SqliteConnectionFactory connections) : IDisposable
{
    public const int MaxIdle = 32;

    public const int MaxStatements = 16;

    private readonly ConcurrentBag<Session> _idle = [];
    private volatile bool _disposed;

    /// <summary>Runs <paramref name="sql"/> with the parameters <paramref name="bind"/> sets and hands its rows to <paramref name="read"/>.</summary>
    public async Task<T> ReadAsync<T>(
        string sql, Action<SqliteParameterCollection> bind, Func<SqliteDataReader, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        var session = _idle.TryTake(out var idle) ? idle : new Session(await connections.OpenReadSessionAsync(cancellationToken));
        try
        {
            var command = session.Prepared(sql);
            command.Parameters.Clear();
            bind(command.Parameters);
            T result;
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                result = await read(reader, cancellationToken);
            }

            Return(session);
            return result;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var session))
        {
            session.Dispose();
        }
    }

    private void Return(Session session)
    {
        if (_disposed || _idle.Count >= MaxIdle)
        {
            session.Dispose();
            return;
        }

        _idle.Add(session);
    }

    /// <summary>An open connection and the statements prepared on it.</summary>
    private sealed class Session(SqliteConnection connection) : IDisposable
    {
        private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

        public SqliteCommand Prepared(string sql)
        {
            if (!_commands.TryGetValue(sql, out var command))
            {
                if (_commands.Count >= MaxStatements)
                {
                    CloseStatements();
                }

                command = connection.CreateCommand();
                command.CommandText = sql;
                command.Prepare();
                _commands[sql] = command;
            }

            return command;
        }

        public void Dispose()
        {
            CloseStatements();
            connection.Dispose();
        }

        private void CloseStatements()
        {
            foreach (var command in _commands.Values)
            {
                command.Dispose();
            }

            _commands.Clear();
        }
    }
}
