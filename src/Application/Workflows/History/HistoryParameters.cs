using System.Globalization;

namespace WorkflowDefinitions.Application.Workflows.History;

/// <summary>The ranges and formats of the history operations' parameters, checked by their validators.</summary>
public static class HistoryParameters
{
    public const int DefaultRevisionLimit = 25;
    public const int MaxRevisionLimit = 100;
    public const int DefaultChangeLimit = 100;
    public const int MaxChangeLimit = 1000;
    public const int MaxWaitSeconds = 30;

    /// <summary>A diff's <c>to</c>: the workflow as it is now, when absent or <c>current</c>, or a revision number.</summary>
    public const string Current = "current";

    /// <summary>A revision number or a revision cursor: a positive integer.</summary>
    public static bool IsRevisionNumber(string? value) => TryParseRevision(value, out _);

    /// <summary>A revision number the request's validator accepted.</summary>
    /// <exception cref="ArgumentException">It is not one (a programming error: the validator refuses it first).</exception>
    public static int Revision(string? value) =>
        TryParseRevision(value, out var number) ? number : throw new ArgumentException($"'{value}' is not a revision number.", nameof(value));

    /// <summary>A revision number or <see cref="Current"/> (or absent).</summary>
    public static bool IsRevisionNumberOrCurrent(string? value) => value is null or Current || IsRevisionNumber(value);

    /// <summary>The revision a diff's <c>to</c> the request's validator accepted names; null for the workflow as it is now.</summary>
    public static int? RevisionOrCurrent(string? value) => value is null or Current ? null : Revision(value);

    public static bool TryParseRevision(string? value, out int number) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number > 0;

    /// <summary>A change-feed cursor: a non-negative integer.</summary>
    public static bool IsChangeCursor(string? value) => value is null || TryParseCursor(value, out _);

    public static bool TryParseCursor(string value, out long sequence) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out sequence);
}
