using System.Text.Json;
using System.Text.Json.Nodes;

namespace WorkflowDefinitions.Domain.Common;

/// <summary>
/// Reads one JSON object of a client document at a known path, checking the type of every property it is asked for
/// and recording what is wrong in a <see cref="ViolationCollector"/> instead of stopping at the first problem.
/// A <c>null</c> on an optional property counts as absent and is removed from the document (contract D14).
/// </summary>
public readonly struct ObjectReader(JsonObject value, string path, ViolationCollector violations)
{
    public JsonObject Value { get; } = value;

    public string Path { get; } = path;

    public ViolationCollector Violations { get; } = violations;

    public string PathOf(string name) => Path.Length == 0 ? name : $"{Path}.{name}";

    public void Report(string name, string reason) => Violations.Add(PathOf(name), reason);

    public bool Has(string name) => Value.TryGetPropertyValue(name, out var node) && node is not null;

    public string? OptionalString(string name) => AsString(name, Optional(name));

    public string? RequiredString(string name) => AsString(name, Required(name));

    /// <summary>A required string that must not be empty (ids, names).</summary>
    public string? RequiredText(string name)
    {
        var text = RequiredString(name);
        if (text is { Length: 0 })
        {
            Report(name, "must not be empty");
            return null;
        }

        return text;
    }

    /// <summary>An optional string that must not be empty when present (references to other ids).</summary>
    public string? OptionalText(string name)
    {
        var text = OptionalString(name);
        if (text is { Length: 0 })
        {
            Report(name, "must not be empty");
            return null;
        }

        return text;
    }

    /// <summary>A string that may be <c>null</c> on purpose (e.g. an edge's open end); null is kept.</summary>
    public string? NullableString(string name) =>
        Value.TryGetPropertyValue(name, out var node) && node is not null ? AsString(name, node) : null;

    public string? OptionalEnum(string name, IReadOnlyCollection<string> allowed) => AsEnum(name, OptionalString(name), allowed);

    public string? RequiredEnum(string name, IReadOnlyCollection<string> allowed) => AsEnum(name, RequiredString(name), allowed);

    public bool? OptionalBoolean(string name)
    {
        var node = Optional(name);
        if (node is null)
        {
            return null;
        }

        if (node.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            return node.GetValue<bool>();
        }

        Report(name, "must be a boolean");
        return null;
    }

    public double? OptionalNumber(string name) => AsNumber(name, Optional(name));

    public double? RequiredNumber(string name) => AsNumber(name, Required(name));

    public long? OptionalInteger(string name) => AsInteger(name, Optional(name));

    public long? RequiredInteger(string name) => AsInteger(name, Required(name));

    /// <summary>An optional date string, which must be ISO-8601 (contract D10).</summary>
    public string? OptionalDate(string name)
    {
        var text = OptionalString(name);
        if (text is not null && !IsoDateTime.IsValid(text))
        {
            Report(name, "must be an ISO-8601 date or date-time");
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
        if (!Value.TryGetPropertyValue(name, out var node))
        {
            Report(name, "is required");
            return null;
        }

        return node is null ? null : AsArray(name, node);
    }

    /// <summary>An optional array of strings; non-string items are reported.</summary>
    public IReadOnlyList<string>? OptionalStringArray(string name)
    {
        if (OptionalArray(name) is not { } array)
        {
            return null;
        }

        var strings = new List<string>();
        foreach (var (item, itemPath) in array.Items())
        {
            if (item is JsonValue value && value.GetValueKind() == JsonValueKind.String)
            {
                strings.Add(value.GetValue<string>());
            }
            else
            {
                Violations.Add(itemPath, "must be a string");
            }
        }

        return strings;
    }

    private JsonNode? Optional(string name)
    {
        if (!Value.TryGetPropertyValue(name, out var node))
        {
            return null;
        }

        if (node is null)
        {
            Value.Remove(name);
        }

        return node;
    }

    private JsonNode? Required(string name)
    {
        if (!Value.TryGetPropertyValue(name, out var node) || node is null)
        {
            Report(name, "is required");
            return null;
        }

        return node;
    }

    private string? AsString(string name, JsonNode? node)
    {
        if (node is null)
        {
            return null;
        }

        if (node.GetValueKind() == JsonValueKind.String)
        {
            return node.GetValue<string>();
        }

        Report(name, "must be a string");
        return null;
    }

    private string? AsEnum(string name, string? text, IReadOnlyCollection<string> allowed)
    {
        if (text is null || allowed.Contains(text))
        {
            return text;
        }

        Report(name, $"must be one of {string.Join(", ", allowed)}");
        return null;
    }

    private double? AsNumber(string name, JsonNode? node)
    {
        if (node is null)
        {
            return null;
        }

        if (node.GetValueKind() == JsonValueKind.Number)
        {
            return node.GetValue<double>();
        }

        Report(name, "must be a number");
        return null;
    }

    private long? AsInteger(string name, JsonNode? node)
    {
        if (node is null)
        {
            return null;
        }

        if (JsonNumbers.TryGetInteger(node, out var integer))
        {
            return integer;
        }

        Report(name, "must be an integer");
        return null;
    }

    private ObjectReader? AsObject(string name, JsonNode? node)
    {
        if (node is null)
        {
            return null;
        }

        if (node is JsonObject obj)
        {
            return new ObjectReader(obj, PathOf(name), Violations);
        }

        Report(name, "must be an object");
        return null;
    }

    private ArrayReader? AsArray(string name, JsonNode? node)
    {
        if (node is null)
        {
            return null;
        }

        if (node is JsonArray array)
        {
            return new ArrayReader(array, PathOf(name), Violations);
        }

        Report(name, "must be an array");
        return null;
    }
}

/// <summary>An array of a client document at a known path.</summary>
public readonly struct ArrayReader(JsonArray value, string path, ViolationCollector violations)
{
    public JsonArray Value { get; } = value;

    public string Path { get; } = path;

    public int Count => Value.Count;

    public IEnumerable<(JsonNode? Item, string Path)> Items()
    {
        for (var i = 0; i < Value.Count; i++)
        {
            yield return (Value[i], $"{Path}[{i}]");
        }
    }

    /// <summary>The items as objects, with their index; items that are not objects are reported and skipped.</summary>
    public IEnumerable<(ObjectReader Item, int Index)> Objects()
    {
        for (var i = 0; i < Value.Count; i++)
        {
            if (Value[i] is JsonObject obj)
            {
                yield return (new ObjectReader(obj, $"{Path}[{i}]", violations), i);
            }
            else
            {
                violations.Add($"{Path}[{i}]", "must be an object");
            }
        }
    }
}

/// <summary>JSON number helpers that respect how the number was written.</summary>
public static class JsonNumbers
{
    /// <summary>An integer field accepts only integer literals: no fraction, no exponent (contract D60).</summary>
    public static bool TryGetInteger(JsonNode node, out long value)
    {
        value = 0;
        if (node.GetValueKind() != JsonValueKind.Number)
        {
            return false;
        }

        var text = node.ToJsonString();
        return text.AsSpan().IndexOfAny('.', 'e', 'E') < 0
            && long.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out value);
    }
}
