using System.Runtime.InteropServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowDefinitions.Domain.Common;
using WorkflowDefinitions.Domain.FlowTemplates;
using static WorkflowDefinitions.Domain.UnitTests.FlowTemplates.FlowJson;

namespace WorkflowDefinitions.Domain.UnitTests.FlowTemplates;

/// <summary>The schema part of the structural rules (contract §3.2 S1-S6, S8, S9, S11-S15, S19, S20, S22, S23, S26, D14).</summary>
public class FlowDocumentShapeTests
{
    [Test]
    public void Parse_TheSpecificationExamples_AreValid()
    {
        AssertValid(Parse(Minimal));
        AssertValid(Parse(ReviewLoop));
        AssertValid(Parse(CustomerOnboarding));
    }

    [TestCase(10)]
    [TestCase(100)]
    [TestCase(1000)]
    public void Parse_GeneratedLargeFlows_AreValid(int tasks) =>
        AssertValid(WorkflowDefinitions.TestSupport.FlowGenerator.Create(tasks));

    [Test]
    public void Parse_TasksAndEdgesMayBeEmpty() => AssertValid(Parse("""{"name": "Empty flow", "tasks": [], "edges": []}"""));

    // S1
    [TestCase("""{"tasks": [], "edges": []}""", "name", "is required")]
    [TestCase("""{"name": null, "tasks": [], "edges": []}""", "name", "is required")]
    [TestCase("""{"name": 42, "tasks": [], "edges": []}""", "name", "must be a string")]
    [TestCase("""{"name": "ab", "tasks": [], "edges": []}""", "name", "at least 3 characters")]
    [TestCase("""{"name": "    ", "tasks": [], "edges": []}""", "name", "not only whitespace")]
    [TestCase("""{"name": "😀😀", "tasks": [], "edges": []}""", "name", "at least 3 characters")]
    public void Parse_WithABadName_IsRefused(string json, string path, string reason) => AssertSingleViolation(Parse(json), path, reason);

    [Test]
    public void Parse_NameLengthCountsCodePoints_NotUtf16Units() =>
        AssertValid(Parse("""{"name": "😀😀😀", "tasks": [], "edges": []}"""));

    // S2
    [Test]
    public void Parse_DescriptionUpTo5000CodePoints_IsAccepted()
    {
        AssertValid(With(Minimal, $$"""{"description": "{{new string('a', 5000)}}"}"""));
        AssertSingleViolation(With(Minimal, $$"""{"description": "{{new string('a', 5001)}}"}"""), "description", "5000");
        AssertValid(With(Minimal, $$"""{"description": "{{string.Concat(Enumerable.Repeat("😀", 5000))}}"}"""));
    }

    // S3
    [TestCase("""{"name": "Flow", "edges": []}""", "tasks", "is required")]
    [TestCase("""{"name": "Flow", "tasks": []}""", "edges", "is required")]
    [TestCase("""{"name": "Flow", "tasks": {}, "edges": []}""", "tasks", "must be an array")]
    [TestCase("""{"name": "Flow", "tasks": [], "edges": [], "phases": {}}""", "phases", "must be an array")]
    [TestCase("""{"name": "Flow", "tasks": [], "edges": [], "additional_triggers": "x"}""", "additional_triggers", "must be an array")]
    [TestCase("""{"name": "Flow", "tasks": [], "edges": [], "closing_reasons": 1}""", "closing_reasons", "must be an array")]
    [TestCase("""{"name": "Flow", "tasks": [], "edges": [], "entity_sync": true}""", "entity_sync", "must be an array")]
    [TestCase("""{"name": "Flow", "tasks": [], "edges": [], "taxonomies": "t"}""", "taxonomies", "must be an array")]
    [TestCase("""{"name": "Flow", "tasks": [], "edges": [], "taxonomies": ["a", 1]}""", "taxonomies[1]", "must be a string")]
    [TestCase("""{"name": "Flow", "tasks": [], "edges": [], "_manifest": [null]}""", "_manifest[0]", "must be a string")]
    [TestCase("""{"name": "Flow", "tasks": [], "edges": [], "assigned_to": {}}""", "assigned_to", "must be an array")]
    [TestCase("""{"name": "Flow", "tasks": [5], "edges": []}""", "tasks[0]", "must be an object")]
    [TestCase("""{"name": "Flow", "tasks": [], "edges": [], "enabled": "yes"}""", "enabled", "must be a boolean")]
    [TestCase("""{"name": "Flow", "tasks": [], "edges": [], "linear": 1}""", "linear", "must be a boolean")]
    [TestCase("""{"name": "Flow", "tasks": [], "edges": [], "due_date": "tomorrow"}""", "due_date", "ISO-8601")]
    [TestCase("""{"name": "Flow", "tasks": [], "edges": [], "due_date": "2021-02-30"}""", "due_date", "ISO-8601")]
    public void Parse_WithWrongTypes_NamesThePath(string json, string path, string reason) => AssertSingleViolation(Parse(json), path, reason);

