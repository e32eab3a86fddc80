using System.Text.Json.Nodes;
using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Common.Preconditions;
using WorkflowDefinitions.Domain.FlowTemplates;

namespace WorkflowDefinitions.Application.FlowTemplates.GetFlowTemplate;

/// <summary>The stored flow with freshly computed <c>limit_warnings</c>, and its entity tag.</summary>
public sealed class GetFlowTemplateQueryHandler(IFlowTemplateRepository flows, FlowLimits flowLimits, FlowTemplateTags tags)
    : IQueryHandler<GetFlowTemplateQuery, Tagged<JsonObject>>
{
    public async ValueTask<Tagged<JsonObject>> Handle(GetFlowTemplateQuery query, CancellationToken cancellationToken)
    {
        var flow = await flows.FindAsync(query.OrganizationId, new FlowTemplateId(query.FlowId), cancellationToken)
            ?? throw NotFoundException.FlowTemplate(query.FlowId);
        return new Tagged<JsonObject>(FlowTemplateJson.Render(flow, flow.Document.EvaluateLimits(flowLimits)), tags.Of(flow));
    }
}
