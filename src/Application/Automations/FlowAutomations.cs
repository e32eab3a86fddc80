using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Domain.Common;
using WorkflowDefinitions.Domain.FlowTemplates;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Application.Automations;

/// <summary>
/// Carries out the automation work a flow asks for before it is stored: its transient fields (contract §3.6), the cloning
/// of its automations when it is duplicated (§6.1) and the copies of an imported bundle (§6.3). Every change goes through
/// the request's <see cref="AutomationChanges"/>, which undoes it if the request fails later.
/// </summary>
public sealed class FlowAutomations(IAutomationClient automations, HardLimits caps, ILogger<FlowAutomations> logger)
{
    /// <summary>Starts recording the automation changes of one request in <paramref name="organizationId"/> (none in a dry run).</summary>
    public AutomationChanges BeginChanges(OrganizationId organizationId, WriteMode mode) => new(automations, organizationId, mode, logger);

    /// <summary>Processes the transient fields of a flow about to be stored as <paramref name="workflowId"/>.</summary>
    /// <returns>The ids of the automation flows the transient fields created, to be written into the document.</returns>
    public async Task<AutomationResults> ProcessAsync(
        AutomationChanges changes, string workflowId, FlowDocument document, CancellationToken cancellationToken)
    {
        var results = new AutomationResults();
        foreach (var request in document.AutomationRequests)
        {
            await ProcessAsync(changes, results, workflowId, document.Name, request, cancellationToken);
        }

        return results;
    }

    /// <summary>
    /// Clones every automation the source flow references (§6.1 step 3): the copies' <c>trigger-workflow</c> actions
    /// aimed at the source flow are aimed at the copy. Automations the API does not show (404/403) stay shared.
    /// </summary>
    /// <returns>Source automation id → id of its copy.</returns>
    public async Task<IReadOnlyDictionary<string, string>> CloneAsync(
        AutomationChanges changes, string sourceWorkflowId, string copyWorkflowId, IEnumerable<string> automationIds, CancellationToken cancellationToken)
    {
        var distinct = automationIds.Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count > caps.MaxAutomationsPerRequest)
        {
            throw new TooManyAutomationsException(distinct.Count, caps.MaxAutomationsPerRequest, "a duplicate clones");
        }

        var clonedIds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var automationId in distinct)
        {
            if (await automations.GetFlowAsync(changes.OrganizationId, automationId, cancellationToken) is not { } source)
            {
                continue;
            }

            var copy = AutomationFlows.WritableCopy(source);
            AutomationFlows.RetargetWorkflowTriggers(copy, sourceWorkflowId, copyWorkflowId);
            clonedIds[automationId] = await changes.CreateAsync(copy, cancellationToken);
        }

        return clonedIds;
    }

    /// <summary>
    /// Creates a copy of every automation an imported bundle carries (§6.3 step 5), in the bundle's order: without
    /// read-only fields, and with <c>trigger-workflow</c> actions aimed at the exported flow aimed at the new one.
    /// </summary>
    /// <returns>Bundled automation id → id of its copy.</returns>
    public static async Task<IReadOnlyDictionary<string, string>> ImportAsync(
        AutomationChanges changes, IReadOnlyList<BundledAutomation> bundled, string? sourceWorkflowId, string newWorkflowId, CancellationToken cancellationToken)
    {
        var copiedIds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var automation in bundled)
        {
            var copy = AutomationFlows.WritableCopy(automation.Flow);
            if (sourceWorkflowId is not null)
            {
                AutomationFlows.RetargetWorkflowTriggers(copy, sourceWorkflowId, newWorkflowId);
            }

            copiedIds[automation.SourceId] = await changes.CreateAsync(copy, cancellationToken);
        }

        return copiedIds;
    }

    private async Task ProcessAsync(
        AutomationChanges changes, AutomationResults results, string workflowId, string flowName, AutomationRequest request, CancellationToken cancellationToken)
    {
        switch (request)
        {
            case TriggerAutomationRequest { AutomationId: null } trigger:
                var triggerFlow = new JsonObject
                {
                    ["flow_name"] = $"{flowName} trigger",
                    ["triggers"] = trigger.TriggerConfig.DeepClone(),
                    ["actions"] = new JsonArray(new JsonObject
                    {
                        ["type"] = AutomationFlows.TriggerWorkflowAction,
                        ["config"] = new JsonObject { ["target_workflow"] = workflowId },
                    }),
                };
                results.SetTriggerAutomation(trigger.AdditionalTriggerIndex, await changes.CreateAsync(triggerFlow, cancellationToken));
                break;

            case TriggerAutomationRequest { AutomationId: { } automationId } trigger:
                await changes.ReplaceAsync(automationId, flow => flow["triggers"] = trigger.TriggerConfig.DeepClone(), cancellationToken);
                break;

            case ActionAutomationRequest { FlowId: null } action:
                var actionFlow = new JsonObject
                {
                    ["flow_name"] = action.TaskName,
                    ["triggers"] = new JsonArray(new JsonObject { ["type"] = "flows_trigger" }),
                    ["actions"] = new JsonArray(action.ActionConfig.DeepClone()),
                };
                results.SetTaskFlow(action.TaskIndex, await changes.CreateAsync(actionFlow, cancellationToken));
                break;

            case ActionAutomationRequest { FlowId: { } flowId } action:
                await changes.ReplaceAsync(flowId, flow => ReplaceAction(flow, action.ActionConfig), cancellationToken);
                break;

            case DuplicateAutomationRequest duplicate:
                var source = await automations.GetFlowAsync(changes.OrganizationId, duplicate.SourceFlowId, cancellationToken)
                    ?? throw new AutomationRejectedException($"Automation flow {ClientText.Quote(duplicate.SourceFlowId)} to duplicate was not found");
                results.SetTaskFlow(duplicate.TaskIndex, await changes.CreateAsync(AutomationFlows.WritableCopy(source), cancellationToken));
                break;
        }
    }

    /// <summary>Replaces the action with the same <c>id</c> as <paramref name="actionConfig"/>, else all actions by it.</summary>
    private static void ReplaceAction(JsonObject flow, JsonObject actionConfig)
    {
        var actions = flow["actions"] as JsonArray;
        var id = actionConfig["id"]?.ToJsonString();
        var index = id is null || actions is null ? -1 : actions.ToList().FindIndex(a => a is JsonObject o && o["id"]?.ToJsonString() == id);
        if (index >= 0)
        {
            actions![index] = actionConfig.DeepClone();
        }
        else
        {
            flow["actions"] = new JsonArray(actionConfig.DeepClone());
        }
    }
}
