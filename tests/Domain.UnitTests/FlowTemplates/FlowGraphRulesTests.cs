using System.Text.Json.Nodes;
using static WorkflowDefinitions.Domain.UnitTests.FlowTemplates.FlowJson;

namespace WorkflowDefinitions.Domain.UnitTests.FlowTemplates;

/// <summary>The referential rules of a flow graph (contract §3.2 S7, S10, S16-S18, S21, S24, S25, S27; §3.3 E1-E8, D37).</summary>
public class FlowGraphRulesTests
{
    private const string CycleMessage = "(cycles are only allowed through a decision task's loop_config.loop_branch_id)";

    // S7 / D27
    [Test]
    public void TriggerIds_AreUniqueAcrossTriggers_AndDifferFromTaskIds()
    {
        AssertValid(With(Minimal, """{"trigger": {"id": "tr1", "type": "manual"}, "additional_triggers": [{"id": "tr2", "type": "manual"}]}"""));
        AssertSingleViolation(With(Minimal, """{"trigger": {"id": "tr1", "type": "manual"}, "additional_triggers": [{"id": "tr1", "type": "manual"}]}"""),
            "additional_triggers[0].id", "'tr1' is used by more than one trigger");
        AssertSingleViolation(With(Minimal, """{"trigger": {"id": "t1", "type": "manual"}}"""), "trigger.id", "'t1' is also the id of a task");
    }

    [Test]
    public void ConditionIds_AreUniquePerTask_StatementIdsPerCondition()
    {
        var flow = Parse(ReviewLoop);
        flow["tasks"]![1]!["conditions"]![1]!["id"] = "c_ok";
        Assert.That(Violations(flow).Select(v => v.Path), Does.Contain("tasks[1].conditions[1].id"));

        var statements = Parse(ReviewLoop);
        var statement = statements["tasks"]![1]!["conditions"]![0]!["statements"]![0]!;
        statements["tasks"]![1]!["conditions"]![0]!["statements"]!.AsArray().Add(statement.DeepClone());
        AssertSingleViolation(statements, "tasks[1].conditions[0].statements[1].id", "'s1' is used by more than one statement of condition 'c_ok'");
    }

    [Test]
    public void TheSameConditionIdInTwoDecisions_IsFine()
    {
        var flow = Parse(ReviewLoop);
        var second = flow["tasks"]![1]!.DeepClone().AsObject();
        second["id"] = "d2";
        second.Remove("loop_config");
        flow["tasks"]!.AsArray().Add(second);

        AssertValid(flow);
    }

    // S8, S9
    [Test]
    public void PhaseAndTaskIds_AreUnique()
    {
        AssertSingleViolation(With(Minimal, """{"phases": [{"id": "p1", "name": "A"}, {"id": "p1", "name": "B"}]}"""), "phases[1].id", "'p1' is used by more than one phase");
        AssertSingleViolation(With(Minimal, """{"tasks": [{"id": "t1", "name": "A", "task_type": "MANUAL"}, {"id": "t1", "name": "B", "task_type": "MANUAL"}], "edges": []}"""),
            "tasks[1].id", "'t1' is used by more than one task");
    }

    [Test]
    public void IdsAreCaseSensitive() =>
        AssertValid(With(Minimal, """{"tasks": [{"id": "t1", "name": "A", "task_type": "MANUAL"}, {"id": "T1", "name": "B", "task_type": "MANUAL"}], "edges": []}"""));

    // S10
    [Test]
    public void TaskPhase_MustExist() =>
        AssertSingleViolation(With(Minimal, """{"tasks": [{"id": "t1", "name": "A", "task_type": "MANUAL", "phase_id": "p9"}, {"id": "t2", "name": "B", "task_type": "MANUAL"}]}"""),
            "tasks[0].phase_id", "'p9' does not reference an existing phase (task 't1')");

