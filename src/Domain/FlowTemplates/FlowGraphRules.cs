using WorkflowDefinitions.Domain.Common;
using static WorkflowDefinitions.Domain.FlowTemplates.FlowVocabulary;

namespace WorkflowDefinitions.Domain.FlowTemplates;

/// <summary>
/// The referential rules of a flow graph (contract §3.2 S7-S27, §3.3 E1-E8 and the cycle rule D37), checked on the
/// typed draft after its shape was read. Every violation names its path and the ids involved.
/// </summary>
internal sealed class FlowGraphRules
{
    private readonly FlowGraphDraft _graph;
    private readonly ViolationCollector _violations;
    private readonly Dictionary<string, TaskDraft> _tasks = new(StringComparer.Ordinal);
    private readonly HashSet<string> _phases = new(StringComparer.Ordinal);
    private readonly HashSet<string> _triggers = new(StringComparer.Ordinal);

    /// <summary>The condition ids of each task that owns its id (the first task with it), for the branch rules.</summary>
    private readonly Dictionary<string, HashSet<string>> _conditionIds = new(StringComparer.Ordinal);

    private FlowGraphRules(FlowGraphDraft graph, ViolationCollector violations)
    {
        _graph = graph;
        _violations = violations;
    }

    public static void Check(FlowGraphDraft graph, ViolationCollector violations)
    {
        var rules = new FlowGraphRules(graph, violations);
        rules.CheckIdentities();
        rules.CheckTaskReferences();
        rules.CheckDueDateConfigs();
        rules.CheckRequirementCycles();
        rules.CheckClosingReasons();
        rules.CheckEntitySync();
        var edgesByDecision = rules.CheckEdges();
        rules.CheckLoops(edgesByDecision);
        rules.CheckCycles();
        rules.CheckInputContexts();
    }

    /// <summary>S7, S8, S9: ids are unique per kind; trigger ids differ from task ids; conditions and statements per parent.</summary>
    private void CheckIdentities()
    {
        foreach (var phase in _graph.Phases.Where(p => p.Id is not null))
        {
            if (!_phases.Add(phase.Id!))
            {
                Add(phase.Path.Property("id"), $"'{phase.Id}' is used by more than one phase");
            }
        }

        foreach (var task in _graph.Tasks.Where(t => t.Id is not null))
        {
            var conditionIds = new HashSet<string>(StringComparer.Ordinal);
            if (_tasks.TryAdd(task.Id!, task))
            {
                _conditionIds[task.Id!] = conditionIds;
            }
            else
            {
                Add(task.Path.Property("id"), $"'{task.Id}' is used by more than one task");
            }

            foreach (var condition in task.Conditions)
            {
                if (condition.Id is not null && !conditionIds.Add(condition.Id))
                {
                    Add(condition.Path.Property("id"), $"'{condition.Id}' is used by more than one condition of {task.Label}");
                }

                var statementIds = new HashSet<string>(StringComparer.Ordinal);
                foreach (var statement in condition.Statements.Where(s => s.Id is not null && !statementIds.Add(s.Id)))
                {
                    Add(statement.Path.Property("id"), $"'{statement.Id}' is used by more than one statement of condition '{condition.Id}'");
                }
            }
        }

        foreach (var trigger in _graph.Triggers.Where(t => t.Id is not null))
        {
            if (!_triggers.Add(trigger.Id!))
            {
                Add(trigger.Path.Property("id"), $"'{trigger.Id}' is used by more than one trigger");
            }
            else if (_tasks.ContainsKey(trigger.Id!))
            {
                Add(trigger.Path.Property("id"), $"'{trigger.Id}' is also the id of a task");
            }
        }
    }

    /// <summary>S10, S16, S21: a task's phase, requirements and schedule reference resolve.</summary>
    private void CheckTaskReferences()
    {
        foreach (var task in _graph.Tasks)
        {
            if (task.PhaseId is not null && !_phases.Contains(task.PhaseId))
            {
                Add(task.Path.Property("phase_id"), $"'{task.PhaseId}' does not reference an existing phase ({task.Label})");
            }

            foreach (var requirement in task.Requirements)
            {
                CheckRequirement(task, requirement);
            }

            if (task.ScheduleReference is { Origin: ReferenceOrigins.TaskCompleted, Id: { } referenced } reference)
            {
                CheckTaskReference(reference.Path.Property("id"), referenced, task);
            }
        }
    }

