using System.Text.Json.Nodes;
using WorkflowDefinitions.Application.Automations;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Infrastructure.Automations;

/// <summary>
/// What the embedded automation store does the way the Automation API does it: it refuses flows without the required
/// <c>flow_name</c>, <c>triggers</c> and <c>actions</c>, gives new flows a UUID v4 and sets the read-only fields.
/// </summary>
internal static class EmbeddedAutomationFlows
{
    public static void EnsureValid(JsonObject flow)
    {
        var problems = new List<string>();
        if (flow["flow_name"] is not JsonValue name || !name.TryGetValue<string>(out _))
        {
            problems.Add("flow_name must be a string");
        }

        if (flow["triggers"] is not JsonArray)
        {
            problems.Add("triggers must be an array");
        }

        if (flow["actions"] is not JsonArray)
        {
            problems.Add("actions must be an array");
        }

        if (problems.Count > 0)
        {
            throw new AutomationRejectedException($"Invalid automation flow: {string.Join("; ", problems)}");
        }
    }

    /// <summary>The flow as stored: the client's properties plus the read-only ones.</summary>
    public static JsonObject Stamp(JsonObject flow, string id, OrganizationId organizationId, DateTimeOffset createdAt, DateTimeOffset updatedAt)
    {
        var stored = AutomationFlows.WritableCopy(flow);
        stored["id"] = id;
        stored["org_id"] = organizationId.Value;
        stored["created_at"] = Timestamps.ToApiString(createdAt);
        stored["updated_at"] = Timestamps.ToApiString(updatedAt);
        return stored;
    }

    public static string NewId() => Guid.NewGuid().ToString();
}
