namespace WorkflowDefinitions.Domain.Common;

/// <summary>Server timestamps are kept in UTC with millisecond precision, the precision the API shows.</summary>
public static class ServerTime
{
    public static DateTimeOffset Normalize(DateTimeOffset instant)
    {
        var utc = instant.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }
}