    // S16 / D28
    [TestCase("""{"when": "TASK_FINISHED"}""", "tasks[1].requirements[0].task_id", "is required when when is TASK_FINISHED")]
    [TestCase("""{"when": "TASK_FINISHED", "task_id": "t9"}""", "tasks[1].requirements[0].task_id", "'t9' does not reference an existing task")]
    [TestCase("""{"when": "TASK_FINISHED", "task_id": "t2"}""", "tasks[1].requirements[0].task_id", "is task 't2' itself")]
    [TestCase("""{"when": "PHASE_FINISHED"}""", "tasks[1].requirements[0].phase_id", "is required when when is PHASE_FINISHED")]
    [TestCase("""{"when": "PHASE_FINISHED", "phase_id": "p9"}""", "tasks[1].requirements[0].phase_id", "'p9' does not reference an existing phase")]
    [TestCase("""{"when": "DONE", "task_id": "t1"}""", "tasks[1].requirements[0].when", "must be one of TASK_FINISHED, PHASE_FINISHED")]
    [TestCase("""{"task_id": "t1"}""", "tasks[1].requirements[0].when", "is required")]
    public void Requirements_ResolveToOtherTasksAndExistingPhases(string requirement, string path, string reason) =>
        AssertSingleViolation(WithTask2($$"""{"requirements": [{{requirement}}]}"""), path, reason);

    [Test]
    public void Requirements_ThatResolve_AreValid() =>
        AssertValid(WithTask2("""{"requirements": [{"when": "TASK_FINISHED", "task_id": "t1"}, {"when": "PHASE_FINISHED", "phase_id": "p1"}]}"""));

    [Test]
    public void Requirement_OnTheTasksOwnPhase_IsRefused()
    {
        var flow = Parse(Minimal);
        flow["tasks"]![0]!["requirements"] = JsonNode.Parse("""[{"when": "PHASE_FINISHED", "phase_id": "p1"}]""");

        AssertSingleViolation(flow, "tasks[0].requirements[0].phase_id", "is the phase of task 't1' itself");
    }

    [Test]
    public void Requirements_InACircle_AreRefused()
    {
        var flow = Parse(Minimal);
        flow["tasks"]![0]!["requirements"] = JsonNode.Parse("""[{"when": "TASK_FINISHED", "task_id": "t2"}]""");
        flow["tasks"]![1]!["requirements"] = JsonNode.Parse("""[{"when": "TASK_FINISHED", "task_id": "t1"}]""");

        AssertSingleViolation(flow, "tasks", "requirements form a cycle t1 -> t2 -> t1");
    }

    // S17
    [TestCase("""{"source": "task", "task_id": "a1"}""", null)]
    [TestCase("""{"source": "trigger"}""", null)]
    [TestCase("""{"task_id": "a1"}""", "tasks[1].automation_config.input_context.source")]
    [TestCase("""{"source": "task"}""", "tasks[1].automation_config.input_context.task_id")]
    [TestCase("""{"source": "task", "task_id": "zz"}""", "tasks[1].automation_config.input_context.task_id")]
    [TestCase("""{"source": "task", "task_id": "a2"}""", "tasks[1].automation_config.input_context.task_id")]
    [TestCase("""{"source": "task", "task_id": "m3"}""", "tasks[1].automation_config.input_context.task_id")]
    public void InputContext_ComesFromAnExistingTaskUpstream(string context, string? path)
    {
        var flow = Parse($$$"""
            {"name": "Inputs", "tasks": [
              {"id": "a1", "name": "Create order", "task_type": "AUTOMATION", "automation_config": {}},
              {"id": "a2", "name": "Send order", "task_type": "AUTOMATION", "automation_config": {"input_context": {{{context}}}}},
              {"id": "m3", "name": "After", "task_type": "MANUAL"}],
             "edges": [{"id": "e1", "from_id": "a1", "to_id": "a2"}, {"id": "e2", "from_id": "a2", "to_id": "m3"}]}
            """);

        if (path is null)
        {
            AssertValid(flow);
        }
        else
        {
            Assert.That(Violations(flow).Single().Path, Is.EqualTo(path));
        }
    }

