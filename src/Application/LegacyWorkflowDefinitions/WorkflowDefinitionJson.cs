using System.Text.Json.Nodes;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Domain.LegacyWorkflowDefinitions;

namespace WorkflowDefinitions.Application.LegacyWorkflowDefinitions;

/// <summary>The contract's <c>WorkflowDefinition</c> as the API shows it: the stored document with the server's fields.</summary>
public static class WorkflowDefinitionJson
{
    public static JsonObject Render(WorkflowDefinition definition)
    {
        var json = new JsonObject { ["id"] = definition.Id.Value };
        var document = definition.Document.ToJsonObject();
        foreach (var name in document.Select(p => p.Key).ToList())
        {
            var value = document[name];
            document.Remove(name);
            json[name] = value;
        }

        json["creationTime"] = Timestamps.ToApiString(definition.CreationTime);
        json["lastUpdateTime"] = Timestamps.ToApiString(definition.LastUpdateTime);
        return json;
    }
}
