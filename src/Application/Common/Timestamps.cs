using System.Globalization;

namespace WorkflowDefinitions.Application.Common;

/// <summary>The API's timestamp format: UTC ISO-8601 with milliseconds, <c>2021-04-27T12:01:13.000Z</c>.</summary>
public static class Timestamps
{
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public static string ToApiString(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);
}
