using System.Text;
using System.Text.Json.Nodes;

namespace WorkflowDefinitions.Domain.Common;

/// <summary>
/// Where a value sits in a document, as a chain of property names, array indexes and keys of client-named entries
/// (<c>_resolved_automations['id']</c>). Cheap to extend; the text form (<c>a.b[2].c</c>, root-relative) is only built
/// when it is shown, with client-chosen keys cut. <see cref="Template"/> is the same path with indexes and keys blanked.
/// </summary>
public sealed class JsonPath
{
    private readonly JsonPath? _parent;
    private readonly string? _name;
    private readonly int _index;
    private readonly bool _isKey;

    private JsonPath(JsonPath? parent, string? name, int index, bool isKey)
    {
        _parent = parent;
        _name = name;
        _index = index;
        _isKey = isKey;
    }

    public static JsonPath Root { get; } = new(null, null, -1, isKey: false);

    /// <summary>A property the model names (never client text).</summary>
    public JsonPath Property(string name) => new(this, name, -1, isKey: false);

    public JsonPath Index(int index) => new(this, null, index, isKey: false);

    /// <summary>An entry of an object whose property names the client chooses (e.g. automation ids).</summary>
    public JsonPath Key(string name) => new(this, name, -1, isKey: true);

    /// <summary>The path with every index and key blanked (<c>tasks[].id</c>): the same for every document.</summary>
    public string Template => Build(template: true);

    /// <summary>The node at this path in <paramref name="root"/>, or null when the path leads nowhere.</summary>
    public JsonNode? Find(JsonNode root) => _parent is null
        ? root
        : _parent.Find(root) switch
        {
            JsonObject parent when _name is not null => parent[_name],
            JsonArray parent when _name is null && _index < parent.Count => parent[_index],
            _ => null,
        };

    /// <summary>Removes the property this path names from its parent object in <paramref name="root"/>.</summary>
    public void RemoveFrom(JsonNode root)
    {
        if (_name is not null && _parent?.Find(root) is JsonObject parent)
        {
            parent.Remove(_name);
        }
    }

    public override string ToString() => Build(template: false);

    private string Build(bool template)
    {
        var builder = new StringBuilder();
        Append(builder, template);
        return builder.ToString();
    }

    private void Append(StringBuilder builder, bool template)
    {
        if (_parent is null)
        {
            return;
        }

        _parent.Append(builder, template);
        if (_name is null)
        {
            builder.Append('[');
            if (!template)
            {
                builder.Append(_index);
            }

            builder.Append(']');
            return;
        }

        if (_isKey)
        {
            builder.Append("['").Append(template ? "*" : ClientText.Cut(_name).Replace("'", "\\'", StringComparison.Ordinal)).Append("']");
            return;
        }

        if (builder.Length > 0)
        {
            builder.Append('.');
        }

        builder.Append(_name);
    }
}
