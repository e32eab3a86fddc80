using System.Text.Json.Nodes;
using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Domain.FlowTemplates;

namespace WorkflowDefinitions.Application.FlowTemplates.GetFlowTemplate;

public sealed class GetFlowTemplateQueryHandler(IFlowTemplateRepository flows, FlowLimits flowLimits)
    : IQueryHandler<GetFlowTemplateQuery, JsonObject>
{
    public async ValueTask<JsonObject> Handle(GetFlowTemplateQuery query, CancellationToken cancellationToken)
    {
        var flow = await flows.FindAsync(query.OrganizationId, new FlowTemplateId(query.FlowId), cancellationToken)
            ?? throw NotFoundException.FlowTemplate(query.FlowId);
        return FlowTemplateJson.Render(flow, flow.Document.EvaluateLimits(flowLimits));
    }
}
