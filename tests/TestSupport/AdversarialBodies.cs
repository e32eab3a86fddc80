using System.Text;
using System.Text.Json.Nodes;

namespace WorkflowDefinitions.TestSupport;

/// <summary>
/// One shape of hostile request: a body built to make one rule, parser or writer do as much work as its size allows.
/// <see cref="Build"/> makes it at a scale (1, 2, 4, … times the base size); <see cref="BuildAt"/> makes the largest
/// one within the hard caps and pads it to a given number of bytes.
/// </summary>
public sealed record AdversarialCase(string Name, string Finding, string Method, string Route, int ExpectedStatus, Func<int, JsonNode> Build)
{
    public string Body(int scale) => Build(scale).ToJsonString();

    /// <summary>The body at scale 4 padded with an unknown property of strings to <paramref name="bytes"/> (when smaller).</summary>
    public string BuildAt(int bytes)
    {
        var body = Body(4);
        return Encoding.UTF8.GetByteCount(body) >= bytes ? body : AdversarialBodies.PadTo(body, bytes);
    }

    public override string ToString() => Name;
}

/// <summary>The shapes of hostile request the adversarial tests and the <c>adversarial</c> benchmark send.</summary>
public static class AdversarialBodies
{
    /// <summary>Contract D03: the largest body the service reads.</summary>
    public const int SixMebibytes = 6 * 1024 * 1024;

    /// <summary>Strings in padding stay well below the string cap (100,000 code points).</summary>
    private const int PaddingPiece = 50_000;

    public static IReadOnlyList<AdversarialCase> All { get; } =
    [
        new("hostile-echo", "a rejected value echoed whole and masked by a backtracking regex", "POST", "/v2/flows/templates", 400,
            scale => WithExtra(Flow(), "due_date_config", new JsonObject
            {
                ["duration"] = 1, ["unit"] = "days", ["type"] = "TASK_FINISHED", ["task_id"] = HostileText.EscapedQuotes(12_000 * scale),
            })),
        new("hostile-echo-tasks", "rejected values of every task echoed whole", "POST", "/v2/flows/templates", 400,
            scale => Chain(500 * scale, (task, _) => task["phase_id"] = HostileText.EscapedQuotes(350))),
        new("upstream-refused", "one breadth-first search per automation task (input not upstream)", "POST", "/v2/flows/templates", 400,
            scale => Chain(500 * scale, (task, i) => Automate(task, inputFrom: $"t{i + 1}"))),
        new("upstream-valid", "one breadth-first search per automation task (input far upstream)", "POST", "/v2/flows/templates", 201,
            scale => Chain(500 * scale, (task, i) => Automate(task, inputFrom: i == 0 ? null : "t0"))),
        new("decision-branches", "every branch edge scanned all conditions of its decision", "POST", "/v2/flows/templates", 201,
            scale => DecisionFanOut(conditions: 15_000 * scale, edges: 1250 * scale)),
        new("wide-object", "rendering moved each top-level property out of the document one by one", "POST", "/v2/flows/templates", 201,
            scale => Wide(Flow(), 90_000 * scale)),
        new("deep-nesting", "unknown data nested 60 levels deep, many times (up to the token cap)", "POST", "/v2/flows/templates", 201,
            scale => WithExtra(Flow(), "nested", new JsonArray([.. Enumerable.Range(0, 2_000 * scale).Select(_ => Deep(60))]))),
        new("token-dense", "millions of tokens in nested arrays: twelve bytes of parsed document per byte of body", "POST", "/v2/flows/templates", 400,
            scale => WithExtra(Flow(), "nested", new JsonArray([.. Enumerable.Range(0, 12_500 * scale).Select(_ => Deep(60))]))),
        new("requirement-cycle", "a requirement chain closing into a cycle of every task", "POST", "/v2/flows/templates", 400,
            scale => Chain(500 * scale, (task, i) => task["requirements"] = new JsonArray(new JsonObject { ["when"] = "TASK_FINISHED", ["task_id"] = $"t{(i + 1) % (500 * scale)}" }))),
        new("edge-cycle", "an edge chain closing into a cycle of every task", "POST", "/v2/flows/templates", 400,
            scale => WithBackEdge(Chain(500 * scale, (_, _) => { }), 500 * scale)),
        new("many-violations", "hundreds of thousands of wrongly typed items, each a violation", "POST", "/v2/flows/templates", 400,
            scale => WithExtra(Flow(), "taxonomies", new JsonArray([.. Enumerable.Range(0, 200_000 * scale).Select(_ => (JsonNode)1)]))),
        new("definition-steps", "a V1 definition whose steps all wait on the one before", "POST", "/v1/workflows/definitions", 201,
            scale => Definition(499 * scale)),
        new("closing-reason-wide", "a closing reason with hundreds of thousands of extra properties", "POST", "/v1/workflows/closing-reasons", 201,
            scale => Wide(new JsonObject { ["title"] = "Wide" }, 90_000 * scale)),
        new("import-bundle", "an import bundle of large automations, most of them unreferenced", "POST", "/v2/flows/templates/import", 201,
            scale => Bundle(125 * scale)),
        new("search-body", "a search body full of unknown properties", "POST", "/v2/flows/templates:search", 200,
            scale => Wide(new JsonObject { ["name"] = HostileText.Mixed(50_000), ["size"] = 1 }, 90_000 * scale)),
    ];

