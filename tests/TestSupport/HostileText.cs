namespace WorkflowDefinitions.TestSupport;

/// <summary>Strings chosen to hurt whatever quotes, escapes, masks or measures them.</summary>
public static class HostileText
{
    /// <summary>Escaped quotes, <c>\'\'\'…</c>: what a quote-masking regex backtracks on.</summary>
    public static string EscapedQuotes(int pairs) => string.Concat(Enumerable.Repeat("\\'", pairs));

    /// <summary>Control characters, each written as six bytes of JSON escape.</summary>
    public static string ControlCharacters(int count) => new('\u0001', count);

    /// <summary>Characters outside the Basic Multilingual Plane, each written as twelve bytes of JSON escape.</summary>
    public static string Emoji(int count) => string.Concat(Enumerable.Repeat("😀", count));

    /// <summary>All of the above and JSON's own specials, <paramref name="length"/> characters or a little more.</summary>
    public static string Mixed(int length)
    {
        const string Unit = "\\'\"\u0001😀'\u2028<>&";
        return string.Concat(Enumerable.Repeat(Unit, (length / Unit.Length) + 1));
    }

    /// <summary>One string of each kind, about <paramref name="length"/> characters long, with the kind's name.</summary>
    public static IEnumerable<(string Kind, string Text)> All(int length) =>
    [
        ("escaped quotes", EscapedQuotes(length / 2)),
        ("control characters", ControlCharacters(length)),
        ("emoji", Emoji(length / 2)),
        ("mixed", Mixed(length)),
    ];
}
