using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Workflows.History;
using WorkflowDefinitions.Domain.FlowTemplates;

namespace WorkflowDefinitions.Application.FlowTemplates.DiffFlowTemplateRevisions;

/// <summary>
/// The flow (404) and both revisions (404) must exist; <c>current</c> is the flow as getFlowTemplate answers now (its
/// <c>limit_warnings</c> left out: a diff leaves server-managed fields out). A diff of two revisions reads no flow: it
/// only makes sure the flow is there.
/// </summary>
public sealed class DiffFlowTemplateRevisionsQueryHandler(IFlowTemplateRepository flows, RevisionReads revisions)
    : IQueryHandler<DiffFlowTemplateRevisionsQuery, JsonAnswer>
{
    public async ValueTask<JsonAnswer> Handle(DiffFlowTemplateRevisionsQuery query, CancellationToken cancellationToken)
    {
        var id = new FlowTemplateId(query.FlowId);
        var to = HistoryParameters.RevisionOrCurrent(query.To);
        JsonAnswer? current = null;
        if (to is null)
        {
            var flow = await flows.FindAsync(query.OrganizationId, id, cancellationToken) ?? throw NotFoundException.FlowTemplate(query.FlowId);
            current = FlowTemplateJson.Answer(flow);
        }
        else if (!await flows.ExistsAsync(query.OrganizationId, id, cancellationToken))
        {
            throw NotFoundException.FlowTemplate(query.FlowId);
        }

        return await revisions.DiffAsync(
            query.OrganizationId,
            WorkflowKind.Flow,
            id.Value,
            HistoryParameters.Revision(query.From),
            to,
            current,
            n => NotFoundException.FlowTemplateRevision(query.FlowId, n),
            cancellationToken);
    }
}
