using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Common.Preconditions;
using WorkflowDefinitions.Domain.FlowTemplates;

namespace WorkflowDefinitions.Application.FlowTemplates.GetFlowTemplate;

/// <summary>The stored flow with the <c>limit_warnings</c> of its stored revision, and its entity tag.</summary>
public sealed class GetFlowTemplateQueryHandler(IFlowTemplateRepository flows, LimitWarningsCache limitWarnings, FlowTemplateTags tags)
    : IQueryHandler<GetFlowTemplateQuery, Tagged<JsonAnswer>>
{
    public async ValueTask<Tagged<JsonAnswer>> Handle(GetFlowTemplateQuery query, CancellationToken cancellationToken)
    {
        var flow = await flows.FindAsync(query.OrganizationId, new FlowTemplateId(query.FlowId), cancellationToken)
            ?? throw NotFoundException.FlowTemplate(query.FlowId);
        return new Tagged<JsonAnswer>(FlowTemplateJson.Answer(flow, limitWarnings.Of(flow)), tags.Of(flow));
    }
}
