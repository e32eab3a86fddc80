using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Workflows.History;

namespace WorkflowDefinitions.Application.LegacyWorkflowDefinitions.GetDefinitionRevision;

/// <summary>Revisions are deleted with their definition, so another organization's definition or a deleted one has none: 404.</summary>
public sealed class GetDefinitionRevisionQueryHandler(RevisionReads revisions) : IQueryHandler<GetDefinitionRevisionQuery, JsonAnswer>
{
    public async ValueTask<JsonAnswer> Handle(GetDefinitionRevisionQuery query, CancellationToken cancellationToken) =>
        await revisions.RepresentationAnswerAsync(
            query.OrganizationId,
            WorkflowKind.Definition,
            query.DefinitionId,
            HistoryParameters.Revision(query.Revision),
            n => NotFoundException.DefinitionRevision(query.DefinitionId, n),
            cancellationToken);
}
