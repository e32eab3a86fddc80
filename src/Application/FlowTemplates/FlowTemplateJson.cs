using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Domain.FlowTemplates;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Application.FlowTemplates;

/// <summary>
/// The contract's <c>FlowTemplate</c> as the API shows it: server fields around the stored document, and
/// <c>limit_warnings</c> where the operation reports them (get, create, update, duplicate, import; D19).
/// </summary>
public static class FlowTemplateJson
{
    public static JsonObject Render(FlowTemplate flow, IReadOnlyList<FlowLimitWarning>? limitWarnings = null)
    {
        var json = flow.Document.ToJsonObject();
        json.Remove("id");
        json.Remove("org_id");
        json.Insert(0, "id", flow.Id.Value);
        json.Insert(1, "org_id", flow.OrganizationId.Value);
        json["created_at"] = Timestamps.ToApiString(flow.CreatedAt);
        json["updated_at"] = Timestamps.ToApiString(flow.UpdatedAt);
        if (limitWarnings is not null)
        {
            json["limit_warnings"] = Render(limitWarnings);
        }

        return json;
    }

    /// <summary>
    /// The same JSON as <see cref="Render(FlowTemplate, IReadOnlyList{FlowLimitWarning}?)"/> gives, byte for byte, written
    /// without a node tree: the stored document's properties are copied between the server fields as they are.
    /// </summary>
    public static JsonAnswer Answer(FlowTemplate flow, IReadOnlyList<FlowLimitWarning>? limitWarnings = null) => new FlowTemplateAnswer(flow, limitWarnings, null);

    /// <summary>
    /// A listed flow's answer: the flow's, or — for a flow listed unread, its document being large — one that reads the
    /// flow by id when it is written, after the response has taken room for it (left out if it was deleted since).
    /// </summary>
    public static JsonAnswer Listed(IFlowTemplateRepository flows, OrganizationId organizationId, Listed<FlowTemplate> item) =>
        DeferredAnswer.For(item, heldPerStoredByte: 1, flow => Answer(flow), (id, token) => flows.FindAsync(organizationId, new FlowTemplateId(id), token));

    /// <summary>
    /// The export (§6.2): <see cref="Render(FlowTemplate, IReadOnlyList{FlowLimitWarning}?)"/> without warnings and with
    /// <c>_resolved_automations</c> last, byte for byte, written without a node tree of the flow. A stored document that
    /// may hold a property of that name itself (the export puts the automations in its place) is rendered as nodes.
    /// </summary>
    public static JsonAnswer Export(FlowTemplate flow, JsonObject resolvedAutomations)
    {
        if (flow.Document.Members.Span.IndexOf("\"_resolved_automations\""u8) < 0)
        {
            return new FlowTemplateAnswer(flow, null, resolvedAutomations);
        }

        var export = Render(flow);
        export[FlowTemplateBundle.ResolvedAutomationsProperty] = resolvedAutomations;
        return JsonAnswer.Of(export);
    }

    /// <summary><c>FlowLimitWarning[]</c>: optional members are omitted when they do not apply.</summary>
    public static JsonArray Render(IReadOnlyList<FlowLimitWarning> warnings)
    {
        var array = new JsonArray();
        foreach (var warning in warnings)
        {
            var json = new JsonObject
            {
                ["i18nKey"] = warning.I18nKey,
                ["message"] = warning.Message,
                ["max"] = warning.Max,
                ["current"] = warning.Current,
            };
            AddIfSet(json, "node_id", warning.NodeId);
            AddIfSet(json, "task_name", warning.TaskName);
            AddIfSet(json, "branch_name", warning.BranchName);
            AddIfSet(json, "param_name", warning.ParamName);
            json["path"] = new JsonArray(warning.Path.Select(segment => segment is int index ? JsonValue.Create(index) : (JsonNode?)JsonValue.Create((string)segment)).ToArray());
            array.Add(json);
        }

        return array;
    }

    private sealed class FlowTemplateAnswer(FlowTemplate flow, IReadOnlyList<FlowLimitWarning>? limitWarnings, JsonObject? resolvedAutomations) : JsonAnswer
    {
        /// <summary>The stored document's text.</summary>
        public override long HeldBytes => flow.Document.Text.Length;

        public override void WriteTo(Utf8JsonWriter writer)
        {
            WriteServerFieldsBefore(writer);
            flow.Document.WriteMembersTo(writer);
            WriteServerFieldsAfter(writer);
        }

        /// <summary>The stored document's properties go to the response as one raw value, sent on in pieces.</summary>
        public override async ValueTask WriteToAsync(IJsonResponse response)
        {
            WriteServerFieldsBefore(response.Writer);
            var members = flow.Document.Members;
            if (!members.IsEmpty)
            {
                await response.WriteRawValueAsync(members);
            }

            WriteServerFieldsAfter(response.Writer);
        }

        private void WriteServerFieldsBefore(Utf8JsonWriter writer)
        {
            writer.WriteStartObject();
            writer.WriteString("id", flow.Id.Value);
            writer.WriteString("org_id", flow.OrganizationId.Value);
        }

        private void WriteServerFieldsAfter(Utf8JsonWriter writer)
        {
            writer.WriteString("created_at", Timestamps.ToApiString(flow.CreatedAt));
            writer.WriteString("updated_at", Timestamps.ToApiString(flow.UpdatedAt));
            if (limitWarnings is not null)
            {
                writer.WritePropertyName("limit_warnings");
                Render(limitWarnings).WriteTo(writer);
            }

            if (resolvedAutomations is not null)
            {
                writer.WritePropertyName(FlowTemplateBundle.ResolvedAutomationsProperty);
                resolvedAutomations.WriteTo(writer);
            }

            writer.WriteEndObject();
        }
    }

    private static void AddIfSet(JsonObject json, string name, string? value)
    {
        if (value is not null)
        {
            json[name] = value;
        }
    }
}
