using WorkflowDefinitions.Domain.Common;
using System.Text.Json.Nodes;
using WorkflowDefinitions.Domain.FlowTemplates;
using static WorkflowDefinitions.Domain.UnitTests.FlowTemplates.FlowJson;

namespace WorkflowDefinitions.Domain.UnitTests.FlowTemplates;

/// <summary>Contract §3.5 / D40: each limit, its warning, and the "not worsened" rule of updates.</summary>
public class FlowLimitEvaluatorTests
{
    private static readonly FlowLimits Tight = new()
    {
        MaxTasks = 2, MaxPhases = 1, MaxIncomingEdgesPerTask = 1, MaxOutgoingEdgesPerTask = 1, MaxBranchesPerDecision = 1,
        MaxStatementsPerCondition = 1, MaxBranchNameLength = 5, MaxLoopIterations = 2, MaxEntitySyncRules = 1,
        MaxAdditionalTriggers = 1, MaxAiAgentParameterLength = 4,
    };

    [Test]
    public void Evaluate_WithinLimits_HasNoWarnings()
    {
        Assert.Multiple(() =>
        {
            Assert.That(FlowDocument.Parse(Parse(ReviewLoop), HardLimits.Default).EvaluateLimits(FlowLimits.Default), Is.Empty);
            Assert.That(FlowDocument.Parse(Parse(CustomerOnboarding), HardLimits.Default).EvaluateLimits(FlowLimits.Default), Is.Empty);
        });
    }

    [Test]
    public void Evaluate_FlowLevelLimits()
    {
        var flow = With(Minimal, """
            {"phases": [{"id": "p1", "name": "A"}, {"id": "p2", "name": "B"}],
             "tasks": [{"id": "t1", "name": "A", "task_type": "MANUAL"}, {"id": "t2", "name": "B", "task_type": "MANUAL"}, {"id": "t3", "name": "C", "task_type": "MANUAL"}],
             "edges": [],
             "additional_triggers": [{"type": "manual"}, {"type": "manual"}],
             "entity_sync": [{"trigger": {"event": "FlowStarted"}, "target": {"entitySchema": "o", "entityAttribute": "a"}, "value": {"source": "workflow_name"}},
                             {"trigger": {"event": "FlowCompleted"}, "target": {"entitySchema": "o", "entityAttribute": "a"}, "value": {"source": "workflow_status"}}]}
            """);

        var warnings = Evaluate(flow);

        Assert.That(warnings.Select(w => (w.I18nKey, w.Current, w.Max, Path: string.Join("/", w.Path))), Is.EquivalentTo(new[]
        {
            ("errors.flow_max_tasks", 3L, 2L, "tasks"),
            ("errors.flow_max_phases", 2L, 1L, "phases"),
            ("errors.flow_max_additional_triggers", 2L, 1L, "additional_triggers"),
            ("errors.flow_max_entity_sync_rules", 2L, 1L, "entity_sync"),
        }));
        Assert.That(warnings.Single(w => w.I18nKey == "errors.flow_max_tasks").Message, Is.EqualTo("The flow has 3 tasks (max 2)"));
    }

    [Test]
    public void Evaluate_IncomingAndOutgoingEdgesPerTask()
    {
        var flow = Parse("""
            {"name": "Fan", "tasks": [{"id": "a", "name": "Start", "task_type": "MANUAL"}, {"id": "b", "name": "Left", "task_type": "MANUAL"},
                                      {"id": "c", "name": "Review", "task_type": "MANUAL"}],
             "edges": [{"id": "e1", "from_id": "a", "to_id": "b"}, {"id": "e2", "from_id": "a", "to_id": "c"}, {"id": "e3", "from_id": "b", "to_id": "c"}]}
            """);

        var warnings = Evaluate(flow, new FlowLimits { MaxIncomingEdgesPerTask = 1, MaxOutgoingEdgesPerTask = 1 });

        var incoming = warnings.Single(w => w.I18nKey == "errors.task_max_incoming_edges");
        var outgoing = warnings.Single(w => w.I18nKey == "errors.task_max_outgoing_edges");
        Assert.Multiple(() =>
        {
            Assert.That(incoming.Message, Is.EqualTo("Task 'Review' has 2 incoming connections (max 1)"));
            Assert.That((incoming.NodeId, incoming.TaskName, incoming.Current, incoming.Max), Is.EqualTo(("c", "Review", 2L, 1L)));
            Assert.That(incoming.Path, Is.EqualTo(new object[] { "tasks", 2 }));
            Assert.That((outgoing.NodeId, outgoing.Current), Is.EqualTo(("a", 2L)));
        });
    }

    [Test]
    public void Evaluate_DecisionLimits_BranchesStatementsBranchNamesAndLoops()
    {
        var flow = Parse(ReviewLoop);
        flow["tasks"]![1]!["conditions"]![0]!["branch_name"] = "Completed!";
        flow["tasks"]![1]!["conditions"]![0]!["statements"]!.AsArray().Add(JsonNode.Parse("""{"id": "s2", "source": {}, "operator": "is_empty", "values": []}"""));
        flow["tasks"]![1]!["loop_config"]!["max_iterations"] = 3;

        var warnings = Evaluate(flow, Tight with { MaxTasks = 100 });

        Assert.That(warnings.Select(w => (w.I18nKey, w.Current, w.NodeId, w.BranchName, Path: string.Join("/", w.Path))), Is.EquivalentTo(new[]
        {
            ("errors.decision_max_branches", 2L, "d1", (string?)null, "tasks/1/conditions"),
            ("errors.condition_max_statements", 2L, "d1", "Completed!", "tasks/1/conditions/0/statements"),
            ("errors.branch_name_max_length", 10L, "d1", "Completed!", "tasks/1/conditions/0/branch_name"),
            ("errors.branch_name_max_length", 10L, "d1", "Incomplete", "tasks/1/conditions/1/branch_name"),
            ("errors.loop_max_iterations", 3L, "d1", null, "tasks/1/loop_config/max_iterations"),
            ("errors.task_max_incoming_edges", 2L, "d1", null, "tasks/1"),
        }));
    }

