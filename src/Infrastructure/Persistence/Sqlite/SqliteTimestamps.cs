using WorkflowDefinitions.Application.Common;

namespace WorkflowDefinitions.Infrastructure.Persistence.Sqlite;

/// <summary>
/// Timestamps are stored as fixed-width UTC text, so text order is time order and indexes sort by time: the API's form
/// (<see cref="Timestamps"/>).
/// </summary>
public static class SqliteTimestamps
{
    public static string Format(DateTime utc) => Timestamps.Format(utc);

    public static DateTime Parse(string text) => Timestamps.Parse(text);
}
