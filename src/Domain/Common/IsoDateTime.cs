using System.Globalization;

namespace WorkflowDefinitions.Domain.Common;

/// <summary>
/// Client date strings must be an ISO-8601 date or date-time (contract D10); they are stored verbatim. The syntax is
/// checked by a scanner that reads each character at most once (ASCII digits only), however long the value.
/// </summary>
public static class IsoDateTime
{
    private const int DateLength = 10;
    private const int MaxFractionDigits = 9;

    /// <summary><c>yyyy-MM-dd</c>, optionally <c>THH:mm</c>, <c>:ss</c>, <c>.f</c> (1-9 digits) and <c>Z</c> or <c>±HH[:]mm</c>.</summary>
    public static bool IsValid(string value)
    {
        if (value.Length < DateLength || !IsDate(value))
        {
            return false;
        }

        return value.Length == DateLength || IsTimeFrom(value, DateLength);
    }

    /// <summary>Parses a date-time with an offset (or <c>Z</c>) to an instant; false for anything else.</summary>
    public static bool TryParseInstant(string value, out DateTimeOffset instant)
    {
        instant = default;
        return IsValid(value) && value.Length > DateLength
            && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out instant);
    }

    private static bool IsDate(string value) =>
        Digits(value, 0, 4) && value[4] == '-' && Digits(value, 5, 2) && value[7] == '-' && Digits(value, 8, 2)
        && DateOnly.TryParseExact(value.AsSpan(0, DateLength), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    private static bool IsTimeFrom(string value, int start)
    {
        if (At(value, start) != 'T' || !Number(value, start + 1, below: 24) || At(value, start + 3) != ':' || !Number(value, start + 4, below: 60))
        {
            return false;
        }

        var position = start + 6;
        if (At(value, position) == ':')
        {
            if (!Number(value, position + 1, below: 60))
            {
                return false;
            }

            position += 3;
            if (At(value, position) == '.')
            {
                var digits = 0;
                while (digits < MaxFractionDigits && char.IsAsciiDigit(At(value, position + 1 + digits)))
                {
                    digits++;
                }

                if (digits == 0)
                {
                    return false;
                }

                position += 1 + digits;
            }
        }

        return IsZoneFrom(value, position);
    }

    /// <summary>Nothing, <c>Z</c>, or <c>±HH[:]mm</c>, up to the end of the value.</summary>
    private static bool IsZoneFrom(string value, int position)
    {
        if (position == value.Length)
        {
            return true;
        }

        if (value[position] == 'Z')
        {
            return position + 1 == value.Length;
        }

        if (value[position] is not ('+' or '-') || !Number(value, position + 1, below: 24))
        {
            return false;
        }

        position += 3;
        if (At(value, position) == ':')
        {
            position++;
        }

        return Digits(value, position, 2) && position + 2 == value.Length;
    }

    /// <summary>Two ASCII digits at <paramref name="start"/> forming a number below <paramref name="below"/>.</summary>
    private static bool Number(string value, int start, int below) =>
        Digits(value, start, 2) && ((value[start] - '0') * 10) + (value[start + 1] - '0') < below;

    private static bool Digits(string value, int start, int count)
    {
        for (var i = start; i < start + count; i++)
        {
            if (!char.IsAsciiDigit(At(value, i)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The character at <paramref name="index"/>, or NUL past the end.</summary>
    private static char At(string value, int index) => index < value.Length ? value[index] : '\0';
}
