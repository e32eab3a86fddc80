namespace WorkflowDefinitions.Domain.Common;

/// <summary>Server timestamps are kept in UTC with millisecond precision, the precision the API shows.</summary>
public static class ServerTime
{
    public static DateTimeOffset Normalize(DateTimeOffset instant)
    {
        var utc = instant.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }

    /// <summary>
    /// The update time of a change made <paramref name="now"/> to an item last updated at <paramref name="previous"/>:
    /// strictly later than it, even when the clock stands still or went back, so every change is visible as one.
    /// </summary>
    public static DateTimeOffset UpdatedAfter(DateTimeOffset previous, DateTimeOffset now)
    {
        var candidate = Normalize(now);
        return candidate > previous ? candidate : previous.AddMilliseconds(1);
    }
}
