using System.Text.Json.Nodes;
using Mediator;

namespace WorkflowDefinitions.Application.FlowTemplates.ListFlowTemplates;

public sealed class ListFlowTemplatesQueryHandler(IFlowTemplateRepository flows) : IQueryHandler<ListFlowTemplatesQuery, JsonObject>
{
    public async ValueTask<JsonObject> Handle(ListFlowTemplatesQuery query, CancellationToken cancellationToken)
    {
        var criteria = TriggerCriteria.ForListing(query.TriggerType, query.TriggerSourceId, query.TriggerSchema);
        var listed = await flows.ListAsync(query.OrganizationId, criteria, cancellationToken);
        return new JsonObject { ["results"] = new JsonArray(listed.Select(flow => (JsonNode)FlowTemplateJson.Render(flow)).ToArray()) };
    }
}
