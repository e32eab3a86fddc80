using System.Globalization;

namespace WorkflowDefinitions.Infrastructure.Persistence.Sqlite;

/// <summary>Timestamps are stored as fixed-width UTC text, so text order is time order and indexes sort by time.</summary>
public static class SqliteTimestamps
{
    private const string Pattern = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public static string Format(DateTime utc) => utc.ToString(Pattern, CultureInfo.InvariantCulture);

    public static DateTime Parse(string text) => DateTime.ParseExact(
        text, Pattern, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
}