    [Test]
    public void InputContext_Downstream_IsExplainedAsNotUpstream()
    {
        var flow = Parse("""
            {"name": "Inputs", "tasks": [
              {"id": "a1", "name": "First", "task_type": "MANUAL"},
              {"id": "a2", "name": "Second", "task_type": "AUTOMATION", "automation_config": {"input_context": {"source": "task", "task_id": "a3"}}},
              {"id": "a3", "name": "Third", "task_type": "MANUAL"}],
             "edges": [{"id": "e1", "from_id": "a1", "to_id": "a2"}, {"id": "e2", "from_id": "a2", "to_id": "a3"}]}
            """);

        AssertSingleViolation(flow, "tasks[1].automation_config.input_context.task_id", "'a3' is not upstream of task 'a2'");
    }

    // S18 / D30
    [TestCase("""{"due_date_config": {"unit": "days", "type": "WORKFLOW_STARTED"}}""", "due_date_config.duration", "is required")]
    [TestCase("""{"due_date_config": {"duration": 1, "type": "WORKFLOW_STARTED"}}""", "due_date_config.unit", "is required")]
    [TestCase("""{"due_date_config": {"duration": 1, "unit": "days"}}""", "due_date_config.type", "is required")]
    [TestCase("""{"due_date_config": {"duration": -1, "unit": "days", "type": "WORKFLOW_STARTED"}}""", "due_date_config.duration", "must not be negative")]
    [TestCase("""{"due_date_config": {"duration": "1", "unit": "days", "type": "WORKFLOW_STARTED"}}""", "due_date_config.duration", "must be a number")]
    [TestCase("""{"due_date_config": {"duration": 1, "unit": "days", "type": "TASK_FINISHED"}}""", "due_date_config.task_id", "is required when type is TASK_FINISHED")]
    [TestCase("""{"due_date_config": {"duration": 1, "unit": "days", "type": "TASK_FINISHED", "task_id": "t9"}}""", "due_date_config.task_id", "'t9' does not reference an existing task")]
    [TestCase("""{"due_date_config": {"duration": 1, "unit": "days", "type": "PHASE_FINISHED"}}""", "due_date_config.phase_id", "is required when type is PHASE_FINISHED")]
    [TestCase("""{"due_date_config": {"duration": 1, "unit": "days", "type": "PHASE_FINISHED", "phase_id": "p9"}}""", "due_date_config.phase_id", "'p9' does not reference an existing phase")]
    [TestCase("""{"due_date_config": {"duration": 1, "unit": "days", "type": "A_PRECEDING_TASK_COMPLETED"}}""", "due_date_config.type", "only allowed on tasks")]
    [TestCase("""{"phases": [{"id": "p1", "name": "P", "due_date_config": {"duration": 1, "unit": "days", "type": "ALL_PRECEDING_TASKS_COMPLETED"}}]}""", "phases[0].due_date_config.type", "only allowed on tasks")]
    [TestCase("""{"phases": [{"id": "p1", "name": "P", "due_date_config": {"duration": 1, "unit": "days", "type": "PHASE_FINISHED", "phase_id": "p1"}}]}""", "phases[0].due_date_config.phase_id", "is the phase itself")]
    public void DueDateConfigs_AreCompleteAndResolve(string patch, string path, string reason) => AssertSingleViolation(With(Minimal, patch), path, reason);

    [Test]
    public void DueDateConfig_OfATask_CanFollowOtherTasks_ButNotItself()
    {
        AssertValid(WithTask2("""{"due_date_config": {"duration": 2, "unit": "days", "type": "TASK_FINISHED", "task_id": "t1"}}"""));
        AssertValid(WithTask2("""{"due_date_config": {"duration": 0, "unit": "hours", "type": "A_PRECEDING_TASK_COMPLETED"}}"""));
        AssertSingleViolation(WithTask2("""{"due_date_config": {"duration": 2, "unit": "days", "type": "TASK_FINISHED", "task_id": "t2"}}"""),
            "tasks[1].due_date_config.task_id", "'t2' is the task itself");
    }

