namespace WorkflowDefinitions.Application.Common;

/// <summary>
/// The API's timestamp format: UTC ISO-8601 with milliseconds, <c>2021-04-27T12:01:13.000Z</c> (sub-millisecond ticks
/// cut, as the pattern <c>yyyy-MM-dd'T'HH:mm:ss.fff'Z'</c> does). The SQLite store keeps timestamps in the same
/// fixed-width form, so text order is time order. Written and read digit by digit: every answered flow carries two, and
/// the framework's pattern parser and formatter were 5 % of a search.
/// </summary>
public static class Timestamps
{
    private const int Length = 24;

    public static string ToApiString(DateTimeOffset instant) => Format(instant.UtcDateTime);

    /// <summary>The text of <paramref name="utc"/> (taken as UTC whatever its kind).</summary>
    public static string Format(DateTime utc) => string.Create(Length, utc, static (text, instant) =>
    {
        Digits(text[..4], instant.Year);
        text[4] = '-';
        Digits(text.Slice(5, 2), instant.Month);
        text[7] = '-';
        Digits(text.Slice(8, 2), instant.Day);
        text[10] = 'T';
        Digits(text.Slice(11, 2), instant.Hour);
        text[13] = ':';
        Digits(text.Slice(14, 2), instant.Minute);
        text[16] = ':';
        Digits(text.Slice(17, 2), instant.Second);
        text[19] = '.';
        Digits(text.Slice(20, 3), instant.Millisecond);
        text[23] = 'Z';
    });

    /// <summary>The UTC instant of text in exactly this format.</summary>
    /// <exception cref="FormatException">The text has another shape or names no valid instant.</exception>
    public static DateTime Parse(string text)
    {
        if (text.Length != Length || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':'
            || text[19] != '.' || text[23] != 'Z')
        {
            throw NotATimestamp(text);
        }

        try
        {
            return new DateTime(
                Number(text, 0, 4), Number(text, 5, 2), Number(text, 8, 2), Number(text, 11, 2), Number(text, 14, 2), Number(text, 17, 2),
                Number(text, 20, 3), DateTimeKind.Utc);
        }
        catch (ArgumentOutOfRangeException exception)
        {
            throw new FormatException($"'{text}' is not a valid instant.", exception);
        }
    }

    private static void Digits(Span<char> digits, int value)
    {
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            digits[i] = (char)('0' + (value % 10));
            value /= 10;
        }
    }

    private static int Number(string text, int start, int length)
    {
        var value = 0;
        foreach (var c in text.AsSpan(start, length))
        {
            var digit = c - '0';
            if ((uint)digit > 9)
            {
                throw NotATimestamp(text);
            }

            value = (value * 10) + digit;
        }

        return value;
    }

    private static FormatException NotATimestamp(string text) => new($"'{text}' is not a timestamp of the form yyyy-MM-ddTHH:mm:ss.fffZ.");
}