    private void CheckRequirement(TaskDraft task, RequirementDraft requirement)
    {
        if (requirement.When == RequirementConditions.TaskFinished && requirement.TaskId is not null)
        {
            CheckTaskReference(requirement.Path.Property("task_id"), requirement.TaskId, task);
        }

        if (requirement.When == RequirementConditions.PhaseFinished && requirement.PhaseId is not null)
        {
            if (!_phases.Contains(requirement.PhaseId))
            {
                Add(requirement.Path.Property("phase_id"), $"'{requirement.PhaseId}' does not reference an existing phase ({task.Label})");
            }
            else if (requirement.PhaseId == task.PhaseId)
            {
                Add(requirement.Path.Property("phase_id"),
                    $"'{requirement.PhaseId}' is the phase of {task.Label} itself, which cannot finish before the task");
            }
        }
    }

    /// <summary>S18 / D30: present task and phase references of due-date configurations resolve, never to their owner.</summary>
    private void CheckDueDateConfigs()
    {
        foreach (var config in _graph.DueDateConfigs)
        {
            if (config.TaskId is not null)
            {
                if (!_tasks.ContainsKey(config.TaskId))
                {
                    Add(config.Path.Property("task_id"), $"'{config.TaskId}' does not reference an existing task");
                }
                else if (config.Owner == DueDateOwner.Task && config.TaskId == config.OwnerId)
                {
                    Add(config.Path.Property("task_id"), $"'{config.TaskId}' is the task itself");
                }
            }

            if (config.PhaseId is not null)
            {
                if (!_phases.Contains(config.PhaseId))
                {
                    Add(config.Path.Property("phase_id"), $"'{config.PhaseId}' does not reference an existing phase");
                }
                else if (config.Owner == DueDateOwner.Phase && config.PhaseId == config.OwnerId)
                {
                    Add(config.Path.Property("phase_id"), $"'{config.PhaseId}' is the phase itself");
                }
            }
        }
    }

    /// <summary>D28: TASK_FINISHED requirements must not wait on each other in a circle.</summary>
    private void CheckRequirementCycles()
    {
        var waitsFor = _tasks.Values.ToDictionary(
            t => t.Id!,
            t => t.Requirements
                .Where(r => r.When == RequirementConditions.TaskFinished && r.TaskId is not null && _tasks.ContainsKey(r.TaskId) && r.TaskId != t.Id)
                .Select(r => r.TaskId!)
                .ToList(),
            StringComparer.Ordinal);
        if (GraphCycles.Find(waitsFor) is { } cycle)
        {
            Add(JsonPath.Root.Property("tasks"), $"requirements form a cycle {string.Join(" -> ", cycle)} (a task cannot wait for itself)");
        }
    }

