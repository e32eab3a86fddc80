using System.Text.Json;

namespace WorkflowDefinitions.Application.Workflows.History;

/// <summary>One difference between two representations of a workflow.</summary>
/// <param name="Op"><c>add</c>, <c>remove</c> or <c>replace</c>.</param>
/// <param name="Entity"><c>flow</c> (the workflow's own fields), <c>task</c>, <c>edge</c>, <c>phase</c> or <c>trigger</c>.</param>
/// <param name="Id">The entity's id; null for the workflow's own fields.</param>
/// <param name="Path">JSON pointer: into the newer representation for add and replace, into the older for remove.</param>
public sealed record DiffChange(string Op, string Entity, string? Id, string Path, DiffValue? Old, DiffValue? New);

/// <summary>
/// A value a change carries: an element of one of the compared representations as it is, or — an entity carried whole
/// — without the properties named in <paramref name="Without"/> (a V1 section without its steps, which are entities of
/// their own). It is written from the representation's document; no copy of it is made.
/// </summary>
public readonly record struct DiffValue(JsonElement Element, IReadOnlyCollection<string> Without)
{
    public DiffValue(JsonElement element)
        : this(element, [])
    {
    }

    public void WriteTo(Utf8JsonWriter writer)
    {
        if (Without.Count == 0 || Element.ValueKind != JsonValueKind.Object)
        {
            Element.WriteTo(writer);
            return;
        }

        writer.WriteStartObject();
        foreach (var property in Element.EnumerateObject())
        {
            if (!Without.Contains(property.Name))
            {
                property.WriteTo(writer);
            }
        }

        writer.WriteEndObject();
    }
}

/// <summary>
/// What changed between two representations of a flow or definition. Tasks, edges, phases and triggers (V1: steps and
/// sections) are matched by id, so moving one in its array is no change; each matched entity is compared field by
/// field, so renaming a task is one <c>replace</c> at <c>/tasks/{i}/name</c>. An added or removed entity is one change
/// carrying it whole; every other field of the workflow is compared whole (as JSON compares: properties in any order,
/// numbers by value). Server-managed fields are left out. The representations are read as documents (their text and
/// 12 bytes per token), never as node trees, and the changes point into them; the cost is linear in their size.
/// </summary>
public static class RepresentationDiff
{
    private const string Add = "add";
    private const string Remove = "remove";
    private const string Replace = "replace";

    public static IReadOnlyList<DiffChange> OfFlows(JsonElement from, JsonElement to)
    {
        var entityFields = new HashSet<string>(StringComparer.Ordinal) { "tasks", "edges", "phases", "trigger", "additional_triggers" };
        var changes = new List<DiffChange>();
        CompareFields(changes, "flow", null, string.Empty, from, to, [.. FlowTemplateFields(entityFields)]);
        CompareEntities(changes, "trigger", Triggers(from), Triggers(to));
        CompareEntities(changes, "phase", Items(from, "phases"), Items(to, "phases"));
        CompareEntities(changes, "task", Items(from, "tasks"), Items(to, "tasks"));
        CompareEntities(changes, "edge", Items(from, "edges"), Items(to, "edges"));
        return changes;

        IEnumerable<string> FlowTemplateFields(HashSet<string> excluded) =>
            FlowTemplates.FlowTemplateHistory.ServerManagedProperties.Concat(excluded);
    }

    public static IReadOnlyList<DiffChange> OfDefinitions(JsonElement from, JsonElement to)
    {
        var changes = new List<DiffChange>();
        CompareFields(changes, "flow", null, string.Empty, from, to, [.. LegacyWorkflowDefinitions.DefinitionHistory.ServerManagedProperties, "flow"]);
        CompareEntities(changes, "phase", DefinitionItems(from, sections: true), DefinitionItems(to, sections: true), "steps");
        CompareEntities(changes, "task", DefinitionItems(from, sections: false), DefinitionItems(to, sections: false));
        return changes;
    }

    /// <summary>An entity at its path, keyed by its id (or, without one, by where it is).</summary>
    private sealed record Entity(string Key, string? Id, string Path, JsonElement Value);

