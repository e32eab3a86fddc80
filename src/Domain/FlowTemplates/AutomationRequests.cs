using System.Text.Json.Nodes;

namespace WorkflowDefinitions.Domain.FlowTemplates;

/// <summary>
/// A transient field of a submitted flow (contract §3.6) that asks for work on an automation flow before the flow
/// is stored. The field itself is never stored.
/// </summary>
public abstract record AutomationRequest;

/// <summary><c>trigger_config</c> of an automation trigger: create (or update) the flow that starts this workflow.</summary>
/// <param name="AdditionalTriggerIndex">Null for the main <c>trigger</c>, else the index in <c>additional_triggers</c>.</param>
public sealed record TriggerAutomationRequest(int? AdditionalTriggerIndex, string? AutomationId, JsonArray TriggerConfig)
    : AutomationRequest;

/// <summary><c>automation_config.action_config</c> of an automation task: create (or update) the task's automation.</summary>
public sealed record ActionAutomationRequest(int TaskIndex, string TaskName, string? FlowId, JsonObject ActionConfig)
    : AutomationRequest;

/// <summary><c>automation_config.duplicated_flow_id</c>: clone that automation and use the clone.</summary>
public sealed record DuplicateAutomationRequest(int TaskIndex, string SourceFlowId) : AutomationRequest;

/// <summary>The automation ids the processing of the <see cref="AutomationRequest"/>s produced.</summary>
public sealed class AutomationResults
{
    private readonly Dictionary<int, string> _additionalTriggers = [];
    private readonly Dictionary<int, string> _tasks = [];

    public string? MainTriggerAutomationId { get; private set; }

    public IReadOnlyDictionary<int, string> AdditionalTriggerAutomationIds => _additionalTriggers;

    public IReadOnlyDictionary<int, string> TaskFlowIds => _tasks;

    public void SetTriggerAutomation(int? additionalTriggerIndex, string automationId)
    {
        if (additionalTriggerIndex is { } index)
        {
            _additionalTriggers[index] = automationId;
        }
        else
        {
            MainTriggerAutomationId = automationId;
        }
    }

    public void SetTaskFlow(int taskIndex, string flowId) => _tasks[taskIndex] = flowId;
}
