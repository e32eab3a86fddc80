using System.Text.Json.Nodes;
using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Workflows.History;
using WorkflowDefinitions.Domain.LegacyWorkflowDefinitions;

namespace WorkflowDefinitions.Application.LegacyWorkflowDefinitions.DiffDefinitionRevisions;

/// <summary>The definition (404) and both revisions (404) must exist; <c>current</c> is the definition as getDefinition answers now.</summary>
public sealed class DiffDefinitionRevisionsQueryHandler(IWorkflowDefinitionRepository definitions, RevisionReads revisions)
    : IQueryHandler<DiffDefinitionRevisionsQuery, JsonObject>
{
    public async ValueTask<JsonObject> Handle(DiffDefinitionRevisionsQuery query, CancellationToken cancellationToken)
    {
        var definition = await definitions.FindAsync(query.OrganizationId, new WorkflowDefinitionId(query.DefinitionId), cancellationToken)
            ?? throw NotFoundException.Definition(query.DefinitionId);
        return await revisions.DiffAsync(
            query.OrganizationId,
            WorkflowKind.Definition,
            definition.Id.Value,
            HistoryParameters.Revision(query.From),
            query.To is null or "current" ? null : HistoryParameters.Revision(query.To),
            WorkflowDefinitionJson.Render(definition),
            n => NotFoundException.DefinitionRevision(query.DefinitionId, n),
            cancellationToken);
    }
}