    [TestCase("2021-04-27")]
    [TestCase("2021-04-27T12:00:00.000Z")]
    [TestCase("2021-04-27T12:00Z")]
    [TestCase("2021-04-27T12:00:00+02:00")]
    [TestCase("2021-04-27T12:00:00")]
    public void Parse_IsoDates_AreAcceptedAndKeptVerbatim(string date)
    {
        var document = FlowDocument.Parse(With(Minimal, $$"""{"due_date": "{{date}}"}"""), HardLimits.Default);

        Assert.That(document.ToJsonObject()["due_date"]!.GetValue<string>(), Is.EqualTo(date));
    }

    // S4 + D01
    [TestCase("v1")]
    [TestCase("v3")]
    [TestCase("2")]
    public void Parse_Version_AcceptsNamesAndIntegers(string version) =>
        AssertValid(With(Minimal, $$"""{"version": {{(version.StartsWith('v') ? $"\"{version}\"" : version)}}}"""));

    [TestCase("\"v4\"")]
    [TestCase("4")]
    [TestCase("2.0")]
    [TestCase("true")]
    [TestCase("\"2\"")]
    public void Parse_Version_RefusesOthers(string version) =>
        AssertSingleViolation(With(Minimal, $$"""{"version": {{version}}}"""), "version", "must be one of v1, v2, v3");

    [TestCase("""{"tasks": [{"id": "t1", "name": "T", "task_type": "manual"}], "edges": []}""", "tasks[0].task_type")]
    [TestCase("""{"tasks": [{"id": "t1", "name": "T", "task_type": "DECISION", "trigger_mode": "auto", "conditions": []}], "edges": []}""", "tasks[0].trigger_mode")]
    [TestCase("""{"due_date_config": {"duration": 1, "unit": "seconds", "type": "WORKFLOW_STARTED"}}""", "due_date_config.unit")]
    [TestCase("""{"due_date_config": {"duration": 1, "unit": "days", "type": "FLOW_STARTED"}}""", "due_date_config.type")]
    [TestCase("""{"trigger": {"type": "automation", "input_entity": "message"}}""", "trigger.input_entity")]
    [TestCase("""{"closing_reasons": [{"id": "r", "status": "active"}]}""", "closing_reasons[0].status")]
    [TestCase("""{"entity_sync": [{"trigger": {"event": "FlowBegan"}, "target": {"entitySchema": "a", "entityAttribute": "b"}, "value": {"source": "workflow_name"}}]}""", "entity_sync[0].trigger.event")]
    [TestCase("""{"entity_sync": [{"trigger": {"event": "FlowStarted"}, "target": {"entitySchema": "a", "entityAttribute": "b"}, "value": {"source": "name"}}]}""", "entity_sync[0].value.source")]
    public void Parse_WithAValueOutsideItsEnum_IsRefused(string patch, string path) =>
        AssertSingleViolation(With(Minimal, patch), path, "must be one of");

    [TestCase("""{"id": "s1", "source": {}, "operator": "is", "values": []}""", "operator")]
    [TestCase("""{"id": "s1", "source": {}, "operator": "equals", "values": [], "value_type": "dynamic"}""", "value_type")]
    public void Parse_WithAStatementEnumOutOfRange_IsRefused(string statement, string property) =>
        AssertSingleViolation(Parse(Decision(statement: statement)), $"tasks[0].conditions[0].statements[0].{property}", "must be one of");

    [TestCase("origin", "\"workflow\"")]
    [TestCase("origin_type", "\"task\"")]
    [TestCase("attribute_type", "\"uuid\"")]
    [TestCase("attribute_operation", "\"removed\"")]
    [TestCase("attributes_match", "\"some\"")]
    public void Parse_WithAnEvaluationSourceEnumOutOfRange_IsRefused(string property, string value) =>
        AssertSingleViolation(Parse(Decision(statement: $$"""{"id": "s1", "source": {"{{property}}": {{value}}}, "operator": "equals", "values": []}""")),
            $"tasks[0].conditions[0].statements[0].source.{property}", "must be one of");