    // S21
    [TestCase("t1", null)]
    [TestCase("t9", "'t9' does not reference an existing task")]
    [TestCase("a2", "is task 'a2' itself")]
    public void ScheduleReference_TaskCompleted_ResolvesToAnotherTask(string reference, string? reason)
    {
        var flow = Parse($$$"""
            {"name": "Scheduled", "tasks": [
              {"id": "t1", "name": "First", "task_type": "MANUAL"},
              {"id": "a2", "name": "Remind", "task_type": "AUTOMATION", "automation_config": {"flow_id": "f"},
               "schedule": {"mode": "relative", "direction": "after", "duration": 2, "unit": "days", "reference": {"id": "{{{reference}}}", "origin": "task_completed"} } }],
             "edges": [{"id": "e1", "from_id": "t1", "to_id": "a2"}]}
            """);

        if (reason is null)
        {
            AssertValid(flow);
        }
        else
        {
            AssertSingleViolation(flow, "tasks[1].schedule.reference.id", reason);
        }
    }

    // S24 / D33
    [Test]
    public void LoopConfig_NeedsAllFieldsAndAtLeastOneIteration()
    {
        AssertLoop("""{"exit_branch_id": "c_ok", "max_iterations": 3}""", "tasks[1].loop_config.loop_branch_id", "is required");
        AssertLoop("""{"loop_branch_id": "c_fix", "max_iterations": 3}""", "tasks[1].loop_config.exit_branch_id", "is required");
        AssertLoop("""{"loop_branch_id": "c_fix", "exit_branch_id": "c_ok"}""", "tasks[1].loop_config.max_iterations", "is required");
        AssertLoop("""{"loop_branch_id": "c_fix", "exit_branch_id": "c_ok", "max_iterations": 0}""", "tasks[1].loop_config.max_iterations", "at least 1");
        AssertLoop("""{"loop_branch_id": "c_fix", "exit_branch_id": "c_ok", "max_iterations": 2.0}""", "tasks[1].loop_config.max_iterations", "must be an integer");
    }

    [Test]
    public void LoopConfig_BranchesAreConditionsOrTheNoneMetEdge()
    {
        AssertLoop("""{"loop_branch_id": "c_fix", "exit_branch_id": "c_x", "max_iterations": 3}""", "tasks[1].loop_config.exit_branch_id",
            "'c_x' is neither a condition of task 'd1' nor the id of its none_met edge");

        var viaNoneMet = Parse(ReviewLoop);
        viaNoneMet["tasks"]![1]!["loop_config"] = JsonNode.Parse("""{"loop_branch_id": "c_fix", "exit_branch_id": "e5", "max_iterations": 3}""");
        AssertValid(viaNoneMet);
    }

    // S25 / D32
    [TestCase("""[{"title": "No id"}]""", "closing_reasons[0].id", "is required")]
    [TestCase("""[{"id": ""}]""", "closing_reasons[0].id", "must not be empty")]
    [TestCase("""[{"id": "r1"}, {"id": "r1"}]""", "closing_reasons[1].id", "'r1' is listed more than once")]
    public void ClosingReasons_HaveUniqueIds(string reasons, string path, string reason) =>
        AssertSingleViolation(With(Minimal, $$"""{"closing_reasons": {{reasons}}}"""), path, reason);

    [Test]
    public void ClosingReasons_MayCarryACatalogSnapshot() =>
        AssertValid(With(Minimal, """{"closing_reasons": [{"id": "r1", "title": "Done", "status": "INACTIVE", "lastUpdateTime": "2021", "creationTime": "x"}, {"id": "deleted-long-ago"}]}"""));

