using System.Text.Json.Nodes;

namespace WorkflowDefinitions.Application.Automations;

/// <summary>Building blocks for automation flows as the Automation API defines them (<c>AutomationFlow</c>).</summary>
public static class AutomationFlows
{
    public const string TriggerWorkflowAction = "trigger-workflow";

    /// <summary>Set by the Automation API; never sent to it.</summary>
    public static IReadOnlyList<string> ReadOnlyProperties { get; } = ["id", "org_id", "created_at", "updated_at", "created_by", "last_updated_by"];

    /// <summary>A copy of <paramref name="flow"/> fit to be sent: without the read-only properties.</summary>
    public static JsonObject WritableCopy(JsonObject flow)
    {
        var copy = (JsonObject)flow.DeepClone();
        foreach (var property in ReadOnlyProperties)
        {
            copy.Remove(property);
        }

        return copy;
    }

    /// <summary>Points every <c>trigger-workflow</c> action aimed at <paramref name="oldWorkflowId"/> at <paramref name="newWorkflowId"/>.</summary>
    public static void RetargetWorkflowTriggers(JsonObject flow, string oldWorkflowId, string newWorkflowId)
    {
        foreach (var action in (flow["actions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (IsText(action["type"], TriggerWorkflowAction) && action["config"] is JsonObject config && IsText(config["target_workflow"], oldWorkflowId))
            {
                config["target_workflow"] = newWorkflowId;
            }
        }
    }

    /// <summary>The <c>id</c> of a flow the Automation API returned.</summary>
    public static string IdOf(JsonObject flow) =>
        flow["id"] is JsonValue id && id.TryGetValue<string>(out var text) && text.Length > 0
            ? text
            : throw new AutomationUnavailableException("The Automation API returned a flow without an id.");

    private static bool IsText(JsonNode? node, string expected) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) && text == expected;
}
