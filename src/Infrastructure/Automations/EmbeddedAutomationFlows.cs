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

    /// <summary>How often a replacement is tried again when other replacements of the same flow keep committing first.</summary>
    public const int MaxReplaceAttempts = 8;

    public static AutomationRejectedException NotFound(string flowId) => new($"Automation flow {Domain.Common.ClientText.Quote(flowId)} was not found");

    public static AutomationUnavailableException KeptChanging(string flowId) =>
        new($"Automation flow {Domain.Common.ClientText.Quote(flowId)} was replaced by {MaxReplaceAttempts} other writes while this one was tried; try again");

    public static DateTimeOffset CreatedAt(JsonObject stored) =>
        DateTimeOffset.Parse(stored["created_at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
}
