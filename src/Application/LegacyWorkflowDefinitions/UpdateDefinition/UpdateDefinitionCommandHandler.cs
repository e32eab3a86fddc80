using System.Text.Json.Nodes;
using Mediator;
using WorkflowDefinitions.Application.Common.Metrics;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Domain.Common;
using WorkflowDefinitions.Domain.LegacyWorkflowDefinitions;

namespace WorkflowDefinitions.Application.LegacyWorkflowDefinitions.UpdateDefinition;

/// <summary>Existence (404) before structure (400, D13). A write that loses a race is made again on the newer revision.</summary>
public sealed class UpdateDefinitionCommandHandler(
    IWorkflowDefinitionRepository definitions, IIdGenerator ids, HardLimits caps, WorkflowMetrics metrics, TimeProvider clock)
    : ICommandHandler<UpdateDefinitionCommand, JsonObject>
{
    public ValueTask<JsonObject> Handle(UpdateDefinitionCommand command, CancellationToken cancellationToken)
    {
        var id = new WorkflowDefinitionId(command.DefinitionId);
        DefinitionDocument? document = null;
        return OptimisticConcurrency.RetryOnConflictAsync(async () =>
        {
            var definition = await definitions.FindAsync(command.OrganizationId, id, cancellationToken)
                ?? throw NotFoundException.Definition(command.DefinitionId);
            document ??= DefinitionDocument.Parse(command.Body, ids.NewItemId, caps);
            definition.Replace(document, clock.GetUtcNow());
            await definitions.UpdateAsync(definition, cancellationToken);
            metrics.WorkflowUpdated(command.OrganizationId, WorkflowModel.Definition);
            return WorkflowDefinitionJson.Render(definition);
        });
    }
}