    // S5, S6
    [TestCase("""{"trigger": "manual"}""", "trigger", "must be an object")]
    [TestCase("""{"trigger": {}}""", "trigger.type", "is required")]
    [TestCase("""{"trigger": {"type": "webhook"}}""", "trigger.type", "must be one of manual, automation, journey_submission, journey_automation")]
    [TestCase("""{"additional_triggers": [{"type": "manual"}, {"type": "cron"}]}""", "additional_triggers[1].type", "must be one of")]
    [TestCase("""{"trigger": {"type": "journey_submission"}}""", "trigger.journey_id", "is required")]
    [TestCase("""{"trigger": {"type": "journey_submission", "journey_id": ""}}""", "trigger.journey_id", "must not be empty")]
    [TestCase("""{"trigger": {"type": "automation", "trigger_config": [{"configuration": {}}]}}""", "trigger.trigger_config[0].type", "is required")]
    public void Parse_WithABadTrigger_IsRefused(string patch, string path, string reason)
    {
        var document = Parse(Minimal);
        document.Remove("trigger");
        foreach (var (name, value) in Parse(patch).ToList())
        {
            document[name] = value?.DeepClone();
        }

        AssertSingleViolation(document, path, reason);
    }

    [TestCase("""{"trigger": {"type": "automation"}}""")]
    [TestCase("""{"trigger": {"type": "automation", "automation_id": "automation_456", "input_entity": "thread"}}""")]
    [TestCase("""{"trigger": {"type": "journey_submission", "journey_id": "j1", "journey_name": "Offer", "automation_id": "a1"}}""")]
    [TestCase("""{"trigger": {"type": "journey_automation", "entity_schema": "opportunity"}}""")]
    [TestCase("""{"additional_triggers": [{"type": "manual", "entity_schema": "contact"}, {"type": "automation", "automation_id": "x"}]}""")]
    public void Parse_EveryTriggerVariant_IsAccepted(string patch) => AssertValid(With(Minimal, patch));

    // S8, S9
    [TestCase("""{"phases": [{"name": "P"}]}""", "phases[0].id", "is required")]
    [TestCase("""{"phases": [{"id": "p1"}]}""", "phases[0].name", "is required")]
    [TestCase("""{"phases": [{"id": "", "name": "P"}]}""", "phases[0].id", "must not be empty")]
    public void Parse_WithAnIncompletePhase_IsRefused(string patch, string path, string reason) =>
        AssertSingleViolation(With("""{"name": "Phases", "tasks": [], "edges": []}""", patch), path, reason);

    [TestCase("""{"tasks": [{"name": "T", "task_type": "MANUAL"}], "edges": []}""", "tasks[0].id", "is required")]
    [TestCase("""{"tasks": [{"id": "t1", "task_type": "MANUAL"}], "edges": []}""", "tasks[0].name", "is required")]
    [TestCase("""{"tasks": [{"id": "t1", "name": "T"}], "edges": []}""", "tasks[0].task_type", "is required")]
    public void Parse_WithAnIncompleteTask_IsRefused(string patch, string path, string reason) => AssertSingleViolation(With(Minimal, patch), path, reason);

    // S11, S12, S13
    [TestCase("""{"id": "a", "name": "A", "task_type": "AUTOMATION"}""", "tasks[0].automation_config", "is required")]
    [TestCase("""{"id": "a", "name": "A", "task_type": "AUTOMATION", "automation_config": "flow"}""", "tasks[0].automation_config", "must be an object")]
    [TestCase("""{"id": "d", "name": "D", "task_type": "DECISION", "conditions": []}""", "tasks[0].trigger_mode", "is required")]
    [TestCase("""{"id": "d", "name": "D", "task_type": "DECISION", "trigger_mode": "manual"}""", "tasks[0].conditions", "is required")]
    [TestCase("""{"id": "g", "name": "G", "task_type": "AI_AGENT", "agent_config": {}}""", "tasks[0].agent_config.agent_id", "is required")]
    [TestCase("""{"id": "g", "name": "G", "task_type": "AI_AGENT", "agent_config": {"agent_id": ""}}""", "tasks[0].agent_config.agent_id", "must not be empty")]
    public void Parse_WithATaskMissingWhatItsTypeNeeds_IsRefused(string task, string path, string reason) =>
        AssertSingleViolation(Parse($$"""{"name": "Flow", "tasks": [{{task}}], "edges": []}"""), path, reason);

