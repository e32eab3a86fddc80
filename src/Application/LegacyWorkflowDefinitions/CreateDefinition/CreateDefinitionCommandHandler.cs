using System.Text.Json.Nodes;
using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Common.Metrics;
using WorkflowDefinitions.Application.Common.Preconditions;
using WorkflowDefinitions.Application.Workflows;
using WorkflowDefinitions.Application.Workflows.History;
using WorkflowDefinitions.Domain.Common;
using WorkflowDefinitions.Domain.LegacyWorkflowDefinitions;

namespace WorkflowDefinitions.Application.LegacyWorkflowDefinitions.CreateDefinition;

/// <summary>
/// Structure first (400), then a slot of the quota shared with V2 flows (400 when full; the slot gives the definition its
/// id), then storage. If storing fails, the slot is given back. A dry run goes the same way and stores nothing.
/// </summary>
public sealed class CreateDefinitionCommandHandler(
    IWorkflowDefinitionRepository definitions,
    WorkflowQuota quota,
    IIdGenerator ids,
    HardLimits caps,
    WorkflowMetrics metrics,
    TimeProvider clock)
    : ICommandHandler<CreateDefinitionCommand, Tagged<JsonObject>>
{
    public async ValueTask<Tagged<JsonObject>> Handle(CreateDefinitionCommand command, CancellationToken cancellationToken)
    {
        var document = DefinitionDocument.Parse(command.Body, ids.NewItemId, caps);

        await using var reservation = await quota.ReserveAsync(command.OrganizationId, command.Mode, cancellationToken);
        var definition = WorkflowDefinition.Create(command.OrganizationId, new WorkflowDefinitionId(reservation.WorkflowId), document, clock.GetUtcNow());
        var representation = WorkflowDefinitionJson.Render(definition);
        if (command.Mode == WriteMode.Commit)
        {
            await definitions.AddAsync(definition, reservation.Slot, DefinitionHistory.Record(definition, representation, RevisionSource.Create), cancellationToken);
            reservation.Complete();
            metrics.WorkflowCreated(command.OrganizationId, WorkflowModel.Definition, WorkflowOrigin.Create);
        }

        return new Tagged<JsonObject>(representation, EntityTag.Of(definition.Revision));
    }
}
