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
/// many shapes; see <see cref="SqliteStatements"/>).
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
            var command = session.Statements.For(sql);
            bind(command.Parameters);
            T result;
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                result = await read(reader, cancellationToken);
            }

            session.Statements.EndUse();
            Return(session);
            return result;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>Runs <paramref name="statement"/> — its text and its parameters; it has no connection — and hands its rows to <paramref name="read"/>.</summary>
    public Task<T> ReadAsync<T>(SqliteCommand statement, Func<SqliteDataReader, CancellationToken, Task<T>> read, CancellationToken cancellationToken) =>
        ReadAsync(
            statement.CommandText,
            parameters =>
            {
                foreach (SqliteParameter parameter in statement.Parameters)
                {
                    parameters.AddWithValue(parameter.ParameterName, parameter.Value);
                }
            },
            read,
            cancellationToken);

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

    /// <summary>An open connection and the statements kept on it.</summary>
    private sealed class Session(SqliteConnection connection) : IDisposable
    {
        public SqliteStatements Statements { get; } = new(connection, MaxStatements);

        public void Dispose()
        {
            Statements.Dispose();
            connection.Dispose();
        }
    }
}