    [TestCase("""{"id": "a", "name": "A", "task_type": "AUTOMATION", "automation_config": {}}""")]
    [TestCase("""{"id": "d", "name": "D", "task_type": "DECISION", "trigger_mode": "manual", "conditions": []}""")]
    [TestCase("""{"id": "g", "name": "G", "task_type": "AI_AGENT"}""")]
    [TestCase("""{"id": "g", "name": "G", "task_type": "AI_AGENT", "agent_config": {"agent_id": "agent-1", "prompt": "Summarize", "temperature": 0.2}}""")]
    [TestCase("""{"id": "m", "name": "M", "task_type": "MANUAL", "conditions": "anything", "automation_config": 7}""")]
    public void Parse_TasksWithWhatTheirTypeNeeds_AreValid_AndOtherVariantsFieldsAreUnknownData(string task) =>
        AssertValid(Parse($$"""{"name": "Flow", "tasks": [{{task}}], "edges": []}"""));

    // S14, S15
    [Test]
    public void Parse_TaskDescriptionValue_IsLimitedTo10000CodePoints()
    {
        AssertValid(Parse(Task($$$"""{"description": {"enabled": true, "value": "{{{new string('x', 10000)}}}"}}""")));
        AssertSingleViolation(Parse(Task($$$"""{"description": {"value": "{{{new string('x', 10001)}}}"}}""")), "tasks[0].description.value", "10000");
    }

    [TestCase("""["user_1", {"variable": "{{entity.owner}}"}, {"variable": "{{x}}", "value": "u"}, {"variable": "v", "value": ["a", "b"]}]""", null)]
    [TestCase("""[5]""", "tasks[0].assigned_to[0]")]
    [TestCase("""[{"value": ["a"]}]""", "tasks[0].assigned_to[0].variable")]
    [TestCase("""[{"variable": "v", "value": [1]}]""", "tasks[0].assigned_to[0].value[0]")]
    [TestCase("""[{"variable": "v", "value": 3}]""", "tasks[0].assigned_to[0].value")]
    public void Parse_AssignedTo_TakesUserIdsAndVariableAssignments(string assignedTo, string? path)
    {
        var document = Parse(Task($$"""{"assigned_to": {{assignedTo}}}"""));
        if (path is null)
        {
            AssertValid(document);
        }
        else
        {
            Assert.That(Violations(document).Single().Path, Is.EqualTo(path));
        }
    }

    // S19, S20
    [TestCase("""{"mode": "immediate"}""", null, null)]
    [TestCase("""{}""", null, null)]
    [TestCase("""{"mode": "delayed", "duration": 2, "unit": "hours"}""", null, null)]
    [TestCase("""{"mode": "delayed", "unit": "hours"}""", "tasks[0].schedule.duration", "is required")]
    [TestCase("""{"mode": "delayed", "duration": 0, "unit": "hours"}""", "tasks[0].schedule.duration", "at least 1")]
    [TestCase("""{"mode": "delayed", "duration": 1}""", "tasks[0].schedule.unit", "is required")]
    [TestCase("""{"mode": "relative", "duration": 1, "unit": "days", "reference": {"id": "x", "origin": "flow_started"}}""", "tasks[0].schedule.direction", "is required")]
    [TestCase("""{"mode": "relative", "direction": "after", "duration": 1, "unit": "days"}""", "tasks[0].schedule.reference", "is required")]
    [TestCase("""{"mode": "relative", "direction": "after", "duration": 1, "unit": "days", "reference": {"origin": "flow_started"}}""", "tasks[0].schedule.reference.id", "is required")]
    [TestCase("""{"mode": "relative", "direction": "soon", "duration": 1, "unit": "days", "reference": {"id": "x", "origin": "flow_started"}}""", "tasks[0].schedule.direction", "must be one of")]
    [TestCase("""{"mode": "relative", "direction": "before", "duration": 1, "unit": "days", "reference": {"id": "x", "origin": "trigger_entity_attribute"}}""", "tasks[0].schedule.reference.attribute", "is required")]
    [TestCase("""{"mode": "relative", "direction": "before", "duration": 1, "unit": "days", "reference": {"id": "x", "origin": "all_preceding_tasks_completed"}}""", "tasks[0].schedule.reference.id", "all_preceding_tasks_completed")]
    [TestCase("""{"mode": "relative", "direction": "after", "duration": 1, "unit": "days", "reference": {"id": "all_preceding_tasks_completed", "origin": "all_preceding_tasks_completed"}}""", null, null)]
    [TestCase("""{"mode": "relative", "direction": "before", "duration": 3, "unit": "days", "reference": {"id": "e1", "origin": "trigger_entity_attribute", "schema": "contract", "attribute": "end_date"}}""", null, null)]
    public void Parse_AutomationSchedule(string schedule, string? path, string? reason)
    {
        var document = Parse($$"""{"name": "Flow", "tasks": [{"id": "a", "name": "A", "task_type": "AUTOMATION", "automation_config": {}, "schedule": {{schedule}}}], "edges": []}""");
        if (path is null)
        {
            AssertValid(document);
        }
        else
        {
            AssertSingleViolation(document, path, reason!);
        }
    }

