using System.Text.Json.Nodes;
using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Workflows.History;
using WorkflowDefinitions.Domain.FlowTemplates;

namespace WorkflowDefinitions.Application.FlowTemplates.DiffFlowTemplateRevisions;

/// <summary>The flow (404) and both revisions (404) must exist; <c>current</c> is the flow as getFlowTemplate answers now.</summary>
public sealed class DiffFlowTemplateRevisionsQueryHandler(IFlowTemplateRepository flows, FlowLimits flowLimits, RevisionReads revisions)
    : IQueryHandler<DiffFlowTemplateRevisionsQuery, JsonObject>
{
    public async ValueTask<JsonObject> Handle(DiffFlowTemplateRevisionsQuery query, CancellationToken cancellationToken)
    {
        var flow = await flows.FindAsync(query.OrganizationId, new FlowTemplateId(query.FlowId), cancellationToken)
            ?? throw NotFoundException.FlowTemplate(query.FlowId);
        var from = HistoryParameters.Revision(query.From);
        int? to = query.To is null or "current" ? null : HistoryParameters.Revision(query.To);
        return await revisions.DiffAsync(
            query.OrganizationId,
            WorkflowKind.Flow,
            flow.Id.Value,
            from,
            to,
            FlowTemplateJson.Render(flow, flow.Document.EvaluateLimits(flowLimits)),
            n => NotFoundException.FlowTemplateRevision(query.FlowId, n),
            cancellationToken);
    }
}
