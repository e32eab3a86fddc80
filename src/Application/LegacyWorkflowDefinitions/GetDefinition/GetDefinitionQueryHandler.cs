using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Common.Preconditions;
using WorkflowDefinitions.Domain.LegacyWorkflowDefinitions;

namespace WorkflowDefinitions.Application.LegacyWorkflowDefinitions.GetDefinition;

/// <summary>The stored definition and its entity tag.</summary>
public sealed class GetDefinitionQueryHandler(IWorkflowDefinitionRepository definitions) : IQueryHandler<GetDefinitionQuery, Tagged<JsonAnswer>>
{
    public async ValueTask<Tagged<JsonAnswer>> Handle(GetDefinitionQuery query, CancellationToken cancellationToken)
    {
        var definition = await definitions.FindAsync(query.OrganizationId, new WorkflowDefinitionId(query.DefinitionId), cancellationToken)
            ?? throw NotFoundException.Definition(query.DefinitionId);
        return new Tagged<JsonAnswer>(WorkflowDefinitionJson.Answer(definition), EntityTag.Of(definition.Revision));
    }
}