    [TestCase("""{"mode": "immediate"}""", "must be one of delayed, relative")]
    [TestCase("""{"duration": 1, "unit": "days"}""", "is required")]
    public void Parse_DecisionSchedule_MustDelayOrBeRelative(string schedule, string reason) =>
        AssertSingleViolation(Parse(Decision(schedule: schedule)), "tasks[0].schedule.mode", reason);

    [Test]
    public void Parse_DecisionSchedule_Delayed_IsValid() =>
        AssertValid(Parse(Decision(schedule: """{"mode": "delayed", "duration": 1, "unit": "days"}""")));

    [Test]
    public void Parse_ScheduleWithManualTriggerMode_IsStored() =>
        AssertValid(Parse("""{"name": "Flow", "tasks": [{"id": "a", "name": "A", "task_type": "AUTOMATION", "automation_config": {}, "trigger_mode": "manual", "schedule": {"mode": "delayed", "duration": 5, "unit": "minutes"}}], "edges": []}"""));

    // S22
    [TestCase("""{"branch_name": "B", "logical_operator": "AND", "statements": []}""", "tasks[0].conditions[0].id", "is required")]
    [TestCase("""{"id": "c1", "logical_operator": "AND", "statements": []}""", "tasks[0].conditions[0].branch_name", "is required")]
    [TestCase("""{"id": "c1", "branch_name": "B", "statements": []}""", "tasks[0].conditions[0].logical_operator", "is required")]
    [TestCase("""{"id": "c1", "branch_name": "B", "logical_operator": "XOR", "statements": []}""", "tasks[0].conditions[0].logical_operator", "must be one of AND, OR")]
    [TestCase("""{"id": "c1", "branch_name": "B", "logical_operator": "AND"}""", "tasks[0].conditions[0].statements", "is required")]
    [TestCase("""{"id": "c1", "branch_name": "B", "logical_operator": "AND", "statements": {}}""", "tasks[0].conditions[0].statements", "must be an array")]
    public void Parse_WithAnIncompleteCondition_IsRefused(string condition, string path, string reason) =>
        AssertSingleViolation(Parse(Decision(condition: condition)), path, reason);

    [TestCase("""{"source": {}, "operator": "equals", "values": []}""", "tasks[0].conditions[0].statements[0].id")]
    [TestCase("""{"id": "s1", "operator": "equals", "values": []}""", "tasks[0].conditions[0].statements[0].source")]
    [TestCase("""{"id": "s1", "source": {}, "values": []}""", "tasks[0].conditions[0].statements[0].operator")]
    [TestCase("""{"id": "s1", "source": {}, "operator": "equals"}""", "tasks[0].conditions[0].statements[0].values")]
    [TestCase("""{"id": "s1", "source": {}, "operator": "equals", "values": [1]}""", "tasks[0].conditions[0].statements[0].values[0]")]
    [TestCase("""{"id": "s1", "source": "status", "operator": "equals", "values": []}""", "tasks[0].conditions[0].statements[0].source")]
    public void Parse_WithAnIncompleteStatement_IsRefused(string statement, string path) =>
        Assert.That(Violations(Parse(Decision(statement: statement))).Single().Path, Is.EqualTo(path));

    [Test]
    public void Parse_StatementsNull_IsKept()
    {
        var document = FlowDocument.Parse(Parse(Decision(condition: """{"id": "c1", "branch_name": "B", "logical_operator": "OR", "statements": null}""")), HardLimits.Default);

        var condition = document.ToJsonObject()["tasks"]![0]!["conditions"]![0]!.AsObject();
        Assert.Multiple(() =>
        {
            Assert.That(condition.ContainsKey("statements"), Is.True);
            Assert.That(condition["statements"], Is.Null);
        });
    }

