using System.Text.Json.Nodes;
using Mediator;
using WorkflowDefinitions.Application.Common.Metrics;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Workflows;
using WorkflowDefinitions.Domain.Common;
using WorkflowDefinitions.Domain.LegacyWorkflowDefinitions;

namespace WorkflowDefinitions.Application.LegacyWorkflowDefinitions.CreateDefinition;

/// <summary>Structure first (400), then a slot of the quota shared with V2 flows (400 when full), then storage.</summary>
public sealed class CreateDefinitionCommandHandler(
    IWorkflowDefinitionRepository definitions,
    IWorkflowSlots slots,
    IWorkflowLimits workflowLimits,
    IIdGenerator ids,
    HardLimits caps,
    WorkflowMetrics metrics,
    TimeProvider clock)
    : ICommandHandler<CreateDefinitionCommand, JsonObject>
{
    public async ValueTask<JsonObject> Handle(CreateDefinitionCommand command, CancellationToken cancellationToken)
    {
        var document = DefinitionDocument.Parse(command.Body, ids.NewItemId, caps);
        var slot = await slots.ReserveAsync(command.OrganizationId, workflowLimits.GetMaxAllowed(command.OrganizationId), cancellationToken);
        try
        {
            var definition = WorkflowDefinition.Create(command.OrganizationId, new WorkflowDefinitionId(slot.WorkflowId), document, clock.GetUtcNow());
            await definitions.AddAsync(definition, slot, cancellationToken);
            metrics.WorkflowCreated(command.OrganizationId, WorkflowModel.Definition, WorkflowOrigin.Create);
            return WorkflowDefinitionJson.Render(definition);
        }
        catch
        {
            await slots.ReleaseAsync(slot, CancellationToken.None);
            throw;
        }
    }
}
