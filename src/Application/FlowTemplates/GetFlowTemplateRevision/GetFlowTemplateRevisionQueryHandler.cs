using System.Text.Json.Nodes;
using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Workflows.History;

namespace WorkflowDefinitions.Application.FlowTemplates.GetFlowTemplateRevision;

/// <summary>Revisions are deleted with their flow, so another organization's flow or a deleted one has none: 404.</summary>
public sealed class GetFlowTemplateRevisionQueryHandler(RevisionReads revisions) : IQueryHandler<GetFlowTemplateRevisionQuery, JsonObject>
{
    public async ValueTask<JsonObject> Handle(GetFlowTemplateRevisionQuery query, CancellationToken cancellationToken)
    {
        return await revisions.RepresentationAsync(
            query.OrganizationId,
            WorkflowKind.Flow,
            query.FlowId,
            HistoryParameters.Revision(query.Revision), n => NotFoundException.FlowTemplateRevision(query.FlowId, n), cancellationToken);
    }
}