    /// <summary>Adds an unknown property of strings to <paramref name="json"/> (an object) until it is <paramref name="bytes"/> long.</summary>
    public static string PadTo(string json, int bytes)
    {
        const string Key = ",\"padding\":[";
        var room = bytes - Encoding.UTF8.GetByteCount(json) - Key.Length - 1;
        var builder = new StringBuilder(json, 0, json.Length - 1, bytes + 16).Append(Key);
        var first = true;
        while (room > 3)
        {
            var length = Math.Min(PaddingPiece, room - 3);
            builder.Append(first ? string.Empty : ",").Append('"').Append('x', length).Append('"');
            room -= length + (first ? 2 : 3);
            first = false;
        }

        return builder.Append("]}").ToString();
    }

    /// <summary>A valid flow of <paramref name="count"/> manual tasks in a chain, each shaped further by <paramref name="shape"/>.</summary>
    public static JsonObject Chain(int count, Action<JsonObject, int> shape)
    {
        var tasks = new JsonArray();
        var edges = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            var task = new JsonObject { ["id"] = $"t{i}", ["name"] = $"Task {i}", ["task_type"] = "MANUAL" };
            shape(task, i);
            tasks.Add(task);
            if (i + 1 < count)
            {
                edges.Add(new JsonObject { ["id"] = $"e{i}", ["from_id"] = $"t{i}", ["to_id"] = $"t{i + 1}" });
            }
        }

        return new JsonObject { ["name"] = $"Chain of {count}", ["tasks"] = tasks, ["edges"] = edges };
    }

    private static JsonObject Flow() => new() { ["name"] = "Hostile", ["tasks"] = new JsonArray(), ["edges"] = new JsonArray() };

    private static void Automate(JsonObject task, string? inputFrom)
    {
        task["task_type"] = "AUTOMATION";
        var config = new JsonObject { ["flow_id"] = "automation-1" };
        if (inputFrom is not null)
        {
            config["input_context"] = new JsonObject { ["source"] = "task", ["task_id"] = inputFrom };
        }

        task["automation_config"] = config;
    }

    private static JsonObject DecisionFanOut(int conditions, int edges)
    {
        var decision = new JsonObject
        {
            ["id"] = "d",
            ["name"] = "Decide",
            ["task_type"] = "DECISION",
            ["trigger_mode"] = "automatic",
            ["conditions"] = new JsonArray([.. Enumerable.Range(0, conditions).Select(i => (JsonNode)new JsonObject
            {
                ["id"] = $"c{i}",
                ["branch_name"] = $"Branch {i}",
                ["logical_operator"] = "AND",
                ["statements"] = null,
            })]),
        };
        var target = new JsonObject { ["id"] = "t", ["name"] = "Next", ["task_type"] = "MANUAL" };
        return new JsonObject
        {
            ["name"] = "Fan-out",
            ["tasks"] = new JsonArray(decision, target),
            ["edges"] = new JsonArray([.. Enumerable.Range(0, edges).Select(i => (JsonNode)new JsonObject
            {
                ["id"] = $"e{i}",
                ["from_id"] = "d",
                ["to_id"] = "t",
                ["condition_id"] = $"c{conditions - 1 - i}",
            })]),
        };
    }

    private static JsonObject Wide(JsonObject owner, int properties)
    {
        for (var i = 0; i < properties; i++)
        {
            owner[$"k{i}"] = i;
        }

        return owner;
    }

    private static JsonObject WithExtra(JsonObject owner, string name, JsonNode value)
    {
        owner[name] = value;
        return owner;
    }

    private static JsonNode Deep(int levels)
    {
        JsonNode node = 1;
        for (var i = 0; i < levels; i++)
        {
            node = new JsonArray(node);
        }

        return node;
    }

    private static JsonObject WithBackEdge(JsonObject flow, int count)
    {
        flow["edges"]!.AsArray().Add(new JsonObject { ["id"] = "back", ["from_id"] = $"t{count - 1}", ["to_id"] = "t0" });
        return flow;
    }

    private static JsonObject Definition(int steps) => new()
    {
        ["name"] = "Steps",
        ["flow"] = new JsonArray(new JsonObject
        {
            ["id"] = "s",
            ["name"] = "Section",
            ["order"] = 1,
            ["type"] = "SECTION",
            ["steps"] = new JsonArray([.. Enumerable.Range(0, steps).Select(i =>
            {
                var step = new JsonObject { ["id"] = $"step{i}", ["name"] = $"Step {i}", ["order"] = i, ["type"] = "STEP" };
                if (i > 0)
                {
                    step["requirements"] = new JsonArray(new JsonObject { ["definitionId"] = $"step{i - 1}", ["type"] = "STEP", ["condition"] = "CLOSED" });
                }

                return (JsonNode)step;
            })]),
        }),
    };

    /// <summary>An import bundle: a flow referring to 20 of its <paramref name="automations"/> automations of about 12 KB each.</summary>
    private static JsonObject Bundle(int automations)
    {
        var bundle = Chain(20, (task, i) =>
        {
            task["task_type"] = "AUTOMATION";
            task["automation_config"] = new JsonObject { ["flow_id"] = $"a{i}" };
        });
        bundle["_resolved_automations"] = new JsonObject([.. Enumerable.Range(0, automations).Select(i => KeyValuePair.Create($"a{i}", (JsonNode?)new JsonObject
        {
            ["flow_name"] = $"Automation {i}",
            ["triggers"] = new JsonArray(new JsonObject { ["type"] = "flows_trigger" }),
            ["actions"] = new JsonArray(new JsonObject { ["type"] = "send-email", ["template"] = new string('m', 12_000) }),
        }))]);
        return bundle;
    }
}
