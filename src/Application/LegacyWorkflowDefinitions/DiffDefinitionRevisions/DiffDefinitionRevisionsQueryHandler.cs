using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Workflows.History;
using WorkflowDefinitions.Domain.LegacyWorkflowDefinitions;

namespace WorkflowDefinitions.Application.LegacyWorkflowDefinitions.DiffDefinitionRevisions;

/// <summary>
/// The definition (404) and both revisions (404) must exist; <c>current</c> is the definition as getDefinition answers
/// now. A diff of two revisions reads no definition: it only makes sure the definition is there.
/// </summary>
public sealed class DiffDefinitionRevisionsQueryHandler(IWorkflowDefinitionRepository definitions, RevisionReads revisions)
    : IQueryHandler<DiffDefinitionRevisionsQuery, JsonAnswer>
{
    public async ValueTask<JsonAnswer> Handle(DiffDefinitionRevisionsQuery query, CancellationToken cancellationToken)
    {
        var id = new WorkflowDefinitionId(query.DefinitionId);
        var to = HistoryParameters.RevisionOrCurrent(query.To);
        JsonAnswer? current = null;
        if (to is null)
        {
            var definition = await definitions.FindAsync(query.OrganizationId, id, cancellationToken) ?? throw NotFoundException.Definition(query.DefinitionId);
            current = WorkflowDefinitionJson.Answer(definition);
        }
        else if (!await definitions.ExistsAsync(query.OrganizationId, id, cancellationToken))
        {
            throw NotFoundException.Definition(query.DefinitionId);
        }

        return await revisions.DiffAsync(
            query.OrganizationId,
            WorkflowKind.Definition,
            id.Value,
            HistoryParameters.Revision(query.From),
            to,
            current,
            n => NotFoundException.DefinitionRevision(query.DefinitionId, n),
            cancellationToken);
    }
}
