using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace WorkflowDefinitions.Domain.Common;

/// <summary>
/// The state of reading one client document: the violations found, and the <c>null</c>s on optional properties that
/// count as absent and are to be dropped from the stored document (contract D14).
/// </summary>
public sealed class DocumentReading(ViolationCollector violations)
{
    private readonly List<JsonPath> _droppedNulls = [];

    public ViolationCollector Violations { get; } = violations;

    public IReadOnlyList<JsonPath> DroppedNulls => _droppedNulls;

    public void DropNull(JsonPath path) => _droppedNulls.Add(path);
}

/// <summary>
/// Reads one JSON object of a client document at a known path, checking the type of every property it is asked for
/// and recording what is wrong instead of stopping at the first problem. It reads the parsed document in place
/// (<see cref="JsonElement"/>): nothing is copied or materialized, and paths are only spelled out for violations.
/// </summary>
public readonly struct ObjectReader(JsonElement value, JsonPath path, DocumentReading reading)
{
    public JsonElement Value { get; } = value;

    public JsonPath Path { get; } = path;

    public DocumentReading Reading { get; } = reading;

    public ViolationCollector Violations => Reading.Violations;

    public JsonPath PathOf(string name) => Path.Property(name);

    public void Report(string name, [InterpolatedStringHandlerArgument("")] ViolationReason reason)
    {
        if (Violations.HasRoom)
        {
            Violations.Add(PathOf(name), reason);
        }
    }

    public bool Has(string name) => Value.TryGetProperty(name, out var node) && node.ValueKind != JsonValueKind.Null;

    public bool Contains(string name) => Value.TryGetProperty(name, out _);

    /// <summary>The properties of the object, as they are.</summary>
    public JsonElement.ObjectEnumerator Properties() => Value.EnumerateObject();

    public string? OptionalString(string name) => AsString(name, Optional(name));

    public string? RequiredString(string name) => AsString(name, Required(name));

    /// <summary>A required string that must not be empty (ids, names).</summary>
    public string? RequiredText(string name) => NonEmpty(name, RequiredString(name));

    /// <summary>An optional string that must not be empty when present (references to other ids).</summary>
    public string? OptionalText(string name) => NonEmpty(name, OptionalString(name));

    /// <summary>A string that may be <c>null</c> on purpose (e.g. an edge's open end); null is kept.</summary>
    public string? NullableString(string name) =>
        Value.TryGetProperty(name, out var node) && node.ValueKind != JsonValueKind.Null ? AsString(name, node) : null;

    public string? OptionalEnum(string name, IReadOnlyCollection<string> allowed) => AsEnum(name, OptionalString(name), allowed);

    public string? RequiredEnum(string name, IReadOnlyCollection<string> allowed) => AsEnum(name, RequiredString(name), allowed);

    public bool? OptionalBoolean(string name)
    {
        if (Optional(name) is not { } node)
        {
            return null;
        }

        if (node.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return node.GetBoolean();
        }

        Report(name, $"must be a boolean");
        return null;
    }

    public double? OptionalNumber(string name) => AsNumber(name, Optional(name));

    public double? RequiredNumber(string name) => AsNumber(name, Required(name));

    public long? OptionalInteger(string name) => AsInteger(name, Optional(name));

    public long? RequiredInteger(string name) => AsInteger(name, Required(name));

    /// <summary>An optional integer literal (D60) from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public long? OptionalIntegerBetween(string name, long min, long max)
    {
        if (Optional(name) is not { } node)
        {
            return null;
        }

        if (JsonNumbers.TryGetInteger(node, out var integer) && integer >= min && integer <= max)
        {
            return integer;
        }

        Report(name, $"must be an integer from {min} to {max}");
        return null;
    }

    /// <summary>An optional date string, which must be ISO-8601 (contract D10).</summary>
    public string? OptionalDate(string name)
    {
        var text = OptionalString(name);
        if (text is not null && !IsoDateTime.IsValid(text))
        {
            Report(name, $"must be an ISO-8601 date or date-time");
            return null;
        }

        return text;
    }

    public ObjectReader? OptionalObject(string name) => AsObject(name, Optional(name));

    public ObjectReader? RequiredObject(string name) => AsObject(name, Required(name));

    public ArrayReader? OptionalArray(string name) => AsArray(name, Optional(name));

    public ArrayReader? RequiredArray(string name) => AsArray(name, Required(name));

    /// <summary>An array that must be present but may be <c>null</c> (e.g. a condition's statements).</summary>
    public ArrayReader? RequiredNullableArray(string name)
    {
        if (!Value.TryGetProperty(name, out var node))
        {
            Report(name, $"is required");
            return null;
        }

        return node.ValueKind == JsonValueKind.Null ? null : AsArray(name, node);
    }

    /// <summary>A hard cap (<see cref="HardLimits"/>): reports the array <paramref name="name"/> when it holds more than <paramref name="max"/> items.</summary>
    public void LimitItems(string name, int max)
    {
        if (Value.TryGetProperty(name, out var node) && node.ValueKind == JsonValueKind.Array && node.GetArrayLength() is var count && count > max)
        {
            Report(name, $"must not have more than {max} items (it has {count})");
        }
    }

    /// <summary>An optional array of strings; non-string items are reported.</summary>
    public IReadOnlyList<string>? OptionalStringArray(string name) => OptionalArray(name)?.Strings();

    private JsonElement? Optional(string name)
    {
        if (!Value.TryGetProperty(name, out var node))
        {
            return null;
        }

        if (node.ValueKind == JsonValueKind.Null)
        {
            Reading.DropNull(PathOf(name));
            return null;
        }

        return node;
    }

    private JsonElement? Required(string name)
    {
        if (!Value.TryGetProperty(name, out var node) || node.ValueKind == JsonValueKind.Null)
        {
            Report(name, $"is required");
            return null;
        }

        return node;
    }

    private string? NonEmpty(string name, string? text)
    {
        if (text is { Length: 0 })
        {
            Report(name, $"must not be empty");
            return null;
        }

        return text;
    }

    private string? AsString(string name, JsonElement? node)
    {
        if (node is not { } element)
        {
            return null;
        }

        if (element.ValueKind == JsonValueKind.String)
        {
            return element.GetString();
        }

        Report(name, $"must be a string");
        return null;
    }

    private string? AsEnum(string name, string? text, IReadOnlyCollection<string> allowed)
    {
        if (text is null || allowed.Contains(text))
        {
            return text;
        }

        Report(name, $"must be one of {new AllowedValues(allowed)}");
        return null;
    }

    private double? AsNumber(string name, JsonElement? node)
    {
        if (node is not { } element)
        {
            return null;
        }

        if (element.ValueKind == JsonValueKind.Number)
        {
            return element.GetDouble();
        }

        Report(name, $"must be a number");
        return null;
    }

    private long? AsInteger(string name, JsonElement? node)
    {
        if (node is not { } element)
        {
            return null;
        }

        if (JsonNumbers.TryGetInteger(element, out var integer))
        {
            return integer;
        }

        Report(name, $"must be an integer");
        return null;
    }

    private ObjectReader? AsObject(string name, JsonElement? node)
    {
        if (node is not { } element)
        {
            return null;
        }

        if (element.ValueKind == JsonValueKind.Object)
        {
            return new ObjectReader(element, PathOf(name), Reading);
        }

        Report(name, $"must be an object");
        return null;
    }

    private ArrayReader? AsArray(string name, JsonElement? node)
    {
        if (node is not { } element)
        {
            return null;
        }

        if (element.ValueKind == JsonValueKind.Array)
        {
            return new ArrayReader(element, PathOf(name), Reading);
        }

        Report(name, $"must be an array");
        return null;
    }
}