    // S23
    [Test]
    public void Parse_SourceAttributes_AtMostTenAndExclusiveWithSingleAttributeOptions()
    {
        var eleven = string.Join(", ", Enumerable.Range(0, 11).Select(i => $"\"a{i}\""));
        AssertSingleViolation(Parse(Decision(statement: $$"""{"id": "s1", "source": {"attributes": [{{eleven}}]}, "operator": "equals", "values": []}""")),
            "tasks[0].conditions[0].statements[0].source.attributes", "more than 10");
        foreach (var exclusive in new[] { "\"attribute_sub_field\": \"city\"", "\"date_offset\": {\"amount\": 18, \"unit\": \"years\"}", "\"attribute_operation\": \"updated\"" })
        {
            Assert.That(Violations(Parse(Decision(statement: $$"""{"id": "s1", "source": {"attributes": ["a", "b"], {{exclusive}}}, "operator": "equals", "values": []}"""))),
                Has.Count.EqualTo(1), exclusive);
            AssertValid(Parse(Decision(statement: $$"""{"id": "s1", "source": {"attributes": ["a"], {{exclusive}}}, "operator": "equals", "values": []}""")));
        }
    }

    [TestCase("1.5")]
    [TestCase("1E+2")]
    [TestCase("\"5\"")]
    public void Parse_DateOffsetAmount_MustBeAnInteger(string amount) =>
        AssertSingleViolation(Parse(Decision(statement: $$$"""{"id": "s1", "source": {"date_offset": {"amount": {{{amount}}}, "unit": "days"}}, "operator": "equals", "values": []}""")),
            "tasks[0].conditions[0].statements[0].source.date_offset.amount", "must be an integer");

    // S26
    [TestCase("""{"target": {"entitySchema": "o", "entityAttribute": "t"}, "value": {"source": "workflow_name"}}""", "entity_sync[0].trigger", "is required")]
    [TestCase("""{"trigger": {}, "target": {"entitySchema": "o", "entityAttribute": "t"}, "value": {"source": "workflow_name"}}""", "entity_sync[0].trigger.event", "is required")]
    [TestCase("""{"trigger": {"event": "FlowStarted"}, "value": {"source": "workflow_name"}}""", "entity_sync[0].target", "is required")]
    [TestCase("""{"trigger": {"event": "FlowStarted"}, "target": {"entityAttribute": "t"}, "value": {"source": "workflow_name"}}""", "entity_sync[0].target.entitySchema", "is required")]
    [TestCase("""{"trigger": {"event": "FlowStarted"}, "target": {"entitySchema": "o"}, "value": {"source": "workflow_name"}}""", "entity_sync[0].target.entityAttribute", "is required")]
    [TestCase("""{"trigger": {"event": "FlowStarted"}, "target": {"entitySchema": "o", "entityAttribute": "t"}}""", "entity_sync[0].value", "is required")]
    [TestCase("""{"trigger": {"event": "FlowStarted"}, "target": {"entitySchema": "o", "entityAttribute": "t"}, "value": {}}""", "entity_sync[0].value.source", "is required")]
    [TestCase("""{"trigger": {"event": "FlowStarted"}, "target": {"entitySchema": "o", "entityAttribute": "t"}, "value": {"source": "custom_value"}}""", "entity_sync[0].value.value", "is required when source is custom_value")]
    public void Parse_WithAnIncompleteEntitySyncRule_IsRefused(string rule, string path, string reason) =>
        AssertSingleViolation(With(Minimal, $$"""{"entity_sync": [{{rule}}]}"""), path, reason);

    [Test]
    public void Parse_TheEntitySyncExample_IsValid() =>
        AssertValid(With(Minimal, """{"entity_sync": [{"trigger": {"event": "FlowStarted"}, "target": {"entitySchema": "opportunity", "entityAttribute": "title"}, "value": {"source": "workflow_name"}}, {"trigger": {"event": "TaskCompleted", "filter": {"task_template_id": "t1"}}, "target": {"entitySchema": "opportunity", "entityAttribute": "stage"}, "value": {"source": "custom_value", "value": "won"}}]}"""));

    // D14 and normalization (§8.2)
    [Test]
    public void Parse_NullOnOptionalProperties_IsDropped_NullOnNullableOnesIsKept()
    {
        var document = FlowDocument.Parse(With(Minimal, """
            {"description": null, "due_date": null, "trigger": {"type": "manual", "entity_schema": null},
             "tasks": [{"id": "t1", "name": "First", "task_type": "MANUAL", "phase_id": null, "description": null, "requirements": null},
                       {"id": "t2", "name": "Second", "task_type": "MANUAL"}],
             "edges": [{"id": "e1", "from_id": "t1", "to_id": "t2", "condition_id": null}, {"id": "e2", "from_id": "t2", "to_id": null}],
             "unknown": null}
            """), HardLimits.Default).ToJsonObject();

        Assert.Multiple(() =>
        {
            Assert.That(document.ContainsKey("description"), Is.False);
            Assert.That(document.ContainsKey("due_date"), Is.False);
            Assert.That(document["trigger"]!.AsObject().ContainsKey("entity_schema"), Is.False);
            Assert.That(document["tasks"]![0]!.AsObject().Select(p => p.Key), Is.EqualTo(new[] { "id", "name", "task_type" }));
            Assert.That(document["edges"]![0]!.AsObject().ContainsKey("condition_id"), Is.False);
            Assert.That(document["edges"]![1]!.AsObject().ContainsKey("to_id"), Is.True, "to_id is nullable: its null is kept");
            Assert.That(document.ContainsKey("unknown"), Is.True, "unknown properties are kept as sent, null included");
        });
    }

