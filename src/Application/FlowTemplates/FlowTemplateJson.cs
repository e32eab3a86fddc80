using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Domain.FlowTemplates;

namespace WorkflowDefinitions.Application.FlowTemplates;

/// <summary>
/// The contract's <c>FlowTemplate</c> as the API shows it: server fields around the stored document, and
/// <c>limit_warnings</c> where the operation reports them (get, create, update, duplicate, import; D19).
/// </summary>
public static class FlowTemplateJson
{
    /// <summary>Deeper than any document the request reader lets through (64 levels), so a stored one is always read.</summary>
    private const int MaxDepth = 1000;

    /// <summary>
    /// The answer of <see cref="Answer"/> as a JSON object, read from its text: the object stays backed by that text
    /// (one parsed document, no node per value) until something changes it, and is written out as it is. A deep copy of
    /// the document's nodes cost a node and a dictionary entry per value — for 360,000 properties most of a create.
    /// </summary>
    public static JsonObject Render(FlowTemplate flow, IReadOnlyList<FlowLimitWarning>? limitWarnings = null)
    {
        using var text = new DocumentBuffer();
        using (var writer = new Utf8JsonWriter(text, new JsonWriterOptions { SkipValidation = true }))
        {
            Answer(flow, limitWarnings).WriteTo(writer);
        }

        return JsonNode.Parse(text.WrittenSpan, documentOptions: new JsonDocumentOptions { MaxDepth = MaxDepth })!.AsObject();
    }

    /// <summary>
    /// The same JSON as <see cref="Render(FlowTemplate, IReadOnlyList{FlowLimitWarning}?)"/> gives, byte for byte, written
    /// without a node tree: the stored document's properties are copied between the server fields as they are.
    /// </summary>
    public static JsonAnswer Answer(FlowTemplate flow, IReadOnlyList<FlowLimitWarning>? limitWarnings = null) => new FlowTemplateAnswer(flow, limitWarnings);

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

    private sealed class FlowTemplateAnswer(FlowTemplate flow, IReadOnlyList<FlowLimitWarning>? limitWarnings) : JsonAnswer
    {
        public override void WriteTo(Utf8JsonWriter writer)
        {
            writer.WriteStartObject();
            writer.WriteString("id", flow.Id.Value);
            writer.WriteString("org_id", flow.OrganizationId.Value);
            flow.Document.WriteMembersTo(writer);
            writer.WriteString("created_at", Timestamps.ToApiString(flow.CreatedAt));
            writer.WriteString("updated_at", Timestamps.ToApiString(flow.UpdatedAt));
            if (limitWarnings is not null)
            {
                writer.WritePropertyName("limit_warnings");
                Render(limitWarnings).WriteTo(writer);
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
