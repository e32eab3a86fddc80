using System.Text.Json.Nodes;
using Mediator;

namespace WorkflowDefinitions.Application.LegacyWorkflowDefinitions.GetDefinitions;

public sealed class GetDefinitionsQueryHandler(IWorkflowDefinitionRepository definitions) : IQueryHandler<GetDefinitionsQuery, JsonArray>
{
    public async ValueTask<JsonArray> Handle(GetDefinitionsQuery query, CancellationToken cancellationToken)
    {
        var listed = await definitions.ListAsync(query.OrganizationId, cancellationToken);
        return new JsonArray(listed.Select(definition => (JsonNode)WorkflowDefinitionJson.Render(definition)).ToArray());
    }
}
