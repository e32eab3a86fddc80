using System.Text.Json.Nodes;
using Mediator;
using WorkflowDefinitions.Application.Automations;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Common.Metrics;
using WorkflowDefinitions.Application.Workflows;
using WorkflowDefinitions.Application.Workflows.History;
using WorkflowDefinitions.Domain.Common;
using WorkflowDefinitions.Domain.FlowTemplates;

namespace WorkflowDefinitions.Application.FlowTemplates.ImportFlowTemplate;

/// <summary>
/// Contract §6.3 / D49: check the bundle and rename its tasks, reserve a slot (the new flow id), copy the bundled
/// automations into the caller's organization, point the flow at the copies and store it. Nothing is created before the
/// bundle is known to be valid; until the flow is stored, a failure gives the slot back and deletes the copies. A dry run
/// goes the same way and stores or copies nothing.
/// </summary>
public sealed class ImportFlowTemplateCommandHandler(
    IFlowTemplateRepository flows,
    WorkflowQuota quota,
    FlowAutomations automations,
    FlowLimits flowLimits,
    HardLimits caps,
    IIdGenerator ids,
    FlowTemplateHistory history,
    WorkflowMetrics metrics,
    TimeProvider clock)
    : ICommandHandler<ImportFlowTemplateCommand, JsonObject>
{
    public async ValueTask<JsonObject> Handle(ImportFlowTemplateCommand command, CancellationToken cancellationToken)
    {
        var bundle = FlowTemplateBundle.Parse(command.Body, ids.NewTaskId, caps);
        var warnings = bundle.Document.EvaluateLimits(flowLimits);

        await using var reservation = await quota.ReserveAsync(command.OrganizationId, command.Mode, cancellationToken);
        await using var changes = automations.BeginChanges(command.OrganizationId, command.Mode);
        var copiedIds = await FlowAutomations.ImportAsync(changes, bundle.Automations, bundle.SourceFlowId, reservation.WorkflowId, cancellationToken);
        var flow = FlowTemplate.Create(
            command.OrganizationId,
            new FlowTemplateId(reservation.WorkflowId),
            bundle.Document.WithReferencesReplaced(copiedIds, bundle.SourceFlowId, reservation.WorkflowId),
            clock.GetUtcNow());
        var representation = FlowTemplateJson.Render(flow, warnings);
        if (command.Mode == WriteMode.Commit)
        {
            await changes.CommitAsync(() => flows.AddAsync(flow, reservation.Slot, history.Record(flow, warnings, RevisionSource.Import), cancellationToken));
            reservation.Complete();
            metrics.WorkflowCreated(command.OrganizationId, WorkflowModel.Flow, WorkflowOrigin.Import);
            metrics.LimitWarningsIssued(warnings, enforced: false);
        }

        return Render(representation, flow, bundle, copiedIds);
    }

    /// <summary><c>FlowTemplateImportResult</c>: the new flow and how the bundle's ids map to the new ones.</summary>
    private static JsonObject Render(
        JsonObject representation, FlowTemplate flow, FlowTemplateBundle bundle, IReadOnlyDictionary<string, string> automationIds)
    {
        var taskIds = new JsonObject();
        foreach (var (oldId, newId) in bundle.TaskIds)
        {
            taskIds[oldId] = newId;
        }

        var automationMappings = new JsonObject();
        foreach (var automation in bundle.Automations)
        {
            automationMappings[automation.SourceId] = automationIds[automation.SourceId];
        }

        return new JsonObject
        {
            ["flow"] = representation,
            ["_id_mappings"] = new JsonObject
            {
                ["flow_id"] = new JsonObject { ["old"] = bundle.SourceFlowId, ["new"] = flow.Id.Value },
                ["task_ids"] = taskIds,
                ["automation_ids"] = automationMappings,
            },
        };
    }
}