    /// <summary>S25 / D32: closing reason ids are unique within the flow.</summary>
    private void CheckClosingReasons()
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var reason in _graph.ClosingReasons.Where(r => r.Id is not null && !ids.Add(r.Id)))
        {
            Add(reason.Path.Property("id"), $"'{reason.Id}' is listed more than once");
        }
    }

    /// <summary>S27 / D34: an entity-sync filter targets an existing task or phase.</summary>
    private void CheckEntitySync()
    {
        foreach (var sync in _graph.EntitySync)
        {
            if (sync.TaskTemplateId is not null && !_tasks.ContainsKey(sync.TaskTemplateId))
            {
                Add(sync.FilterPath!.Property("task_template_id"), $"'{sync.TaskTemplateId}' does not reference an existing task");
            }

            if (sync.PhaseTemplateId is not null && !_phases.Contains(sync.PhaseTemplateId))
            {
                Add(sync.FilterPath!.Property("phase_template_id"), $"'{sync.PhaseTemplateId}' does not reference an existing phase");
            }
        }
    }

    /// <summary>E1-E7. Returns the edges leaving each decision task, for the loop rules.</summary>
    private Dictionary<string, List<EdgeDraft>> CheckEdges()
    {
        var edgeIds = new HashSet<string>(StringComparer.Ordinal);
        var signatures = new HashSet<(string?, string?, string?, bool)>();
        var branchEdges = new HashSet<(string, string)>();
        var noneMetEdges = new HashSet<string>(StringComparer.Ordinal);
        var edgesByDecision = new Dictionary<string, List<EdgeDraft>>(StringComparer.Ordinal);

        foreach (var edge in _graph.Edges)
        {
            if (edge.Id is not null && !edgeIds.Add(edge.Id))
            {
                Add(edge.Path.Property("id"), $"'{edge.Id}' is used by more than one edge");
            }

            if (edge.FromId is null)
            {
                continue;
            }

            _tasks.TryGetValue(edge.FromId, out var source);
            if (source is null && !_triggers.Contains(edge.FromId))
            {
                Add(edge.Path.Property("from_id"), $"'{edge.FromId}' does not reference an existing task or trigger ({edge.Label})");
            }

            if (edge.ToId is not null)
            {
                if (!_tasks.ContainsKey(edge.ToId))
                {
                    Add(edge.Path.Property("to_id"), $"'{edge.ToId}' does not reference an existing task ({edge.Label})");
                }
                else if (edge.ToId == edge.FromId)
                {
                    Add(edge.Path.Property("to_id"), $"'{edge.ToId}' is the edge's own source ({edge.Label}): self-edges are not allowed");
                }
            }

            if (!signatures.Add((edge.FromId, edge.ToId, edge.ConditionId, edge.NoneMet)))
            {
                Add(edge.Path, $"{edge.Label} duplicates another edge from '{edge.FromId}' to '{edge.ToId ?? "(open end)"}'");
            }

            if (source?.IsDecision == true)
            {
                CheckDecisionEdge(edge, source, branchEdges, noneMetEdges);
                edgesByDecision.TryAdd(source.Id!, []);
                edgesByDecision[source.Id!].Add(edge);
            }
            else
            {
                if (edge.ConditionId is not null)
                {
                    Add(edge.Path.Property("condition_id"), $"is only allowed on edges leaving a decision task ({edge.Label})");
                }

                if (edge.NoneMet)
                {
                    Add(edge.Path.Property("none_met"), $"is only allowed on edges leaving a decision task ({edge.Label})");
                }
            }
        }

        return edgesByDecision;
    }

    /// <summary>E5, E6, E7 / D36, D51: each edge of a decision is one branch: a condition or the single none-met edge.</summary>
    private void CheckDecisionEdge(EdgeDraft edge, TaskDraft decision, HashSet<(string, string)> branchEdges, HashSet<string> noneMetEdges)
    {
        if (edge.ConditionId is not null && edge.NoneMet)
        {
            Add(edge.Path.Property("none_met"), $"cannot be combined with condition_id ({edge.Label})");
            return;
        }

        if (edge.ConditionId is not null)
        {
            if (!_conditionIds[decision.Id!].Contains(edge.ConditionId))
            {
                Add(edge.Path.Property("condition_id"), $"'{edge.ConditionId}' is not a condition of {decision.Label} ({edge.Label})");
            }
            else if (!branchEdges.Add((decision.Id!, edge.ConditionId)))
            {
                Add(edge.Path.Property("condition_id"), $"branch '{edge.ConditionId}' of {decision.Label} already has an edge ({edge.Label})");
            }
        }
        else if (edge.NoneMet)
        {
            if (!noneMetEdges.Add(decision.Id!))
            {
                Add(edge.Path.Property("none_met"), $"{decision.Label} already has a none_met edge ({edge.Label})");
            }
        }
        else
        {
            Add(edge.Path, $"{edge.Label} leaves {decision.Label} and needs a condition_id or none_met: true");
        }
    }

    /// <summary>S24 / D33: loop and exit branches are conditions of the decision or the id of its none-met edge.</summary>
    private void CheckLoops(Dictionary<string, List<EdgeDraft>> edgesByDecision)
    {
        foreach (var task in _tasks.Values.Where(t => t.LoopConfig is not null))
        {
            var loop = task.LoopConfig!;
            var noneMetEdge = edgesByDecision.GetValueOrDefault(task.Id!)?.FirstOrDefault(e => e.NoneMet);
            foreach (var (property, branch) in new[] { ("loop_branch_id", loop.LoopBranchId), ("exit_branch_id", loop.ExitBranchId) })
            {
                if (branch is not null && !_conditionIds[task.Id!].Contains(branch) && noneMetEdge?.Id != branch)
                {
                    Add(loop.Path.Property(property),
                        $"'{branch}' is neither a condition of {task.Label} nor the id of its none_met edge");
                }
            }
        }
    }

    /// <summary>
    /// D37: leaving out the loop edges (edges a decision with <c>loop_config</c> takes through its loop branch), the
    /// graph has no cycle. So every cycle passes a declared loop and is bounded by its <c>max_iterations</c>.
    /// </summary>
    private void CheckCycles()
    {
        var next = _tasks.Keys.ToDictionary(id => id, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var edge in _graph.Edges)
        {
            if (edge.FromId is not null && edge.ToId is not null && next.TryGetValue(edge.FromId, out var targets)
                && next.ContainsKey(edge.ToId) && edge.FromId != edge.ToId && !IsLoopEdge(edge))
            {
                targets.Add(edge.ToId);
            }
        }

        if (GraphCycles.Find(next) is { } cycle)
        {
            Add(JsonPath.Root.Property("edges"),
                $"cycle detected {string.Join(" -> ", cycle)} (cycles are only allowed through a decision task's loop_config.loop_branch_id)");
        }
    }

    private bool IsLoopEdge(EdgeDraft edge) =>
        _tasks.TryGetValue(edge.FromId!, out var source)
        && source is { IsDecision: true, LoopConfig.LoopBranchId: { } loopBranch }
        && ((edge.ConditionId is not null && edge.ConditionId == loopBranch) || (edge.NoneMet && edge.Id == loopBranch));

    /// <summary>
    /// S17: an automation's input comes from an existing, different task upstream of it. Every "is it upstream?"
    /// question of the flow is answered together, in a few linear passes over the edges (<see cref="Reachability"/>).
    /// </summary>
    private void CheckInputContexts()
    {
        var contexts = new List<(TaskDraft Task, InputContextDraft Context, string SourceId, bool Resolves)>();
        var questions = new List<(string From, string To)>();
        foreach (var task in _tasks.Values)
        {
            if (task.InputContext is { Source: "task", TaskId: { } sourceId } context)
            {
                var resolves = ResolvesToOtherTask(sourceId, task);
                contexts.Add((task, context, sourceId, resolves));
                if (resolves)
                {
                    questions.Add((sourceId, task.Id!));
                }
            }
        }

        var edges = _graph.Edges.Where(e => e.FromId is not null && e.ToId is not null).Select(e => (e.FromId!, e.ToId!)).ToList();
        var upstream = Reachability.Answer(edges, questions);
        var question = 0;
        foreach (var (task, context, sourceId, resolves) in contexts)
        {
            if (!resolves)
            {
                CheckTaskReference(context.Path.Property("task_id"), sourceId, task);
            }
            else if (!upstream[question++])
            {
                Add(context.Path.Property("task_id"), $"'{sourceId}' is not upstream of {task.Label}: no edge path leads from it to the task");
            }
        }
    }

    /// <summary>Checks that <paramref name="taskId"/> is an existing task other than <paramref name="owner"/>.</summary>
    private void CheckTaskReference(JsonPath path, string taskId, TaskDraft owner)
    {
        if (!_tasks.ContainsKey(taskId))
        {
            Add(path, $"'{taskId}' does not reference an existing task ({owner.Label})");
        }
        else if (taskId == owner.Id)
        {
            Add(path, $"'{taskId}' is {owner.Label} itself");
        }
    }

    private bool ResolvesToOtherTask(string taskId, TaskDraft owner) => _tasks.ContainsKey(taskId) && taskId != owner.Id;

    private void Add(JsonPath path, ViolationReason reason) => _violations.Add(path, reason);
}
