namespace WorkflowDefinitions.Application.UnitTests.FlowTemplates;

/// <summary>Flows whose transient fields make the use cases call the automation client.</summary>
internal static class FlowSamplesWithAutomations
{
    /// <summary>Three automation creates: the trigger's (first), then one per action task, in task order.</summary>
    public const string Transient = """
        {"name": "Order flow",
         "trigger": {"type": "automation", "trigger_config": [{"type": "entity_operation", "configuration": {"schema": "order"}}]},
         "tasks": [{"id": "mail", "name": "Send confirmation", "task_type": "AUTOMATION", "automation_config": {"action_config": {"type": "send-email", "config": {"template": "t1"}}}},
                   {"id": "sms", "name": "Send SMS", "task_type": "AUTOMATION", "automation_config": {"action_config": {"type": "send-sms"}}},
                   {"id": "done", "name": "Done", "task_type": "MANUAL"}],
         "edges": [{"id": "e1", "from_id": "mail", "to_id": "sms"}, {"id": "e2", "from_id": "sms", "to_id": "done"}]}
        """;

    /// <summary>An automation flow as the Automation API stores it, aimed at the workflow <paramref name="targetWorkflow"/>.</summary>
    public static string Automation(string targetWorkflow = "elsewhere") => $$$"""
        {"flow_name": "Mail", "triggers": [{"type": "flows_trigger"}],
         "actions": [{"type": "trigger-workflow", "config": {"target_workflow": "{{{targetWorkflow}}}"}}, {"type": "send-email"}]}
        """;

    /// <summary>A flow whose tasks run the automation flows <paramref name="automationIds"/>, one task each.</summary>
    public static string Referring(params string[] automationIds)
    {
        var tasks = string.Join(", ", automationIds.Select((id, i) =>
            $$$"""{"id": "a{{{i}}}", "name": "Run {{{i}}}", "task_type": "AUTOMATION", "automation_config": {"flow_id": "{{{id}}}"}}"""));
        return $$"""{"name": "Referring", "tasks": [{{tasks}}], "edges": []}""";
    }
}