    // S27 / D34
    [TestCase("""{"event": "TaskCompleted", "filter": {"task_template_id": "t1"}}""", null, null)]
    [TestCase("""{"event": "CurrTaskChanged", "filter": {"task_template_id": "t2"}}""", null, null)]
    [TestCase("""{"event": "PhaseCompleted", "filter": {"phase_template_id": "p1"}}""", null, null)]
    [TestCase("""{"event": "TaskCompleted", "filter": {"task_template_id": "t1", "phase_template_id": "p1"}}""", "entity_sync[0].trigger.filter", "exactly one")]
    [TestCase("""{"event": "TaskCompleted", "filter": {}}""", "entity_sync[0].trigger.filter", "exactly one")]
    [TestCase("""{"event": "TaskCompleted", "filter": {"task_template_id": "t9"}}""", "entity_sync[0].trigger.filter.task_template_id", "'t9' does not reference an existing task")]
    [TestCase("""{"event": "PhaseCompleted", "filter": {"phase_template_id": "p9"}}""", "entity_sync[0].trigger.filter.phase_template_id", "'p9' does not reference an existing phase")]
    [TestCase("""{"event": "PhaseCompleted", "filter": {"task_template_id": "t1"}}""", "entity_sync[0].trigger.filter.task_template_id", "only allowed with task events")]
    [TestCase("""{"event": "FlowStarted", "filter": {"phase_template_id": "p1"}}""", "entity_sync[0].trigger.filter.phase_template_id", "only allowed with phase events")]
    public void EntitySyncFilters_TargetOneExistingTaskOrPhaseOfTheRightKind(string trigger, string? path, string? reason)
    {
        var flow = With(Minimal, $$$"""{"entity_sync": [{"trigger": {{{trigger}}}, "target": {"entitySchema": "opportunity", "entityAttribute": "stage"}, "value": {"source": "task_status"}}]}""");
        if (path is null)
        {
            AssertValid(flow);
        }
        else
        {
            AssertSingleViolation(flow, path, reason!);
        }
    }

    // E1
    [TestCase("""[{"from_id": "t1", "to_id": "t2"}]""", "edges[0].id", "is required")]
    [TestCase("""[{"id": "e1", "to_id": "t2"}]""", "edges[0].from_id", "is required")]
    [TestCase("""[{"id": "e1", "from_id": "t1", "to_id": "t2"}, {"id": "e1", "from_id": "t2"}]""", "edges[1].id", "'e1' is used by more than one edge")]
    [TestCase("""[{"id": "e1", "from_id": "t1", "to_id": 7}]""", "edges[0].to_id", "must be a string")]
    [TestCase("""[{"id": "e1", "from_id": "t1", "to_id": "t2", "none_met": "yes"}]""", "edges[0].none_met", "must be a boolean")]
    // E2, E3
    [TestCase("""[{"id": "e1", "from_id": "t9", "to_id": "t2"}]""", "edges[0].from_id", "'t9' does not reference an existing task or trigger (edge 'e1')")]
    [TestCase("""[{"id": "e1", "from_id": "t1", "to_id": "t9"}]""", "edges[0].to_id", "'t9' does not reference an existing task (edge 'e1')")]
    [TestCase("""[{"id": "e1", "from_id": "t1", "to_id": "p1"}]""", "edges[0].to_id", "'p1' does not reference an existing task")]
    // E4
    [TestCase("""[{"id": "e1", "from_id": "t1", "to_id": "t1"}]""", "edges[0].to_id", "self-edges are not allowed")]
    [TestCase("""[{"id": "e1", "from_id": "t1", "to_id": "t2"}, {"id": "e2", "from_id": "t1", "to_id": "t2"}]""", "edges[1]", "duplicates another edge from 't1' to 't2'")]
    // E5, E6 on non-decisions
    [TestCase("""[{"id": "e1", "from_id": "t1", "to_id": "t2", "condition_id": "c1"}]""", "edges[0].condition_id", "only allowed on edges leaving a decision task")]
    [TestCase("""[{"id": "e1", "from_id": "t1", "to_id": "t2", "none_met": true}]""", "edges[0].none_met", "only allowed on edges leaving a decision task")]
    public void Edges_Rules(string edges, string path, string reason) => AssertSingleViolation(With(Minimal, $$"""{"edges": {{edges}}}"""), path, reason);

