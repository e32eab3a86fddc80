using System.Text.Json.Nodes;

namespace WorkflowDefinitions.Application.Workflows.History;

/// <summary>One difference between two representations of a workflow.</summary>
/// <param name="Op"><c>add</c>, <c>remove</c> or <c>replace</c>.</param>
/// <param name="Entity"><c>flow</c> (the workflow's own fields), <c>task</c>, <c>edge</c>, <c>phase</c> or <c>trigger</c>.</param>
/// <param name="Id">The entity's id; null for the workflow's own fields.</param>
/// <param name="Path">JSON pointer: into the newer representation for add and replace, into the older for remove.</param>
public sealed record DiffChange(string Op, string Entity, string? Id, string Path, JsonNode? Old, JsonNode? New);

/// <summary>
/// What changed between two representations of a flow or definition. Tasks, edges, phases and triggers (V1: steps and
/// sections) are matched by id, so moving one in its array is no change; each matched entity is compared field by
/// field, so renaming a task is one <c>replace</c> at <c>/tasks/{i}/name</c>. An added or removed entity is one change
/// carrying it whole; every other field of the workflow is compared whole. Server-managed fields are left out. The cost
/// is linear in the size of the two representations.
/// </summary>
public static class RepresentationDiff
{
    private const string Add = "add";
    private const string Remove = "remove";
    private const string Replace = "replace";

    public static IReadOnlyList<DiffChange> OfFlows(JsonObject from, JsonObject to)
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

    public static IReadOnlyList<DiffChange> OfDefinitions(JsonObject from, JsonObject to)
    {
        var changes = new List<DiffChange>();
        CompareFields(changes, "flow", null, string.Empty, from, to, [.. LegacyWorkflowDefinitions.DefinitionHistory.ServerManagedProperties, "flow"]);
        CompareEntities(changes, "phase", DefinitionItems(from, sections: true), DefinitionItems(to, sections: true), "steps");
        CompareEntities(changes, "task", DefinitionItems(from, sections: false), DefinitionItems(to, sections: false));
        return changes;
    }

    /// <summary>An entity at its path, keyed by its id (or, without one, by where it is).</summary>
    private sealed record Entity(string Key, string? Id, string Path, JsonObject Value);

    private static void CompareFields(
        List<DiffChange> changes, string entity, string? id, string path, JsonObject from, JsonObject to, IReadOnlyCollection<string> ignored)
    {
        foreach (var (name, newValue) in to)
        {
            if (ignored.Contains(name))
            {
                continue;
            }

            var fieldPath = $"{path}/{Escape(name)}";
            if (!from.TryGetPropertyValue(name, out var oldValue))
            {
                changes.Add(new DiffChange(Add, entity, id, fieldPath, null, newValue?.DeepClone()));
            }
            else if (!JsonNode.DeepEquals(oldValue, newValue))
            {
                changes.Add(new DiffChange(Replace, entity, id, fieldPath, oldValue?.DeepClone(), newValue?.DeepClone()));
            }
        }

        foreach (var (name, oldValue) in from)
        {
            if (!ignored.Contains(name) && !to.ContainsKey(name))
            {
                changes.Add(new DiffChange(Remove, entity, id, $"{path}/{Escape(name)}", oldValue?.DeepClone(), null));
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
                changes.Add(new DiffChange(Add, kind, entity.Id, entity.Path, null, Without(entity.Value, ignored)));
            }
        }

        foreach (var entity in from)
        {
            if (!matched.Contains(entity.Key) && older[entity.Key] == entity)
            {
                changes.Add(new DiffChange(Remove, kind, entity.Id, entity.Path, Without(entity.Value, ignored), null));
            }
        }
    }

    private static List<Entity> Items(JsonObject representation, string name) =>
        representation[name] is JsonArray items ? [.. Entities(items, $"/{name}")] : [];

    /// <summary>The main trigger and the additional ones; a trigger without an id is known by its place.</summary>
    private static List<Entity> Triggers(JsonObject representation)
    {
        var triggers = new List<Entity>();
        if (representation["trigger"] is JsonObject main)
        {
            triggers.Add(new Entity(IdOf(main) ?? "#main", IdOf(main), "/trigger", main));
        }

        if (representation["additional_triggers"] is JsonArray additional)
        {
            triggers.AddRange(Entities(additional, "/additional_triggers"));
        }

        return triggers;
    }

    /// <summary>V1 sections (<paramref name="sections"/>) or steps, at the top level and inside sections.</summary>
    private static List<Entity> DefinitionItems(JsonObject representation, bool sections)
    {
        var found = new List<Entity>();
        if (representation["flow"] is not JsonArray items)
        {
            return found;
        }

        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not JsonObject item)
            {
                continue;
            }

            var isSection = item["type"] is JsonValue type && type.TryGetValue<string>(out var text) && text == "SECTION";
            if (isSection == sections)
            {
                found.Add(EntityAt(item, $"/flow/{i}", i));
            }

            if (isSection && !sections && item["steps"] is JsonArray steps)
            {
                found.AddRange(Entities(steps, $"/flow/{i}/steps"));
            }
        }

        return found;
    }

    private static IEnumerable<Entity> Entities(JsonArray items, string path)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is JsonObject item)
            {
                yield return EntityAt(item, $"{path}/{i}", i);
            }
        }
    }

    private static Entity EntityAt(JsonObject item, string path, int index) => new(IdOf(item) ?? $"#{path}#{index}", IdOf(item), path, item);

    private static string? IdOf(JsonObject item) => item["id"] is JsonValue id && id.TryGetValue<string>(out var text) ? text : null;

    private static JsonObject Without(JsonObject value, string[] names)
    {
        var copy = (JsonObject)value.DeepClone();
        foreach (var name in names)
        {
            copy.Remove(name);
        }

        return copy;
    }

    private static string Escape(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
