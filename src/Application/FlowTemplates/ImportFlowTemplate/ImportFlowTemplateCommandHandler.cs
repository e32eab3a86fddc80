using System.Text.Json.Nodes;
using Mediator;
using WorkflowDefinitions.Application.Automations;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Common.Metrics;
using WorkflowDefinitions.Application.Workflows;
using WorkflowDefinitions.Domain.FlowTemplates;

namespace WorkflowDefinitions.Application.FlowTemplates.ImportFlowTemplate;

/// <summary>
/// Contract §6.3 / D49: check the bundle and rename its tasks, reserve a slot (new flow id), copy the bundled
/// automations into the caller's organization, point the flow at the copies, store. Nothing is created before the
/// bundle is known to be valid; a failure afterwards deletes the copies and gives the slot back.
/// </summary>
public sealed class ImportFlowTemplateCommandHandler(
    IFlowTemplateRepository flows,
    IWorkflowSlots slots,
    IWorkflowLimits workflowLimits,
    FlowLimits flowLimits,
    FlowAutomations automations,
    IIdGenerator ids,
    WorkflowMetrics metrics,
    TimeProvider clock) : ICommandHandler<ImportFlowTemplateCommand, JsonObject>
{
    public async ValueTask<JsonObject> Handle(ImportFlowTemplateCommand command, CancellationToken cancellationToken)
    {
        var bundle = FlowTemplateBundle.Parse(command.Body, ids.NewTaskId);
        var warnings = bundle.Document.EvaluateLimits(flowLimits);
        var slot = await slots.ReserveAsync(command.OrganizationId, workflowLimits.GetMaxAllowed(command.OrganizationId), cancellationToken);
        FlowAutomations.AutomationWork? work = null;
        try
        {
            work = await automations.ImportAsync(command.OrganizationId, bundle.Automations, bundle.SourceFlowId, slot.WorkflowId, cancellationToken);
            var flow = FlowTemplate.Create(
                command.OrganizationId,
                new FlowTemplateId(slot.WorkflowId),
                bundle.Document.WithReferencesReplaced(work.ClonedIds, bundle.SourceFlowId, slot.WorkflowId),
                clock.GetUtcNow());
            await flows.AddAsync(flow, slot, cancellationToken);
            metrics.WorkflowCreated(command.OrganizationId, WorkflowModel.Flow, WorkflowOrigin.Import);
            metrics.LimitWarningsIssued(warnings, enforced: false);
            return Render(flow, warnings, bundle, work.ClonedIds);
        }
        catch
        {
            if (work is not null)
            {
                await work.RollBackAsync();
            }

            await slots.ReleaseAsync(slot, CancellationToken.None);
            throw;
        }
    }

    /// <summary><c>FlowTemplateImportResult</c>: the new flow and how the bundle's ids map to the new ones.</summary>
    private static JsonObject Render(
        FlowTemplate flow, IReadOnlyList<FlowLimitWarning> warnings, FlowTemplateBundle bundle, Dictionary<string, string> automationIds)
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
            ["flow"] = FlowTemplateJson.Render(flow, warnings),
            ["_id_mappings"] = new JsonObject
            {
                ["flow_id"] = new JsonObject { ["old"] = bundle.SourceFlowId, ["new"] = flow.Id.Value },
                ["task_ids"] = taskIds,
                ["automation_ids"] = automationMappings,
            },
        };
    }
}
