using System.Text.Json.Nodes;
using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Domain.LegacyWorkflowDefinitions;

namespace WorkflowDefinitions.Application.LegacyWorkflowDefinitions.GetDefinition;

public sealed class GetDefinitionQueryHandler(IWorkflowDefinitionRepository definitions) : IQueryHandler<GetDefinitionQuery, JsonObject>
{
    public async ValueTask<JsonObject> Handle(GetDefinitionQuery query, CancellationToken cancellationToken)
    {
        var definition = await definitions.FindAsync(query.OrganizationId, new WorkflowDefinitionId(query.DefinitionId), cancellationToken)
            ?? throw NotFoundException.Definition(query.DefinitionId);
        return WorkflowDefinitionJson.Render(definition);
    }
}