    [Test]
    public void Edges_OpenEndsAndTriggerStarts_AreValid()
    {
        var flow = With(Minimal, """{"trigger": {"id": "start", "type": "manual"}, "edges": [{"id": "e0", "from_id": "start", "to_id": "t1"}, {"id": "e1", "from_id": "t1", "to_id": "t2"}, {"id": "e2", "from_id": "t2", "to_id": null}, {"id": "e3", "from_id": "t1"}]}""");

        AssertValid(flow);
        AssertSingleViolation(With(Minimal, """{"edges": [{"id": "e1", "from_id": "t1", "to_id": null}, {"id": "e2", "from_id": "t1"}]}"""),
            "edges[1]", "duplicates another edge from 't1' to '(open end)'");
    }

    [Test]
    public void Edges_ToATrigger_AreRefused() =>
        AssertSingleViolation(With(Minimal, """{"trigger": {"id": "start", "type": "manual"}, "edges": [{"id": "e1", "from_id": "t1", "to_id": "start"}]}"""),
            "edges[0].to_id", "'start' does not reference an existing task");

    // E8
    [Test]
    public void Edges_NonDecisionTasksMayBranchInParallel() =>
        AssertValid(Parse("""
            {"name": "Parallel", "tasks": [{"id": "a", "name": "A", "task_type": "MANUAL"}, {"id": "b", "name": "B", "task_type": "MANUAL"},
                                           {"id": "c", "name": "C", "task_type": "MANUAL"}, {"id": "d", "name": "D", "task_type": "MANUAL"}],
             "edges": [{"id": "e1", "from_id": "a", "to_id": "b"}, {"id": "e2", "from_id": "a", "to_id": "c"},
                       {"id": "e3", "from_id": "b", "to_id": "d"}, {"id": "e4", "from_id": "c", "to_id": "d"}]}
            """));

    // E5, E6, E7 on decisions
    [Test]
    public void DecisionEdges_EachCarryABranch()
    {
        AssertDecisionEdge(e => e.Remove("condition_id"), "edges[1]", "edge 'e2' leaves task 'd1' and needs a condition_id or none_met: true");
        AssertDecisionEdge(e => e["condition_id"] = "c_x", "edges[1].condition_id", "'c_x' is not a condition of task 'd1' (edge 'e2')");
        AssertDecisionEdge(e => e["none_met"] = true, "edges[1].none_met", "cannot be combined with condition_id");
        AssertDecisionEdge(e => e["condition_id"] = "c_fix", "edges[2].condition_id", "branch 'c_fix' of task 'd1' already has an edge (edge 'e3')");
    }

    [Test]
    public void DecisionEdges_AtMostOneNoneMet()
    {
        var flow = Parse(ReviewLoop);
        flow["edges"]!.AsArray().Add(JsonNode.Parse("""{"id": "e6", "from_id": "d1", "to_id": "t3", "none_met": true}"""));

        AssertSingleViolation(flow, "edges[5].none_met", "task 'd1' already has a none_met edge (edge 'e6')");
    }

    // D37 and the contract's loop example with its rejected variants
    [Test]
    public void Cycle_ThroughTheDeclaredLoopBranch_IsAllowed() => AssertValid(Parse(ReviewLoop));

    [Test]
    public void Cycle_WithoutLoopConfig_IsRefused()
    {
        var flow = Parse(ReviewLoop);
        flow["tasks"]![1]!.AsObject().Remove("loop_config");

        AssertSingleViolation(flow, "edges", $"cycle detected d1 -> t2 -> d1 {CycleMessage}");
    }