    private static void CompareFields(
        List<DiffChange> changes, string entity, string? id, string path, JsonElement from, JsonElement to, IReadOnlyCollection<string> ignored)
    {
        var older = new Properties(from);
        var newer = new Properties(to);
        foreach (var property in to.EnumerateObject())
        {
            var name = property.Name;
            if (ignored.Contains(name))
            {
                continue;
            }

            var fieldPath = $"{path}/{Escape(name)}";
            if (!older.TryGet(name, out var oldValue))
            {
                changes.Add(new DiffChange(Add, entity, id, fieldPath, null, new DiffValue(property.Value)));
            }
            else if (!JsonElement.DeepEquals(oldValue, property.Value))
            {
                changes.Add(new DiffChange(Replace, entity, id, fieldPath, new DiffValue(oldValue), new DiffValue(property.Value)));
            }
        }

        foreach (var property in from.EnumerateObject())
        {
            if (!ignored.Contains(property.Name) && !newer.TryGet(property.Name, out _))
            {
                changes.Add(new DiffChange(Remove, entity, id, $"{path}/{Escape(property.Name)}", new DiffValue(property.Value), null));
            }
        }
    }

    private static void CompareEntities(List<DiffChange> changes, string kind, List<Entity> from, List<Entity> to, params string[] ignored)
    {
        var older = new Dictionary<string, Entity>(StringComparer.Ordinal);
        foreach (var entity in from)
        {
            older.TryAdd(entity.Key, entity);
        }

        var matched = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entity in to)
        {
            if (older.TryGetValue(entity.Key, out var before) && matched.Add(entity.Key))
            {
                CompareFields(changes, kind, entity.Id, entity.Path, before.Value, entity.Value, ignored);
            }
            else
            {
                changes.Add(new DiffChange(Add, kind, entity.Id, entity.Path, null, new DiffValue(entity.Value, ignored)));
            }
        }

        foreach (var entity in from)
        {
            if (!matched.Contains(entity.Key) && ReferenceEquals(older[entity.Key], entity))
            {
                changes.Add(new DiffChange(Remove, kind, entity.Id, entity.Path, new DiffValue(entity.Value, ignored), null));
            }
        }
    }

    private static List<Entity> Items(JsonElement representation, string name) =>
        representation.TryGetProperty(name, out var items) && items.ValueKind == JsonValueKind.Array ? [.. Entities(items, $"/{name}")] : [];

    /// <summary>The main trigger and the additional ones; a trigger without an id is known by its place.</summary>
    private static List<Entity> Triggers(JsonElement representation)
    {
        var triggers = new List<Entity>();
        if (representation.TryGetProperty("trigger", out var main) && main.ValueKind == JsonValueKind.Object)
        {
            triggers.Add(new Entity(IdOf(main) ?? "#main", IdOf(main), "/trigger", main));
        }

        if (representation.TryGetProperty("additional_triggers", out var additional) && additional.ValueKind == JsonValueKind.Array)
        {
            triggers.AddRange(Entities(additional, "/additional_triggers"));
        }

        return triggers;
    }

    /// <summary>V1 sections (<paramref name="sections"/>) or steps, at the top level and inside sections.</summary>
    private static List<Entity> DefinitionItems(JsonElement representation, bool sections)
    {
        var found = new List<Entity>();
        if (!representation.TryGetProperty("flow", out var items) || items.ValueKind != JsonValueKind.Array)
        {
            return found;
        }

        var i = 0;
        foreach (var item in items.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Object)
            {
                var isSection = item.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.ValueEquals("SECTION");
                if (isSection == sections)
                {
                    found.Add(EntityAt(item, $"/flow/{i}", i));
                }

                if (isSection && !sections && item.TryGetProperty("steps", out var steps) && steps.ValueKind == JsonValueKind.Array)
                {
                    found.AddRange(Entities(steps, $"/flow/{i}/steps"));
                }
            }

            i++;
        }

        return found;
    }

    private static IEnumerable<Entity> Entities(JsonElement items, string path)
    {
        var i = 0;
        foreach (var item in items.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Object)
            {
                yield return EntityAt(item, $"{path}/{i}", i);
            }

            i++;
        }
    }

    private static Entity EntityAt(JsonElement item, string path, int index) => new(IdOf(item) ?? $"#{path}#{index}", IdOf(item), path, item);

    private static string? IdOf(JsonElement item) =>
        item.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;

    private static string Escape(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    /// <summary>
    /// An object's properties by name: a small object is looked up in place, a large one through a dictionary built once,
    /// so that comparing two objects of many properties is not a scan of one per property of the other.
    /// </summary>
    private sealed class Properties
    {
        private const int ScannedUpTo = 16;

        private readonly JsonElement _object;
        private readonly Dictionary<string, JsonElement>? _byName;

        public Properties(JsonElement json)
        {
            _object = json;
            if (json.GetPropertyCount() > ScannedUpTo)
            {
                _byName = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
                foreach (var property in json.EnumerateObject())
                {
                    _byName.TryAdd(property.Name, property.Value);
                }
            }
        }

        public bool TryGet(string name, out JsonElement value) =>
            _byName?.TryGetValue(name, out value) ?? _object.TryGetProperty(name, out value);
    }
}
