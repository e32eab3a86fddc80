using System.Text.Json.Nodes;

namespace WorkflowDefinitions.TestSupport;

/// <summary>
/// Generates valid flow documents of a given size that use most of the schema: phases, decisions with branches,
/// automations reading upstream output, due-date rules, requirements, schedules and entity sync.
/// </summary>
public static class FlowGenerator
{
    public static JsonObject Create(int taskCount, string name = "Generated flow")
    {
        const int PhaseCount = 10;
        var phases = new JsonArray();
        for (var p = 0; p < PhaseCount; p++)
        {
            phases.Add(new JsonObject { ["id"] = $"p{p}", ["name"] = $"Phase {p}" });
        }

        var tasks = new JsonArray();
        var edges = new JsonArray();
        for (var i = 0; i < taskCount; i++)
        {
            var task = new JsonObject
            {
                ["id"] = $"t{i}",
                ["name"] = $"Task {i}",
                ["phase_id"] = $"p{i * PhaseCount / taskCount}",
                ["assigned_to"] = new JsonArray("user_1", new JsonObject { ["variable"] = "{{entity.owner}}" }),
                ["description"] = new JsonObject { ["enabled"] = true, ["value"] = $"Step {i} of the generated flow" },
            };
            var next = i + 1 < taskCount ? $"t{i + 1}" : null;
            switch (i % 10)
            {
                case 5:
                    task["task_type"] = "DECISION";
                    task["trigger_mode"] = "automatic";
                    task["conditions"] = new JsonArray(Condition($"c{i}a", "Approved"), Condition($"c{i}b", "Rejected"));
                    edges.Add(new JsonObject { ["id"] = $"e{i}a", ["from_id"] = $"t{i}", ["to_id"] = next, ["condition_id"] = $"c{i}a" });
                    edges.Add(new JsonObject { ["id"] = $"e{i}b", ["from_id"] = $"t{i}", ["to_id"] = i + 2 < taskCount ? $"t{i + 2}" : null, ["condition_id"] = $"c{i}b" });
                    edges.Add(new JsonObject { ["id"] = $"e{i}n", ["from_id"] = $"t{i}", ["to_id"] = null, ["none_met"] = true });
                    tasks.Add(task);
                    continue;
                case 7:
                    task["task_type"] = "AUTOMATION";
                    task["automation_config"] = new JsonObject
                    {
                        ["flow_id"] = $"automation-{i}",
                        ["input_context"] = new JsonObject { ["source"] = "task", ["task_id"] = $"t{i - 1}" },
                    };
                    task["schedule"] = new JsonObject { ["mode"] = "delayed", ["duration"] = 2, ["unit"] = "hours" };
                    break;
                default:
                    task["task_type"] = "MANUAL";
                    if (i > 0)
                    {
                        task["requirements"] = new JsonArray(new JsonObject { ["when"] = "TASK_FINISHED", ["task_id"] = $"t{i - 1}" });
                        task["due_date_config"] = new JsonObject { ["duration"] = 3, ["unit"] = "days", ["type"] = "TASK_FINISHED", ["task_id"] = $"t{i - 1}" };
                    }

                    break;
            }

            tasks.Add(task);
            if (next is not null)
            {
                edges.Add(new JsonObject { ["id"] = $"e{i}", ["from_id"] = $"t{i}", ["to_id"] = next });
            }
        }

        return new JsonObject
        {
            ["name"] = name,
            ["description"] = $"A generated flow with {taskCount} tasks",
            ["version"] = "v3",
            ["trigger"] = new JsonObject { ["id"] = "start", ["type"] = "manual", ["entity_schema"] = "opportunity" },
            ["phases"] = phases,
            ["tasks"] = tasks,
            ["edges"] = edges,
            ["closing_reasons"] = new JsonArray(new JsonObject { ["id"] = "won" }, new JsonObject { ["id"] = "lost" }),
            ["entity_sync"] = new JsonArray(
                new JsonObject
                {
                    ["trigger"] = new JsonObject { ["event"] = "TaskCompleted", ["filter"] = new JsonObject { ["task_template_id"] = "t0" } },
                    ["target"] = new JsonObject { ["entitySchema"] = "opportunity", ["entityAttribute"] = "stage" },
                    ["value"] = new JsonObject { ["source"] = "task_name" },
                }),
        };
    }

    private static JsonObject Condition(string id, string branch) => new()
    {
        ["id"] = id,
        ["branch_name"] = branch,
        ["logical_operator"] = "AND",
        ["statements"] = new JsonArray(
            new JsonObject
            {
                ["id"] = $"{id}s1",
                ["source"] = new JsonObject { ["origin"] = "trigger", ["origin_type"] = "entity", ["schema"] = "opportunity", ["attribute"] = "status" },
                ["operator"] = "equals",
                ["values"] = new JsonArray(branch.ToLowerInvariant()),
            }),
    };
}
