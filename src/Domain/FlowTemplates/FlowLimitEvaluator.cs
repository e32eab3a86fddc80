using WorkflowDefinitions.Domain.Common;
using static WorkflowDefinitions.Domain.FlowTemplates.FlowVocabulary;

namespace WorkflowDefinitions.Domain.FlowTemplates;

/// <summary>Measures a flow against its <see cref="FlowLimits"/>; one warning per exceeded limit and subject.</summary>
public static class FlowLimitEvaluator
{
    public static IReadOnlyList<FlowLimitWarning> Evaluate(FlowGraphDraft graph, FlowLimits limits)
    {
        var warnings = new List<FlowLimitWarning>();
        var flow = new Subject(warnings, null);
        flow.Check("errors.flow_max_tasks", graph.TaskCount, limits.MaxTasks, () => ["tasks"], (c, m) => $"The flow has {c} tasks (max {m})");
        flow.Check("errors.flow_max_phases", graph.PhaseCount, limits.MaxPhases, () => ["phases"], (c, m) => $"The flow has {c} phases (max {m})");

        var incoming = new Dictionary<string, int>(StringComparer.Ordinal);
        var outgoing = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var edge in graph.Edges)
        {
            Count(incoming, edge.ToId);
            Count(outgoing, edge.FromId);
        }

        foreach (var task in graph.Tasks.Where(t => t.Id is not null))
        {
            var name = task.Name ?? task.Id;
            var subject = new Subject(warnings, task);
            subject.Check("errors.task_max_incoming_edges", incoming.GetValueOrDefault(task.Id!), limits.MaxIncomingEdgesPerTask,
                () => ["tasks", task.Index], (c, m) => $"Task '{name}' has {c} incoming connections (max {m})");
            if (!task.IsDecision)
            {
                subject.Check("errors.task_max_outgoing_edges", outgoing.GetValueOrDefault(task.Id!), limits.MaxOutgoingEdgesPerTask,
                    () => ["tasks", task.Index], (c, m) => $"Task '{name}' has {c} outgoing connections (max {m})");
            }

            if (task.IsDecision)
            {
                CheckDecision(subject, task, name!, limits);
            }

            if (task.TaskType == TaskTypes.AiAgent)
            {
                foreach (var parameter in task.AgentParameters)
                {
                    subject.Check("errors.ai_agent_param_max_length", parameter.Length, limits.MaxAiAgentParameterLength,
                        () => ["tasks", task.Index, "agent_config", parameter.Name],
                        (c, m) => $"Parameter '{parameter.Name}' of AI agent task '{name}' has {c} characters (max {m})", paramName: parameter.Name);
                }
            }
        }

        flow.Check("errors.flow_max_entity_sync_rules", graph.EntitySyncCount, limits.MaxEntitySyncRules, () => ["entity_sync"],
            (c, m) => $"The flow has {c} entity sync rules (max {m})");
        flow.Check("errors.flow_max_additional_triggers", graph.AdditionalTriggerCount, limits.MaxAdditionalTriggers, () => ["additional_triggers"],
            (c, m) => $"The flow has {c} additional triggers (max {m})");
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

    private static void CheckDecision(Subject subject, TaskDraft task, string name, FlowLimits limits)
    {
        subject.Check("errors.decision_max_branches", task.ConditionCount, limits.MaxBranchesPerDecision,
            () => ["tasks", task.Index, "conditions"], (c, m) => $"Decision '{name}' has {c} branches (max {m})");
        foreach (var condition in task.Conditions)
        {
            var branch = condition.BranchName;
            subject.Check("errors.condition_max_statements", condition.StatementCount, limits.MaxStatementsPerCondition,
                () => ["tasks", task.Index, "conditions", condition.Index, "statements"],
                (c, m) => $"Branch '{branch}' of decision '{name}' has {c} conditions (max {m})", branch, conditionId: condition.Id);
            subject.Check("errors.branch_name_max_length", CodePoints(branch), limits.MaxBranchNameLength,
                () => ["tasks", task.Index, "conditions", condition.Index, "branch_name"],
                (c, m) => $"The name of a branch of decision '{name}' has {c} characters (max {m})", branch, conditionId: condition.Id);
        }

        if (task.LoopConfig?.MaxIterations is { } iterations)
        {
            subject.Check("errors.loop_max_iterations", iterations, limits.MaxLoopIterations,
                () => ["tasks", task.Index, "loop_config", "max_iterations"], (c, m) => $"The loop of decision '{name}' runs up to {c} times (max {m})");
        }
    }

    private static void Count(Dictionary<string, int> counts, string? id)
    {
        if (id is not null)
        {
            counts[id] = counts.GetValueOrDefault(id) + 1;
        }
    }

    private static int CodePoints(string? text) => text is null ? 0 : TextLength.CodePoints(text);

    /// <summary>What a limit is measured on: the flow (<see cref="Task"/> null) or one task. Warnings are only built when exceeded.</summary>
    private readonly struct Subject(List<FlowLimitWarning> warnings, TaskDraft? task)
    {
        public void Check(
            string key,
            long current,
            long max,
            Func<IReadOnlyList<object>> path,
            Func<long, long, string> message,
            string? branchName = null,
            string? paramName = null,
            string? conditionId = null)
        {
            if (current > max)
            {
                warnings.Add(new FlowLimitWarning(key, message(current, max), max, current, path(), task?.Id, task?.Name, branchName, paramName, conditionId));
            }
        }
    }
}
