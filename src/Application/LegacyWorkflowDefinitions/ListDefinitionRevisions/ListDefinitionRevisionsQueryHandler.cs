using System.Text.Json.Nodes;
using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Workflows.History;
using WorkflowDefinitions.Domain.LegacyWorkflowDefinitions;

namespace WorkflowDefinitions.Application.LegacyWorkflowDefinitions.ListDefinitionRevisions;

public sealed class ListDefinitionRevisionsQueryHandler(IWorkflowDefinitionRepository definitions, RevisionReads revisions)
    : IQueryHandler<ListDefinitionRevisionsQuery, JsonObject>
{
    public async ValueTask<JsonObject> Handle(ListDefinitionRevisionsQuery query, CancellationToken cancellationToken)
    {
        var id = new WorkflowDefinitionId(query.DefinitionId);
        if (!await definitions.ExistsAsync(query.OrganizationId, id, cancellationToken))
        {
            throw NotFoundException.Definition(query.DefinitionId);
        }

        return await revisions.ListAsync(query.OrganizationId, WorkflowKind.Definition, id.Value, query.Limit, query.Cursor, cancellationToken);
    }
}
