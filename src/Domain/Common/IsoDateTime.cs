using System.Globalization;
using System.Text.RegularExpressions;

namespace WorkflowDefinitions.Domain.Common;

/// <summary>Client date strings must be an ISO-8601 date or date-time (contract D10); they are stored verbatim.</summary>
public static partial class IsoDateTime
{
    public static bool IsValid(string value)
    {
        var match = Shape().Match(value);
        if (!match.Success)
        {
            return false;
        }

        if (!DateOnly.TryParseExact(match.Groups["date"].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            return false;
        }

        return !match.Groups["hour"].Success || (
            int.Parse(match.Groups["hour"].Value, CultureInfo.InvariantCulture) < 24
            && int.Parse(match.Groups["minute"].Value, CultureInfo.InvariantCulture) < 60
            && (!match.Groups["second"].Success || int.Parse(match.Groups["second"].Value, CultureInfo.InvariantCulture) < 60)
            && (!match.Groups["offsetHour"].Success || int.Parse(match.Groups["offsetHour"].Value, CultureInfo.InvariantCulture) < 24));
    }

    /// <summary>Parses a date-time with an offset (or <c>Z</c>) to an instant; false for anything else.</summary>
    public static bool TryParseInstant(string value, out DateTimeOffset instant)
    {
        instant = default;
        return IsValid(value) && value.Contains('T', StringComparison.Ordinal)
            && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out instant);
    }

    [GeneratedRegex(
        @"^(?<date>\d{4}-\d{2}-\d{2})(T(?<hour>\d{2}):(?<minute>\d{2})(:(?<second>\d{2})(\.\d{1,9})?)?(Z|[+-](?<offsetHour>\d{2}):?\d{2})?)?\z",
        RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