    [Test]
    public void Evaluate_BranchNameLength_CountsCodePoints()
    {
        var flow = Parse(ReviewLoop);
        flow["tasks"]![1]!["conditions"]![0]!["branch_name"] = "😀😀😀😀😀";

        Assert.That(Evaluate(flow, Tight with { MaxTasks = 100 }).Where(w => w.I18nKey == "errors.branch_name_max_length").Select(w => w.BranchName), Is.EqualTo(new[] { "Incomplete" }));
    }

    [Test]
    public void Evaluate_AiAgentParameters_ExceptAgentId()
    {
        var flow = Parse("""
            {"name": "Agent", "tasks": [{"id": "g1", "name": "Summarize", "task_type": "AI_AGENT",
              "agent_config": {"agent_id": "a-very-long-agent-id", "prompt": "Write a summary", "mode": "ok", "temperature": 123456}}], "edges": []}
            """);

        var warning = Evaluate(flow).Single();

        Assert.Multiple(() =>
        {
            Assert.That((warning.I18nKey, warning.ParamName, warning.Current, warning.Max), Is.EqualTo(("errors.ai_agent_param_max_length", "prompt", 15L, 4L)));
            Assert.That(warning.Path, Is.EqualTo(new object[] { "tasks", 0, "agent_config", "prompt" }));
        });
    }

    [Test]
    public void Evaluate_DefaultBranchNameLimit_Is255()
    {
        var flow = Parse(ReviewLoop);
        flow["tasks"]![1]!["conditions"]![0]!["branch_name"] = new string('b', 256);

        Assert.That(FlowDocument.Parse(flow, HardLimits.Default).EvaluateLimits(FlowLimits.Default).Single().I18nKey, Is.EqualTo("errors.branch_name_max_length"));
    }

    [Test]
    public void NewOrWorsened_ToleratesKnownViolationsThatDidNotGrow()
    {
        var stored = Evaluate(WithIncoming(3), new FlowLimits { MaxIncomingEdgesPerTask = 1 });

        Assert.Multiple(() =>
        {
            Assert.That(FlowLimitEvaluator.NewOrWorsened(Evaluate(WithIncoming(3), new FlowLimits { MaxIncomingEdgesPerTask = 1 }), stored), Is.Empty);
            Assert.That(FlowLimitEvaluator.NewOrWorsened(Evaluate(WithIncoming(2), new FlowLimits { MaxIncomingEdgesPerTask = 1 }), stored), Is.Empty);
            Assert.That(FlowLimitEvaluator.NewOrWorsened(Evaluate(WithIncoming(4), new FlowLimits { MaxIncomingEdgesPerTask = 1 }), stored).Single().Current, Is.EqualTo(4));
        });
    }

    [Test]
    public void NewOrWorsened_AViolationOnAnotherSubject_IsNew()
    {
        var stored = Evaluate(WithIncoming(3), new FlowLimits { MaxIncomingEdgesPerTask = 1 });
        var requested = WithIncoming(3);
        requested["tasks"]!.AsArray().Add(JsonNode.Parse("""{"id": "z", "name": "Other sink", "task_type": "MANUAL"}"""));
        requested["edges"]!.AsArray().Add(JsonNode.Parse("""{"id": "z1", "from_id": "s0", "to_id": "z"}"""));
        requested["edges"]!.AsArray().Add(JsonNode.Parse("""{"id": "z2", "from_id": "s1", "to_id": "z"}"""));

        var worsened = FlowLimitEvaluator.NewOrWorsened(Evaluate(requested, new FlowLimits { MaxIncomingEdgesPerTask = 1 }), stored);

        Assert.That(worsened.Single().NodeId, Is.EqualTo("z"));
    }

    private static IReadOnlyList<FlowLimitWarning> Evaluate(JsonObject flow, FlowLimits? limits = null) =>
        FlowDocument.Parse(flow, HardLimits.Default).EvaluateLimits(limits ?? Tight);

    private static JsonObject WithIncoming(int sources)
    {
        var tasks = new JsonArray(JsonNode.Parse("""{"id": "sink", "name": "Sink", "task_type": "MANUAL"}"""));
        var edges = new JsonArray();
        for (var i = 0; i < sources; i++)
        {
            tasks.Add(JsonNode.Parse($$"""{"id": "s{{i}}", "name": "Source {{i}}", "task_type": "MANUAL"}"""));
            edges.Add(JsonNode.Parse($$"""{"id": "e{{i}}", "from_id": "s{{i}}", "to_id": "sink"}"""));
        }

        return new JsonObject { ["name"] = "Incoming", ["tasks"] = tasks, ["edges"] = edges };
    }
}
