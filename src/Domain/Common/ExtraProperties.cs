using System.Text.Json;
using System.Text.Json.Nodes;

namespace WorkflowDefinitions.Domain.Common;

/// <summary>
/// The properties a client sent that the model does not name. They are kept exactly (values, array order,
/// nested unknown properties) and returned unchanged. Immutable: every read hands out a deep copy.
/// </summary>
public sealed class ExtraProperties : IEquatable<ExtraProperties>
{
    private readonly JsonObject _properties;

    private ExtraProperties(JsonObject properties) => _properties = properties;

    public static ExtraProperties None { get; } = new(new JsonObject());

    public int Count => _properties.Count;

    public IEnumerable<string> Names => _properties.Select(p => p.Key);

    /// <summary>Copies every property of <paramref name="source"/> except the <paramref name="excludedNames"/>.</summary>
    public static ExtraProperties From(JsonObject source, IReadOnlySet<string> excludedNames)
    {
        var kept = new JsonObject();
        foreach (var (name, value) in source)
        {
            if (!excludedNames.Contains(name))
            {
                kept[name] = value?.DeepClone();
            }
        }

        return new ExtraProperties(kept);
    }

    /// <summary>
    /// Copies every property of <paramref name="source"/> (an object) except the <paramref name="excludedNames"/>: the
    /// element is copied once, and its properties become nodes over that copy (not a node tree per value).
    /// </summary>
    public static ExtraProperties From(JsonElement source, IReadOnlySet<string> excludedNames)
    {
        var kept = JsonObject.Create(source.Clone())!;
        foreach (var name in excludedNames)
        {
            kept.Remove(name);
        }

        return new ExtraProperties(kept);
    }

    /// <summary>
    /// Applies a JSON merge patch (RFC 7386) restricted to names not in <paramref name="excludedNames"/>:
    /// <c>null</c> removes a property, objects merge recursively, anything else replaces.
    /// </summary>
    public ExtraProperties Merge(JsonObject patch, IReadOnlySet<string> excludedNames)
    {
        var merged = (JsonObject)_properties.DeepClone();
        foreach (var (name, value) in patch)
        {
            if (!excludedNames.Contains(name))
            {
                MergeProperty(merged, name, value);
            }
        }

        return new ExtraProperties(merged);
    }

    /// <summary>A copy of the properties by name (each value deep-copied), without building a copy of the object first.</summary>
    public Dictionary<string, object?> ToDictionary() =>
        _properties.ToDictionary(property => property.Key, property => (object?)property.Value?.DeepClone());

    /// <summary>Writes the properties as one JSON object, as they are (nothing is copied).</summary>
    public void WriteTo(Utf8JsonWriter writer) => _properties.WriteTo(writer);

    public bool Equals(ExtraProperties? other) =>
        other is not null && JsonNode.DeepEquals(_properties, other._properties);

    public override bool Equals(object? obj) => Equals(obj as ExtraProperties);

    public override int GetHashCode() => _properties.Count;

    private static void MergeProperty(JsonObject target, string name, JsonNode? patchValue)
    {
        if (patchValue is null)
        {
            target.Remove(name);
            return;
        }

        if (patchValue is not JsonObject patchObject)
        {
            target[name] = patchValue.DeepClone();
            return;
        }

        if (target[name] is not JsonObject targetObject)
        {
            targetObject = new JsonObject();
            target[name] = targetObject;
        }

        foreach (var (childName, childValue) in patchObject)
        {
            MergeProperty(targetObject, childName, childValue);
        }
    }
}