/// <summary>An array of a client document at a known path.</summary>
public readonly struct ArrayReader(JsonElement value, JsonPath path, DocumentReading reading)
{
    public JsonElement Value { get; } = value;

    public JsonPath Path { get; } = path;

    public int Count => Value.GetArrayLength();

    public IEnumerable<(JsonElement Item, JsonPath Path)> Items()
    {
        var index = 0;
        foreach (var item in Value.EnumerateArray())
        {
            yield return (item, Path.Index(index++));
        }
    }

    /// <summary>The items as objects, with their index; items that are not objects are reported and skipped.</summary>
    public IEnumerable<(ObjectReader Item, int Index)> Objects()
    {
        var index = 0;
        foreach (var item in Value.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Object)
            {
                yield return (new ObjectReader(item, Path.Index(index), reading), index);
            }
            else
            {
                reading.Violations.Add(Path.Index(index), $"must be an object");
            }

            index++;
        }
    }

    /// <summary>The items as strings; items that are not strings are reported.</summary>
    public IReadOnlyList<string> Strings()
    {
        var strings = new List<string>(Count);
        var index = 0;
        foreach (var item in Value.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                strings.Add(item.GetString()!);
            }
            else
            {
                reading.Violations.Add(Path.Index(index), $"must be a string");
            }

            index++;
        }

        return strings;
    }
}

/// <summary>JSON number helpers that respect how the number was written.</summary>
public static class JsonNumbers
{
    /// <summary>An integer field accepts only integer literals: no fraction, no exponent (contract D60).</summary>
    public static bool TryGetInteger(JsonElement number, out long value)
    {
        value = 0;
        return number.ValueKind == JsonValueKind.Number
            && number.GetRawText().AsSpan().IndexOfAny('.', 'e', 'E') < 0
            && number.TryGetInt64(out value);
    }

    /// <summary>The same check for a node, parsed or built in code.</summary>
    public static bool TryGetInteger(System.Text.Json.Nodes.JsonNode number, out long value)
    {
        value = 0;
        return number.GetValueKind() == JsonValueKind.Number
            && long.TryParse(number.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value)
            && number.ToJsonString().AsSpan().IndexOfAny('.', 'e', 'E') < 0;
    }
}
