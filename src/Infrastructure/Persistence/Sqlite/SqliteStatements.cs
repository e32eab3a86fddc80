using Microsoft.Data.Sqlite;

namespace WorkflowDefinitions.Infrastructure.Persistence.Sqlite;

/// <summary>
/// The statements kept prepared on one connection, by their SQL text: Microsoft.Data.Sqlite prepares every new command
/// afresh, and for a short statement preparing costs about as much as running it. At most <paramref name="maxKept"/>
/// are kept; beyond them a command is made for one use and closed by <see cref="EndUse"/>, so however many shapes of
/// SQL come, the set does not grow. The connection is the caller's.
/// </summary>
internal sealed class SqliteStatements(SqliteConnection connection, int maxKept) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _kept = new(StringComparer.Ordinal);
    private readonly List<SqliteCommand> _unkept = [];

    /// <summary>The command for <paramref name="sql"/>, its parameters cleared for this use; never to be disposed by the caller.</summary>
    public SqliteCommand For(string sql)
    {
        if (!_kept.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            if (_kept.Count < maxKept)
            {
                _kept[sql] = command;
            }
            else
            {
                _unkept.Add(command);
            }
        }

        command.Parameters.Clear();
        return command;
    }

    /// <summary>After a use: closes the commands made for it alone, and the kept ones <paramref name="close"/> picks.</summary>
    public void EndUse(Func<SqliteCommand, bool>? close = null)
    {
        if (close is not null)
        {
            foreach (var (sql, command) in _kept.Where(entry => close(entry.Value)).ToList())
            {
                command.Dispose();
                _kept.Remove(sql);
            }
        }

        _unkept.ForEach(command => command.Dispose());
        _unkept.Clear();
    }

    public void Dispose() => EndUse(_ => true);
}
