using static WorkflowDefinitions.Domain.FlowTemplates.FlowVocabulary;

namespace WorkflowDefinitions.Domain.FlowTemplates;

/// <summary>Measures a flow against its <see cref="FlowLimits"/>; one warning per exceeded limit and subject.</summary>
public static class FlowLimitEvaluator
{
    public static IReadOnlyList<FlowLimitWarning> Evaluate(FlowGraphDraft graph, FlowLimits limits)
    {
        var warnings = new List<FlowLimitWarning>();

        void Flow(string key, string what, long current, long max, string property)
        {
            if (current > max)
            {
                warnings.Add(new FlowLimitWarning(key, $"The flow has {current} {what} (max {max})", max, current, [property]));
            }
        }

        Flow("errors.flow_max_tasks", "tasks", graph.TaskCount, limits.MaxTasks, "tasks");
        Flow("errors.flow_max_phases", "phases", graph.PhaseCount, limits.MaxPhases, "phases");

        var incoming = graph.Edges.Where(e => e.ToId is not null).CountBy(e => e.ToId!).ToDictionary(StringComparer.Ordinal);
        var outgoing = graph.Edges.Where(e => e.FromId is not null).CountBy(e => e.FromId!).ToDictionary(StringComparer.Ordinal);
        foreach (var task in graph.Tasks.Where(t => t.Id is not null))
        {
            void ForTask(string key, string text, long current, long max, IReadOnlyList<object> path, string? branchName = null,
                string? paramName = null, string? conditionId = null)
            {
                if (current > max)
                {
                    warnings.Add(new FlowLimitWarning(key, text, max, current, path, task.Id, task.Name, branchName, paramName, conditionId));
                }
            }

            var name = task.Name ?? task.Id;
            ForTask("errors.task_max_incoming_edges", $"Task '{name}' has {incoming.GetValueOrDefault(task.Id!)} incoming connections (max {limits.MaxIncomingEdgesPerTask})",
                incoming.GetValueOrDefault(task.Id!), limits.MaxIncomingEdgesPerTask, ["tasks", task.Index]);
            if (!task.IsDecision)
            {
                ForTask("errors.task_max_outgoing_edges", $"Task '{name}' has {outgoing.GetValueOrDefault(task.Id!)} outgoing connections (max {limits.MaxOutgoingEdgesPerTask})",
                    outgoing.GetValueOrDefault(task.Id!), limits.MaxOutgoingEdgesPerTask, ["tasks", task.Index]);
            }

            if (task.IsDecision)
            {
                ForTask("errors.decision_max_branches", $"Decision '{name}' has {task.ConditionCount} branches (max {limits.MaxBranchesPerDecision})",
                    task.ConditionCount, limits.MaxBranchesPerDecision, ["tasks", task.Index, "conditions"]);
                foreach (var condition in task.Conditions)
                {
                    var branch = condition.BranchName;
                    ForTask("errors.condition_max_statements",
                        $"Branch '{branch}' of decision '{name}' has {condition.StatementCount} conditions (max {limits.MaxStatementsPerCondition})",
                        condition.StatementCount, limits.MaxStatementsPerCondition,
                        ["tasks", task.Index, "conditions", condition.Index, "statements"], branch, conditionId: condition.Id);
                    var length = branch?.EnumerateRunes().Count() ?? 0;
                    ForTask("errors.branch_name_max_length",
                        $"The name of a branch of decision '{name}' has {length} characters (max {limits.MaxBranchNameLength})",
                        length, limits.MaxBranchNameLength, ["tasks", task.Index, "conditions", condition.Index, "branch_name"],
                        branch, conditionId: condition.Id);
                }

                if (task.LoopConfig?.MaxIterations is { } iterations)
                {
                    ForTask("errors.loop_max_iterations", $"The loop of decision '{name}' runs up to {iterations} times (max {limits.MaxLoopIterations})",
                        iterations, limits.MaxLoopIterations, ["tasks", task.Index, "loop_config", "max_iterations"]);
                }
            }

            if (task.TaskType == TaskTypes.AiAgent)
            {
                foreach (var parameter in task.AgentParameters)
                {
                    ForTask("errors.ai_agent_param_max_length",
                        $"Parameter '{parameter.Name}' of AI agent task '{name}' has {parameter.Length} characters (max {limits.MaxAiAgentParameterLength})",
                        parameter.Length, limits.MaxAiAgentParameterLength, ["tasks", task.Index, "agent_config", parameter.Name],
                        paramName: parameter.Name);
                }
            }
        }

        Flow("errors.flow_max_entity_sync_rules", "entity sync rules", graph.EntitySyncCount, limits.MaxEntitySyncRules, "entity_sync");
        Flow("errors.flow_max_additional_triggers", "additional triggers", graph.AdditionalTriggerCount, limits.MaxAdditionalTriggers, "additional_triggers");
        return warnings;
    }

    /// <summary>
    /// The warnings of a request that are new or worse than in the stored version (contract §3.5 step 4): only these
    /// fail an update with <c>enforce_limits=true</c>.
    /// </summary>
    public static IReadOnlyList<FlowLimitWarning> NewOrWorsened(IReadOnlyList<FlowLimitWarning> requested, IReadOnlyList<FlowLimitWarning> stored)
    {
        var before = stored.GroupBy(w => w.SubjectKey).ToDictionary(g => g.Key, g => g.Max(w => w.Current), StringComparer.Ordinal);
        return requested.Where(w => !before.TryGetValue(w.SubjectKey, out var current) || w.Current > current).ToList();
    }
}
