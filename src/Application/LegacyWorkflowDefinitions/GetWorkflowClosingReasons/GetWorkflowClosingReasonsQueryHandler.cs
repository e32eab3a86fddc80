using System.Text.Json.Nodes;
using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Domain.LegacyWorkflowDefinitions;

namespace WorkflowDefinitions.Application.LegacyWorkflowDefinitions.GetWorkflowClosingReasons;

/// <summary>An id that is not even valid syntax cannot exist, so it is a 404 here, not a 400 (contract D08).</summary>
public sealed class GetWorkflowClosingReasonsQueryHandler(IWorkflowDefinitionRepository definitions)
    : IQueryHandler<GetWorkflowClosingReasonsQuery, JsonObject>
{
    public async ValueTask<JsonObject> Handle(GetWorkflowClosingReasonsQuery query, CancellationToken cancellationToken)
    {
        var definition = WorkflowDefinitionId.FromPath(query.DefinitionId) is { } id
            ? await definitions.FindAsync(query.OrganizationId, id, cancellationToken)
            : null;
        return definition is null
            ? throw NotFoundException.Definition(query.DefinitionId)
            : new JsonObject { ["reasons"] = definition.Document.ClosingReasons };
    }
}