    [Test]
    public void Cycle_ThroughTheExitBranch_IsRefused()
    {
        var flow = Parse(ReviewLoop);
        flow["tasks"]![1]!["loop_config"] = JsonNode.Parse("""{"loop_branch_id": "c_ok", "exit_branch_id": "c_fix", "max_iterations": 3}""");

        AssertSingleViolation(flow, "edges", "cycle detected d1 -> t2 -> d1");
    }

    [Test]
    public void Cycle_ThroughTheNoneMetEdgeDeclaredAsLoopBranch_IsAllowed()
    {
        var flow = Parse(ReviewLoop);
        flow["edges"]![2]!["to_id"] = "t4";
        flow["edges"]![4]!["to_id"] = "t2";
        flow["tasks"]![1]!["loop_config"] = JsonNode.Parse("""{"loop_branch_id": "e5", "exit_branch_id": "c_ok", "max_iterations": 3}""");

        AssertValid(flow);
    }

    [Test]
    public void LoopExample_RejectedVariants_FromTheContract()
    {
        var noneMetFromManual = Parse(ReviewLoop);
        noneMetFromManual["edges"]![4]!["from_id"] = "t1";
        AssertSingleViolation(noneMetFromManual, "edges[4].none_met", "only allowed on edges leaving a decision task");

        var unknownBranch = Parse(ReviewLoop);
        unknownBranch["edges"]![2]!["condition_id"] = "c_x";
        Assert.That(Violations(unknownBranch).Select(v => v.Path), Does.Contain("edges[2].condition_id"));

        var sameBranches = Parse(ReviewLoop);
        sameBranches["tasks"]![1]!["loop_config"]!["exit_branch_id"] = "c_fix";
        AssertSingleViolation(sameBranches, "tasks[1].loop_config.exit_branch_id", "must differ from loop_branch_id");
    }

    [Test]
    public void Cycle_BetweenPlainTasks_IsRefusedNamingThePath()
    {
        var flow = With(Minimal, """{"edges": [{"id": "e1", "from_id": "t1", "to_id": "t2"}, {"id": "e2", "from_id": "t2", "to_id": "t1"}]}""");

        AssertSingleViolation(flow, "edges", $"cycle detected t1 -> t2 -> t1 {CycleMessage}");
    }

    [Test]
    public void Cycle_LongerThanTwoTasks_IsFound()
    {
        var tasks = string.Join(", ", Enumerable.Range(0, 50).Select(i => $$"""{"id": "t{{i}}", "name": "T{{i}}", "task_type": "MANUAL"}"""));
        var edges = string.Join(", ", Enumerable.Range(0, 50).Select(i => $$"""{"id": "e{{i}}", "from_id": "t{{i}}", "to_id": "t{{(i + 1) % 50}}"}"""));

        var violations = Violations(Parse($$"""{"name": "Ring", "tasks": [{{tasks}}], "edges": [{{edges}}]}"""));

        Assert.That(violations.Single().Reason, Does.StartWith("cycle detected t0 -> t1 -> t2"));
    }

    private static void AssertLoop(string loopConfig, string path, string reason)
    {
        var flow = Parse(ReviewLoop);
        flow["tasks"]![1]!["loop_config"] = JsonNode.Parse(loopConfig);

        Assert.That(Violations(flow).Select(v => $"{v.Path} {v.Reason}"), Has.Some.StartsWith(path).And.Some.Contains(reason));
    }

    private static void AssertDecisionEdge(Action<JsonObject> change, string path, string reason)
    {
        var flow = Parse(ReviewLoop);
        change(flow["edges"]![1]!.AsObject());

        Assert.That(Violations(flow).Select(v => $"{v.Path} {v.Reason}"), Has.Some.EqualTo($"{path} {reason}").Or.Some.StartsWith($"{path} {reason}"));
    }

    private static JsonObject WithTask2(string extra)
    {
        var flow = Parse(Minimal);
        foreach (var (name, value) in Parse(extra).ToList())
        {
            flow["tasks"]![1]![name] = value?.DeepClone();
        }

        return flow;
    }
}