    [Test]
    public void Parse_DropsServerManagedFields_AndMaterializesEnabled()
    {
        var document = FlowDocument.Parse(With(Minimal, """{"id": "x", "org_id": "o", "created_at": "c", "updated_at": "u", "limit_warnings": [1]}"""), HardLimits.Default).ToJsonObject();

        Assert.Multiple(() =>
        {
            Assert.That(document.Select(p => p.Key), Has.None.AnyOf("id", "org_id", "created_at", "updated_at", "limit_warnings"));
            Assert.That(document["enabled"]!.GetValue<bool>(), Is.True);
        });
        Assert.That(FlowDocument.Parse(With(Minimal, """{"enabled": false}"""), HardLimits.Default).ToJsonObject()["enabled"]!.GetValue<bool>(), Is.False);
    }

    [TestCase("""{"id": "x", "name": "Flow", "tasks": [], "edges": [], "org_id": "o", "n": [1.0, 1e3], "z": "\u00e9\u2028"}""",
        """{"name":"Flow","tasks":[],"edges":[],"n":[1.0,1e3],"z":"é\u2028","enabled":true}""")]
    [TestCase("""{"enabled": false, "name": "Flow", "tasks": [], "edges": [], "updated_at": "u"}""",
        """{"enabled":false,"name":"Flow","tasks":[],"edges":[]}""")]
    [TestCase("""{"name": "Flow", "description": null, "tasks": [], "edges": [], "limit_warnings": []}""",
        """{"name":"Flow","tasks":[],"edges":[],"enabled":true}""")]
    public void Parse_WritesTheNormalizedDocument_InTheOrderSent(string submitted, string written)
    {
        var document = FlowDocument.Parse(Parse(submitted), HardLimits.Default);

        using var text = new MemoryStream();
        using (var writer = new Utf8JsonWriter(text, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            document.WriteTo(writer);
        }

        Assert.That(Encoding.UTF8.GetString(text.ToArray()), Is.EqualTo(written));
    }

    [Test]
    public void Parse_KeepsTheNormalizedText_AsOneWholeArray_ThatIsWhatItWrites()
    {
        var document = FlowDocument.Parse(With(Minimal, """{"id": "x", "description": null, "z": "\u00e9"}"""), HardLimits.Default);

        using var text = new MemoryStream();
        using (var writer = new Utf8JsonWriter(text, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            document.WriteTo(writer);
        }

        Assert.Multiple(() =>
        {
            Assert.That(document.Text.ToArray(), Is.EqualTo(text.ToArray()));
            Assert.That(MemoryMarshal.TryGetArray(document.Text, out var whole) && whole.Offset == 0 && whole.Count == whole.Array!.Length, Is.True,
                "a store keeps the array as it is only when the text is the whole of it");
        });
    }

    [Test]
    public void Restore_ReadsTheGraphWhenFirstNeeded_Once_AndEveryNodeTreeIsItsOwn()
    {
        var stored = FlowDocument.Restore("""{"name":"Stored","tasks":[{"id":"t1","name":"Only","task_type":"MANUAL"}],"edges":[],"enabled":false}"""u8.ToArray());

        var graph = stored.Graph;
        var changed = stored.ToJsonObject();
        changed["name"] = "Changed";

        Assert.Multiple(() =>
        {
            Assert.That(stored.Graph, Is.SameAs(graph), "read once");
            Assert.That(stored.Name, Is.EqualTo("Stored"));
            Assert.That(stored.Enabled, Is.False);
            Assert.That(stored.ToJsonObject()["name"]!.GetValue<string>(), Is.EqualTo("Stored"), "a changed tree changes nothing else");
        });
    }

    [Test]
    public void Parse_KeepsNothingOfTheSubmittedDocument_WhichMayBeDisposedAtOnce()
    {
        var submitted = JsonDocument.Parse("""
            {"name": "Kept", "trigger": {"type": "automation", "trigger_config": [{"type": "x"}]},
             "tasks": [{"id": "t1", "name": "Only", "task_type": "MANUAL"}], "edges": [], "x": {"deep": [1, "é"]}}
            """);
        var document = FlowDocument.Parse(submitted.RootElement, HardLimits.Default);
        submitted.Dispose();

        Assert.Multiple(() =>
        {
            Assert.That(document.ToJsonObject().ToJsonString(), Is.EqualTo(
                """{"name":"Kept","trigger":{"type":"automation","trigger_config":[{"type":"x"}]},"tasks":[{"id":"t1","name":"Only","task_type":"MANUAL"}],"edges":[],"x":{"deep":[1,"\u00E9"]},"enabled":true}"""));
            Assert.That(document.Graph.Tasks, Has.Count.EqualTo(1));
            Assert.That(document.AutomationRequests, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public void Parse_KeepsUnknownPropertiesAtEveryDepthExactly()
    {
        var submitted = Parse(ReviewLoop);
        submitted["x_top"] = JsonNode.Parse("""{"n": [1, 1.0, 1e3, 12345678901234567890123], "s": "ü😀"}""");
        submitted["tasks"]![1]!["x_task"] = true;
        submitted["tasks"]![1]!["conditions"]![0]!["statements"]![0]!["source"]!["x_source"] = JsonNode.Parse("[{}]");
        submitted["tasks"]![1]!["loop_config"]!["x_loop"] = "l";
        submitted["edges"]![4]!["x_edge"] = null;

        var document = FlowDocument.Parse(submitted, HardLimits.Default).ToJsonObject();

        submitted["enabled"] = true;
        Assert.That(JsonNode.DeepEquals(document, submitted), Is.True, document.ToJsonString());
        Assert.That(document["x_top"]!["n"]!.ToJsonString(), Is.EqualTo("[1,1.0,1e3,12345678901234567890123]"), "numbers keep their literal form");
        Assert.That(document["x_top"]!["s"]!.GetValue<string>(), Is.EqualTo("ü😀"));
    }

    [Test]
    public void Parse_ReportsEveryViolationAtOnce()
    {
        var violations = Violations(Parse("""
            {"name": "x", "trigger": {"type": "nope"},
             "tasks": [{"id": "t1", "name": "A", "task_type": "MANUAL", "phase_id": "missing"}, {"id": "t1", "task_type": "MANUAL"}],
             "edges": [{"id": "e1", "from_id": "t1", "to_id": "t9"}]}
            """));

        Assert.That(violations.Select(v => v.Path), Is.EquivalentTo(new[]
        {
            "name", "trigger.type", "tasks[1].name", "tasks[0].phase_id", "tasks[1].id", "edges[0].to_id",
        }));
    }

    [Test]
    public void Parse_CapsTheReportAt50Violations()
    {
        var tasks = string.Join(", ", Enumerable.Range(0, 80).Select(i => $$"""{"id": "t{{i}}", "name": "T", "task_type": "BAD"}"""));

        var violations = Violations(Parse($$"""{"name": "Many", "tasks": [{{tasks}}], "edges": []}"""));

        Assert.That(violations, Has.Count.EqualTo(ViolationCollector.MaxViolations));
    }

    [Test]
    public void Parse_DoesNotChangeTheSubmittedObject()
    {
        var submitted = With(Minimal, """{"description": null, "id": "x"}""");
        var before = submitted.ToJsonString();

        FlowDocument.Parse(submitted, HardLimits.Default);

        Assert.That(submitted.ToJsonString(), Is.EqualTo(before));
    }

    private static string Task(string extra)
    {
        var task = Parse("""{"id": "t1", "name": "T", "task_type": "MANUAL"}""");
        foreach (var (name, value) in Parse(extra).ToList())
        {
            task[name] = value?.DeepClone();
        }

        return $$"""{"name": "Flow", "tasks": [{{task.ToJsonString()}}], "edges": []}""";
    }

    private static string Decision(string? condition = null, string? statement = null, string? schedule = null)
    {
        statement ??= """{"id": "s1", "source": {"origin": "trigger", "attribute": "status"}, "operator": "equals", "values": ["x"]}""";
        condition ??= $$"""{"id": "c1", "branch_name": "Branch", "logical_operator": "AND", "statements": [{{statement}}]}""";
        var scheduleProperty = schedule is null ? string.Empty : $", \"schedule\": {schedule}";
        return $$"""{"name": "Flow", "tasks": [{"id": "d1", "name": "Decide", "task_type": "DECISION", "trigger_mode": "automatic", "conditions": [{{condition}}]{{scheduleProperty}}}], "edges": []}""";
    }
}
