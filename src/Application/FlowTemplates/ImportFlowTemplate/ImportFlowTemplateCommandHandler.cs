using System.Text.Json.Nodes;
using Mediator;
using WorkflowDefinitions.Application.Automations;
using WorkflowDefinitions.Application.Common.Metrics;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Domain.Common;
using WorkflowDefinitions.Domain.FlowTemplates;

namespace WorkflowDefinitions.Application.FlowTemplates.ImportFlowTemplate;

/// <summary>
/// Contract §6.3 / D49: check the bundle and rename its tasks, then (<see cref="NewFlowTemplates"/>) reserve a slot (the
/// new flow id), copy the bundled automations into the caller's organization, point the flow at the copies and store
/// it. Nothing is created before the bundle is known to be valid.
/// </summary>
public sealed class ImportFlowTemplateCommandHandler(
    NewFlowTemplates newFlows, FlowLimits flowLimits, HardLimits caps, FlowAutomations automations, IIdGenerator ids, WorkflowMetrics metrics)
    : ICommandHandler<ImportFlowTemplateCommand, JsonObject>
{
    public async ValueTask<JsonObject> Handle(ImportFlowTemplateCommand command, CancellationToken cancellationToken)
    {
        var bundle = FlowTemplateBundle.Parse(command.Body, ids.NewTaskId, caps);
        var warnings = bundle.Document.EvaluateLimits(flowLimits);
        var (flow, copies) = await newFlows.StoreAsync(
            command.OrganizationId,
            WorkflowOrigin.Import,
            flowId => automations.ImportAsync(command.OrganizationId, bundle.Automations, bundle.SourceFlowId, flowId, cancellationToken),
            (flowId, work) => bundle.Document.WithReferencesReplaced(work.ClonedIds, bundle.SourceFlowId, flowId),
            cancellationToken);
        metrics.LimitWarningsIssued(warnings, enforced: false);
        return Render(flow, warnings, bundle, copies.ClonedIds);
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
