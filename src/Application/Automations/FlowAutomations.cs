using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using WorkflowDefinitions.Domain.Common;
using WorkflowDefinitions.Domain.FlowTemplates;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Application.Automations;

/// <summary>
/// Carries out the automation work a flow asks for before it is stored: its transient fields (contract §3.6) and the
/// cloning of its automations when it is duplicated (§6.1). Every change is recorded so that a request that fails
/// later leaves nothing behind: created flows are deleted and replaced ones restored (best effort).
/// </summary>
public sealed partial class FlowAutomations(IAutomationClient automations, HardLimits caps, ILogger<FlowAutomations> logger)
{
    /// <summary>Processes the transient fields of a flow about to be stored as <paramref name="workflowId"/>.</summary>
    public async Task<AutomationWork> ProcessAsync(
        OrganizationId organizationId, string workflowId, FlowDocument document, CancellationToken cancellationToken)
    {
        var work = new AutomationWork(this, organizationId);
        try
        {
            foreach (var request in document.AutomationRequests)
            {
                await ProcessAsync(work, workflowId, document.Name, request, cancellationToken);
            }

            return work;
        }
        catch
        {
            await work.RollBackAsync();
            throw;
        }
    }

    /// <summary>
    /// Clones every automation the source flow references (§6.1 step 3): the copies' <c>trigger-workflow</c> actions
    /// aimed at the source flow are aimed at the copy. Automations the API does not show (404/403) stay shared.
    /// </summary>
    public async Task<AutomationWork> CloneAsync(
        OrganizationId organizationId, string sourceWorkflowId, string copyWorkflowId, IEnumerable<string> automationIds, CancellationToken cancellationToken)
    {
        var distinct = automationIds.Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count > caps.MaxAutomationsPerRequest)
        {
            throw new TooManyAutomationsException(distinct.Count, caps.MaxAutomationsPerRequest, "a duplicate clones");
        }

