using System.Text.Json.Nodes;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Domain.LegacyWorkflowDefinitions;

namespace WorkflowDefinitions.Application.LegacyWorkflowDefinitions;

/// <summary>The contract's <c>WorkflowDefinition</c> as the API shows it: the stored document with the server's fields.</summary>
public static class WorkflowDefinitionJson
{
    public static JsonObject Render(WorkflowDefinition definition)
    {
        var json = definition.Document.ToJsonObject();
        json.Remove("id");
        json.Insert(0, "id", definition.Id.Value);
        json["creationTime"] = Timestamps.ToApiString(definition.CreationTime);
        json["lastUpdateTime"] = Timestamps.ToApiString(definition.LastUpdateTime);
        return json;
    }
}
