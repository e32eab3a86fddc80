using System.Text;
using System.Text.Json.Nodes;

namespace WorkflowDefinitions.Domain.Common;

/// <summary>
/// Where a value sits in a document, as a chain of property names and array indexes. Cheap to extend; the text form
/// (<c>a.b[2].c</c>, root-relative) is only built when it is shown.
/// </summary>
public sealed class JsonPath
{
    private readonly JsonPath? _parent;
    private readonly string? _property;
    private readonly int _index;

    private JsonPath(JsonPath? parent, string? property, int index)
    {
        _parent = parent;
        _property = property;
        _index = index;
    }

    public static JsonPath Root { get; } = new(null, null, -1);

    public JsonPath Property(string name) => new(this, name, -1);

    public JsonPath Index(int index) => new(this, null, index);

    /// <summary>The node at this path in <paramref name="root"/>, or null when the path leads nowhere.</summary>
    public JsonNode? Find(JsonNode root) => _parent is null
        ? root
        : _parent.Find(root) switch
        {
            JsonObject parent when _property is not null => parent[_property],
            JsonArray parent when _property is null && _index < parent.Count => parent[_index],
            _ => null,
        };

    /// <summary>Removes the property this path names from its parent object in <paramref name="root"/>.</summary>
    public void RemoveFrom(JsonNode root)
    {
        if (_property is not null && _parent?.Find(root) is JsonObject parent)
        {
            parent.Remove(_property);
        }
    }

    public override string ToString()
    {
        var builder = new StringBuilder();
        Append(builder);
        return builder.ToString();
    }

    private void Append(StringBuilder builder)
    {
        if (_parent is null)
        {
            return;
        }

        _parent.Append(builder);
        if (_property is null)
        {
            builder.Append('[').Append(_index).Append(']');
            return;
        }

        if (builder.Length > 0)
        {
            builder.Append('.');
        }

        builder.Append(_property);
    }
}