        var work = new AutomationWork(this, organizationId);
        try
        {
            foreach (var automationId in distinct)
            {
                if (await automations.GetFlowAsync(organizationId, automationId, cancellationToken) is not { } source)
                {
                    continue;
                }

                var copy = AutomationFlows.WritableCopy(source);
                AutomationFlows.RetargetWorkflowTriggers(copy, sourceWorkflowId, copyWorkflowId);
                work.ClonedIds[automationId] = await CreateAsync(work, copy, cancellationToken);
            }

            return work;
        }
        catch
        {
            await work.RollBackAsync();
            throw;
        }
    }

    /// <summary>
    /// Creates a copy of every automation an imported bundle carries (§6.3 step 5), in the bundle's order: without
    /// read-only fields, and with <c>trigger-workflow</c> actions aimed at the exported flow aimed at the new one.
    /// </summary>
    public async Task<AutomationWork> ImportAsync(
        OrganizationId organizationId, IReadOnlyList<BundledAutomation> bundled, string? sourceWorkflowId, string newWorkflowId, CancellationToken cancellationToken)
    {
        var work = new AutomationWork(this, organizationId);
        try
        {
            foreach (var automation in bundled)
            {
                var copy = AutomationFlows.WritableCopy(automation.Flow);
                if (sourceWorkflowId is not null)
                {
                    AutomationFlows.RetargetWorkflowTriggers(copy, sourceWorkflowId, newWorkflowId);
                }

                work.ClonedIds[automation.SourceId] = await CreateAsync(work, copy, cancellationToken);
            }

            return work;
        }
        catch
        {
            await work.RollBackAsync();
            throw;
        }
    }

    private async Task ProcessAsync(AutomationWork work, string workflowId, string flowName, AutomationRequest request, CancellationToken cancellationToken)
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
                work.Results.SetTriggerAutomation(trigger.AdditionalTriggerIndex, await CreateAsync(work, triggerFlow, cancellationToken));
                break;

            case TriggerAutomationRequest { AutomationId: { } automationId } trigger:
                await ReplaceAsync(work, automationId, flow => flow["triggers"] = trigger.TriggerConfig.DeepClone(), cancellationToken);
                break;

            case ActionAutomationRequest { FlowId: null } action:
                var actionFlow = new JsonObject
                {
                    ["flow_name"] = action.TaskName,
                    ["triggers"] = new JsonArray(new JsonObject { ["type"] = "flows_trigger" }),
                    ["actions"] = new JsonArray(action.ActionConfig.DeepClone()),
                };
                work.Results.SetTaskFlow(action.TaskIndex, await CreateAsync(work, actionFlow, cancellationToken));
                break;

            case ActionAutomationRequest { FlowId: { } flowId } action:
                await ReplaceAsync(work, flowId, flow => ReplaceAction(flow, action.ActionConfig), cancellationToken);
                break;

            case DuplicateAutomationRequest duplicate:
                var source = await automations.GetFlowAsync(work.OrganizationId, duplicate.SourceFlowId, cancellationToken)
                    ?? throw new AutomationRejectedException($"Automation flow {ClientText.Quote(duplicate.SourceFlowId)} to duplicate was not found");
                work.Results.SetTaskFlow(duplicate.TaskIndex, await CreateAsync(work, AutomationFlows.WritableCopy(source), cancellationToken));
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

    private async Task<string> CreateAsync(AutomationWork work, JsonObject flow, CancellationToken cancellationToken)
    {
        var created = await automations.CreateFlowAsync(work.OrganizationId, flow, cancellationToken);
        var id = AutomationFlows.IdOf(created);
        work.Created.Add(id);
        return id;
    }

    private async Task ReplaceAsync(AutomationWork work, string flowId, Action<JsonObject> change, CancellationToken cancellationToken)
    {
        var current = await automations.GetFlowAsync(work.OrganizationId, flowId, cancellationToken)
            ?? throw new AutomationRejectedException($"Automation flow {ClientText.Quote(flowId)} was not found");
        var replacement = AutomationFlows.WritableCopy(current);
        change(replacement);
        await automations.PutFlowAsync(work.OrganizationId, flowId, replacement, cancellationToken);
        work.Replaced.Add((flowId, AutomationFlows.WritableCopy(current)));
    }

    private async Task UndoAsync(AutomationWork work)
    {
        foreach (var id in Enumerable.Reverse(work.Created))
        {
            await BestEffortAsync(() => automations.DeleteFlowAsync(work.OrganizationId, id, CancellationToken.None), "delete", id);
        }

        foreach (var (id, before) in Enumerable.Reverse(work.Replaced))
        {
            await BestEffortAsync(() => automations.PutFlowAsync(work.OrganizationId, id, before, CancellationToken.None), "restore", id);
        }
    }

    private async Task BestEffortAsync(Func<Task> undo, string action, string flowId)
    {
        try
        {
            await undo();
        }
        catch (Exception exception) when (exception is AutomationUnavailableException or AutomationRejectedException or HttpRequestException or OperationCanceledException)
        {
            LogUndoFailed(exception, action, flowId);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not {Action} automation flow {FlowId} while undoing a failed request")]
    private partial void LogUndoFailed(Exception exception, string action, string flowId);

    /// <summary>What one request did to automation flows, and how to undo it.</summary>
    public sealed class AutomationWork(FlowAutomations owner, OrganizationId organizationId)
    {
        public OrganizationId OrganizationId { get; } = organizationId;

        /// <summary>The automation ids that transient fields produced.</summary>
        public AutomationResults Results { get; } = new();

        /// <summary>Source automation id → id of the copy made for the new flow (duplicate, import).</summary>
        public Dictionary<string, string> ClonedIds { get; } = new(StringComparer.Ordinal);

        internal List<string> Created { get; } = [];

        internal List<(string Id, JsonObject Before)> Replaced { get; } = [];

        /// <summary>Deletes the flows this request created and restores those it replaced.</summary>
        public Task RollBackAsync() => owner.UndoAsync(this);
    }
}
