using System.Runtime.CompilerServices;

namespace WorkflowDefinitions.Domain.Common;

/// <summary>
/// Why a document breaks a rule, written as an interpolated string: <c>$"'{taskId}' does not reference an existing task"</c>.
/// Every hole holds a client value and is cut (<see cref="ClientText"/>); the literal parts, with <c>*</c> for the holes,
/// are the rule itself, which metrics count without ever seeing what the client sent. Once a collector holds as many
/// violations as it keeps, reasons for it are not even formatted.
/// </summary>
[InterpolatedStringHandler]
public ref struct ViolationReason
{
    private DefaultInterpolatedStringHandler _text;
    private DefaultInterpolatedStringHandler _rule;

    public ViolationReason(int literalLength, int formattedCount)
    {
        _text = new DefaultInterpolatedStringHandler(literalLength, formattedCount);
        _rule = new DefaultInterpolatedStringHandler(literalLength, formattedCount);
    }

    public ViolationReason(int literalLength, int formattedCount, ViolationCollector collector, out bool isEnabled)
        : this(literalLength, formattedCount, collector.HasRoom, out isEnabled)
    {
    }

    public ViolationReason(int literalLength, int formattedCount, ObjectReader reader, out bool isEnabled)
        : this(literalLength, formattedCount, reader.Violations.HasRoom, out isEnabled)
    {
    }

    private ViolationReason(int literalLength, int formattedCount, bool hasRoom, out bool isEnabled)
    {
        isEnabled = hasRoom;
        if (hasRoom)
        {
            this = new ViolationReason(literalLength, formattedCount);
        }
    }

    public void AppendLiteral(string value)
    {
        _text.AppendLiteral(value);
        _rule.AppendLiteral(value);
    }

    public void AppendFormatted(string? value)
    {
        _text.AppendLiteral(ClientText.Cut(value));
        _rule.AppendLiteral("*");
    }

    public void AppendFormatted(ItemLabel label)
    {
        _text.AppendLiteral(label.ToString());
        _rule.AppendLiteral(label.Template);
    }

    public void AppendFormatted(AllowedValues values)
    {
        var text = values.ToString();
        _text.AppendLiteral(text);
        _rule.AppendLiteral(text);
    }

    public void AppendFormatted<T>(T value)
        where T : struct, ISpanFormattable
    {
        _text.AppendFormatted(value);
        _rule.AppendLiteral("*");
    }

    /// <summary>The message and the rule; the handler cannot be used afterwards.</summary>
    internal (string Text, string Rule) Complete() => (_text.ToStringAndClear(), _rule.ToStringAndClear());
}

/// <summary>The values a rule allows, as a message lists them: the service's own words, shown in full and part of the rule.</summary>
public readonly record struct AllowedValues(IEnumerable<string> Values)
{
    public override string ToString() => string.Join(", ", Values);
}
