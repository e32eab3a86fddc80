namespace WorkflowDefinitions.Application.Common;

/// <summary>
/// The API's timestamp format: UTC ISO-8601 with milliseconds, <c>2021-04-27T12:01:13.000Z</c> (sub-millisecond ticks
/// cut, as the pattern <c>yyyy-MM-dd'T'HH:mm:ss.fff'Z'</c> does). The SQLite store keeps timestamps in the same
/// fixed-width form, so text order is time order. Written and read digit by digit: every answered flow carries two, and
/// the framework's pattern parser and formatter were 5 % of a search.
/// </summary>
public static class Timestamps
{
    /// <summary>The shape of every timestamp: digits where the template has zeros, its other characters as they are.</summary>
    private const string Template = "0000-00-00T00:00:00.000Z";

    public static string ToApiString(DateTimeOffset instant) => Format(instant.UtcDateTime);

    /// <summary>The text of <paramref name="utc"/> (taken as UTC whatever its kind).</summary>
    public static string Format(DateTime utc) => string.Create(Template.Length, utc, static (text, instant) =>
    {
        Template.CopyTo(text);
        Digits(text[..4], instant.Year);
        Digits(text.Slice(5, 2), instant.Month);
        Digits(text.Slice(8, 2), instant.Day);
        Digits(text.Slice(11, 2), instant.Hour);
        Digits(text.Slice(14, 2), instant.Minute);
        Digits(text.Slice(17, 2), instant.Second);
        Digits(text.Slice(20, 3), instant.Millisecond);
    });

    /// <summary>The UTC instant of text in exactly this format.</summary>
    /// <exception cref="FormatException">The text has another shape or names no valid instant.</exception>
    public static DateTime Parse(string text)
    {
        if (text.Length != Template.Length)
        {
            throw NotATimestamp(text);
        }

        for (var i = 0; i < Template.Length; i++)
        {
            if (Template[i] != '0' && text[i] != Template[i])
            {
                throw NotATimestamp(text);
            }
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
