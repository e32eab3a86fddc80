using System.Text.Json.Nodes;
using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Workflows.History;
using WorkflowDefinitions.Domain.FlowTemplates;

namespace WorkflowDefinitions.Application.FlowTemplates.ListFlowTemplateRevisions;

public sealed class ListFlowTemplateRevisionsQueryHandler(IFlowTemplateRepository flows, RevisionReads revisions)
    : IQueryHandler<ListFlowTemplateRevisionsQuery, JsonObject>
{
    public async ValueTask<JsonObject> Handle(ListFlowTemplateRevisionsQuery query, CancellationToken cancellationToken)
    {
        var id = new FlowTemplateId(query.FlowId);
        if (!await flows.ExistsAsync(query.OrganizationId, id, cancellationToken))
        {
            throw NotFoundException.FlowTemplate(query.FlowId);
        }

        return await revisions.ListAsync(query.OrganizationId, WorkflowKind.Flow, id.Value, query.Limit, query.Cursor, cancellationToken);
    }
}
