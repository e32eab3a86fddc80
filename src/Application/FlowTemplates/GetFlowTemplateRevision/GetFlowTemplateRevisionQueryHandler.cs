using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Workflows.History;

namespace WorkflowDefinitions.Application.FlowTemplates.GetFlowTemplateRevision;

/// <summary>Revisions are deleted with their flow, so another organization's flow or a deleted one has none: 404.</summary>
public sealed class GetFlowTemplateRevisionQueryHandler(RevisionReads revisions) : IQueryHandler<GetFlowTemplateRevisionQuery, JsonAnswer>
{
    public async ValueTask<JsonAnswer> Handle(GetFlowTemplateRevisionQuery query, CancellationToken cancellationToken)
    {
        return await revisions.RepresentationAnswerAsync(
            query.OrganizationId,
            WorkflowKind.Flow,
            query.FlowId,
            HistoryParameters.Revision(query.Revision), n => NotFoundException.FlowTemplateRevision(query.FlowId, n), cancellationToken);
    }
}
