using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowDefinitions.Domain.Common;
using WorkflowDefinitions.Domain.LegacyWorkflowDefinitions;
using WorkflowDefinitions.TestSupport;

namespace WorkflowDefinitions.Domain.UnitTests.LegacyWorkflowDefinitions;

/// <summary>The V1 structural rules (contract §3.4 W1-W10, D28, D32, D38, D39, D52) and normalization (§8.2).</summary>
public class DefinitionDocumentTests
{
    private int _nextId;

    [Test]
    public void Parse_TheSpecificationExample_IsValid_AndGetsSevenCharacterIdsForItsSectionsAndSteps()
    {
        var document = Parse(DefinitionSamples.LeadQualification, new RandomIds().Next).ToJsonObject();

        var ids = document["flow"]!.AsArray().SelectMany(i => new[] { i!["id"] }.Concat(i["steps"]?.AsArray() ?? []).Select(s => s is JsonObject o ? o["id"] : s))
            .Select(id => id!.GetValue<string>()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(ids, Has.Count.EqualTo(5));
            Assert.That(ids, Is.Unique);
            Assert.That(ids, Has.All.Match("^[0-9a-z]{7}$").And.All.Match("[a-z]"));
            Assert.That(document["enabled"]!.GetValue<bool>(), Is.True);
        });
    }

    [Test]
    public void Parse_KeepsSuppliedIds_AndGeneratesOnlyMissingOnes_AvoidingTakenIds()
    {
        var document = Parse("""
            {"name": "Ids", "flow": [{"id": "aaaaaaa", "name": "S", "order": 1, "type": "SECTION", "steps": [{"name": "A", "order": 1, "type": "STEP"}]},
                                     {"name": "B", "order": 2, "type": "STEP"}]}
            """, new QueuedIds("aaaaaaa", "bbbbbbb", "ccccccc").Next).ToJsonObject();

        Assert.Multiple(() =>
        {
            Assert.That(document["flow"]![0]!["id"]!.GetValue<string>(), Is.EqualTo("aaaaaaa"));
            Assert.That(document["flow"]![0]!["steps"]![0]!["id"]!.GetValue<string>(), Is.EqualTo("bbbbbbb"));
            Assert.That(document["flow"]![1]!["id"]!.GetValue<string>(), Is.EqualTo("ccccccc"));
        });
    }

    [Test]
    public void Parse_AUsefulDefinition_IsValid() => Assert.That(Violations(DefinitionSamples.WithReferences), Is.Empty);

    [Test]
    public void Parse_DropsServerAndOrganizationFields_AndNullsOnOptionalProperties_KeepingEverythingElse()
    {
        var document = Parse("""
            {"id": "mine", "creationTime": "x", "lastUpdateTime": "y", "org_id": "evil", "orgId": "evil", "name": "Kept", "description": null,
             "x_top": {"a": [1, 1.0, null]}, "flow": [{"name": "S", "order": 1, "type": "STEP", "dueDate": null, "x_step": "kept", "org_id": "kept in a step"}],
             "closingReasons": [{"id": "r1", "title": null}]}
            """).ToJsonObject();

        Assert.Multiple(() =>
        {
            Assert.That(document.Select(p => p.Key), Is.EquivalentTo(new[] { "name", "x_top", "flow", "closingReasons", "enabled" }));
            Assert.That(document["x_top"]!.ToJsonString(), Is.EqualTo("""{"a":[1,1.0,null]}"""));
            Assert.That(document["flow"]![0]!.AsObject().ContainsKey("dueDate"), Is.False);
            Assert.That(document["flow"]![0]!["x_step"]!.GetValue<string>(), Is.EqualTo("kept"));
            Assert.That(document["flow"]![0]!["org_id"]!.GetValue<string>(), Is.EqualTo("kept in a step"));
            Assert.That(document["closingReasons"]!.ToJsonString(), Is.EqualTo("""[{"id":"r1","title":null}]"""), "title is not part of ClosingReasonId: kept as sent");
        });
    }

    [Test]
    public void Parse_KeepsOrderValuesAndArrayOrderAsSent()
    {
        var document = Parse("""{"name": "Order", "flow": [{"name": "B", "order": 5, "type": "STEP"}, {"name": "A", "order": 5, "type": "STEP"}, {"name": "C", "order": -1, "type": "STEP"}]}""").ToJsonObject();

        Assert.That(document["flow"]!.AsArray().Select(i => i!["name"]!.GetValue<string>()), Is.EqualTo(new[] { "B", "A", "C" }));
    }

    // W1, W2
    [TestCase("""{"flow": []}""", "name", "is required")]
    [TestCase("""{"name": "", "flow": []}""", "name", "must not be empty")]
    [TestCase("""{"name": 3, "flow": []}""", "name", "must be a string")]
    [TestCase("""{"name": "N"}""", "flow", "is required")]
    [TestCase("""{"name": "N", "flow": {}}""", "flow", "must be an array")]
    [TestCase("""{"name": "N", "flow": [{"name": "S", "order": 1}]}""", "flow[0].type", "is required")]
    [TestCase("""{"name": "N", "flow": [{"name": "S", "order": 1, "type": "PHASE"}]}""", "flow[0].type", "must be one of STEP, SECTION")]
    [TestCase("""{"name": "N", "flow": [7]}""", "flow[0]", "must be an object")]
    // W3
    [TestCase("""{"name": "N", "flow": [{"order": 1, "type": "SECTION", "steps": []}]}""", "flow[0].name", "is required")]
    [TestCase("""{"name": "N", "flow": [{"name": "S", "type": "SECTION", "steps": []}]}""", "flow[0].order", "is required")]
    [TestCase("""{"name": "N", "flow": [{"name": "S", "order": 1, "type": "SECTION"}]}""", "flow[0].steps", "is required")]
    [TestCase("""{"name": "N", "flow": [{"name": "S", "order": 1, "type": "SECTION", "steps": [{"name": "T", "order": 1, "type": "SECTION", "steps": []}]}]}""", "flow[0].steps[0].type", "sections cannot be nested")]
    // W4
    [TestCase("""{"name": "N", "flow": [{"name": "S", "type": "STEP"}]}""", "flow[0].order", "is required")]
    [TestCase("""{"name": "N", "flow": [{"name": "S", "order": 1.5, "type": "STEP"}]}""", "flow[0].order", "must be an integer")]
    [TestCase("""{"name": "N", "flow": [{"name": "S", "order": 1, "type": "STEP", "executionType": "ROBOT"}]}""", "flow[0].executionType", "must be one of MANUAL, AUTOMATION")]
    [TestCase("""{"name": "N", "flow": [{"name": "S", "order": 1, "type": "STEP", "automationConfig": {}}]}""", "flow[0].automationConfig.flowId", "is required")]
    [TestCase("""{"name": "N", "flow": [{"name": "S", "order": 1, "type": "STEP", "executionType": "AUTOMATION"}]}""", "flow[0].automationConfig", "is required when executionType is AUTOMATION")]
    // W9
    [TestCase("""{"name": "N", "flow": [], "updateEntityAttributes": [{"source": "status", "target": {"entitySchema": "o", "entityAttribute": "a"}}]}""", "updateEntityAttributes[0].source", "must be one of")]
    [TestCase("""{"name": "N", "flow": [], "updateEntityAttributes": [{"source": "workflow_status"}]}""", "updateEntityAttributes[0].target", "is required")]
    [TestCase("""{"name": "N", "flow": [], "updateEntityAttributes": [{"source": "workflow_status", "target": {"entitySchema": "o"}}]}""", "updateEntityAttributes[0].target.entityAttribute", "is required")]
    // W10
    [TestCase("""{"name": "N", "flow": [], "userIds": ["1"]}""", "userIds[0]", "must be a number")]
    [TestCase("""{"name": "N", "flow": [], "assignedTo": [1]}""", "assignedTo[0]", "must be a string")]
    [TestCase("""{"name": "N", "flow": [], "dueDate": "soon"}""", "dueDate", "ISO-8601")]
    [TestCase("""{"name": "N", "flow": [{"name": "S", "order": 1, "type": "STEP", "dueDate": "2022-13-01"}]}""", "flow[0].dueDate", "ISO-8601")]
    // W8
    [TestCase("""{"name": "N", "flow": [], "closingReasons": [{"title": "no id"}]}""", "closingReasons[0].id", "is required")]
    [TestCase("""{"name": "N", "flow": [], "closingReasons": [{"id": ""}]}""", "closingReasons[0].id", "must not be empty")]
    [TestCase("""{"name": "N", "flow": [], "closingReasons": [{"id": "a"}, {"id": "a"}]}""", "closingReasons[1].id", "'a' is listed more than once")]
    public void Parse_BreakingARule_IsRefusedNamingThePath(string json, string path, string reason)
    {
        var violations = Violations(json);

        Assert.That(violations.Select(v => v.ToString()).ToList(), Has.Count.EqualTo(1));
        Assert.Multiple(() =>
        {
            Assert.That(violations[0].Path, Is.EqualTo(path));
            Assert.That(violations[0].Reason, Does.Contain(reason));
        });
    }

    [Test]
    public void Parse_StepDescription_IsLimitedTo10000CodePoints()
    {
        Assert.That(Violations($$$"""{"name": "N", "flow": [{"name": "S", "order": 1, "type": "STEP", "description": {"enabled": true, "value": "{{{new string('d', 10000)}}}"}}]}"""), Is.Empty);
        Assert.That(Violations($$$"""{"name": "N", "flow": [{"name": "S", "order": 1, "type": "STEP", "description": {"value": "{{{new string('d', 10001)}}}"}}]}""").Single().Path,
            Is.EqualTo("flow[0].description.value"));
    }

    // W5
    [Test]
    public void Parse_IdsAreUniqueAcrossSectionsAndSteps() =>
        Assert.That(Violations("""
            {"name": "N", "flow": [{"id": "same", "name": "S", "order": 1, "type": "SECTION", "steps": [{"id": "same", "name": "T", "order": 1, "type": "STEP"}]}]}
            """).Select(v => v.ToString()), Is.EqualTo(new[] { "flow[0].steps[0].id 'same' is used by more than one section or step" }));

    // W6
    [TestCase("""{"timePeriod": "days", "actionTypeCondition": "WORKFLOW_STARTED"}""", "dynamicDueDate.numberOfUnits", "is required")]
    [TestCase("""{"numberOfUnits": -1, "timePeriod": "days", "actionTypeCondition": "WORKFLOW_STARTED"}""", "dynamicDueDate.numberOfUnits", "must not be negative")]
    [TestCase("""{"numberOfUnits": 1, "timePeriod": "fortnights", "actionTypeCondition": "WORKFLOW_STARTED"}""", "dynamicDueDate.timePeriod", "must be one of")]
    [TestCase("""{"numberOfUnits": 1, "timePeriod": "days"}""", "dynamicDueDate.actionTypeCondition", "is required")]
    [TestCase("""{"numberOfUnits": 1, "timePeriod": "days", "actionTypeCondition": "STEP_CLOSED"}""", "dynamicDueDate.stepId", "is required when actionTypeCondition is STEP_CLOSED")]
    [TestCase("""{"numberOfUnits": 1, "timePeriod": "days", "actionTypeCondition": "STEP_CLOSED", "stepId": "nope"}""", "dynamicDueDate.stepId", "'nope' does not reference a step")]
    [TestCase("""{"numberOfUnits": 1, "timePeriod": "days", "actionTypeCondition": "STEP_CLOSED", "stepId": "sec1"}""", "dynamicDueDate.stepId", "'sec1' does not reference a step")]
    [TestCase("""{"numberOfUnits": 1, "timePeriod": "days", "actionTypeCondition": "PHASE_FINISHED"}""", "dynamicDueDate.phaseId", "is required when actionTypeCondition is PHASE_FINISHED")]
    [TestCase("""{"numberOfUnits": 1, "timePeriod": "days", "actionTypeCondition": "PHASE_FINISHED", "phaseId": "st1"}""", "dynamicDueDate.phaseId", "'st1' does not reference a section")]
    [TestCase("""{"numberOfUnits": 1, "timePeriod": "days", "actionTypeCondition": "WORKFLOW_STARTED", "stepId": "ghost"}""", "dynamicDueDate.stepId", "'ghost' does not reference a step")]
    public void DynamicDueDate_IsCompleteAndItsReferencesResolve(string dueDate, string path, string reason)
    {
        var definition = JsonNode.Parse(DefinitionSamples.WithReferences)!.AsObject();
        definition["dynamicDueDate"] = JsonNode.Parse(dueDate);

        var violations = Violations(definition.ToJsonString());

        Assert.That(violations.Select(v => v.Path), Is.EqualTo(new[] { path }));
        Assert.That(violations[0].Reason, Does.Contain(reason));
    }

    [Test]
    public void DynamicDueDate_OfAStepOrSection_CannotReferToItself()
    {
        var step = JsonNode.Parse(DefinitionSamples.WithReferences)!.AsObject();
        step["flow"]![0]!["steps"]![1]!["dynamicDueDate"]!["stepId"] = "st2";
        var section = JsonNode.Parse(DefinitionSamples.WithReferences)!.AsObject();
        section["flow"]![0]!["dynamicDueDate"] = JsonNode.Parse("""{"numberOfUnits": 1, "timePeriod": "days", "actionTypeCondition": "PHASE_FINISHED", "phaseId": "sec1"}""");

        Assert.Multiple(() =>
        {
            Assert.That(Violations(step.ToJsonString()).Select(v => v.ToString()), Is.EqualTo(new[] { "flow[0].steps[1].dynamicDueDate.stepId 'st2' is the step itself" }));
            Assert.That(Violations(section.ToJsonString()).Select(v => v.ToString()), Is.EqualTo(new[] { "flow[0].dynamicDueDate.phaseId 'sec1' is the section itself" }));
        });
    }

    // W7 / D28
    [TestCase("""{"type": "STEP", "condition": "CLOSED"}""", "definitionId", "is required")]
    [TestCase("""{"definitionId": "st1", "condition": "CLOSED"}""", "type", "is required")]
    [TestCase("""{"definitionId": "st1", "type": "STEP"}""", "condition", "is required")]
    [TestCase("""{"definitionId": "st1", "type": "STEP", "condition": "DONE"}""", "condition", "must be one of CLOSED")]
    [TestCase("""{"definitionId": "missing", "type": "STEP", "condition": "CLOSED"}""", "definitionId", "'missing' does not reference a step")]
    [TestCase("""{"definitionId": "sec1", "type": "STEP", "condition": "CLOSED"}""", "definitionId", "'sec1' does not reference a step")]
    [TestCase("""{"definitionId": "st3", "type": "STEP", "condition": "CLOSED"}""", "definitionId", "is step 'st3' itself")]
    public void Requirements_NameAnotherItemOfTheirType(string requirement, string property, string reason)
    {
        var definition = JsonNode.Parse(DefinitionSamples.WithReferences)!.AsObject();
        definition["flow"]![1]!["requirements"] = new JsonArray(JsonNode.Parse(requirement));

        var violation = Violations(definition.ToJsonString()).Single();

        Assert.Multiple(() =>
        {
            Assert.That(violation.Path, Is.EqualTo($"flow[1].requirements[0].{property}"));
            Assert.That(violation.Reason, Does.Contain(reason));
        });
    }

    [Test]
    public void Requirements_InACircle_AreRefused()
    {
        var definition = JsonNode.Parse(DefinitionSamples.WithReferences)!.AsObject();
        definition["flow"]![0]!["steps"]![0]!["requirements"] = JsonNode.Parse("""[{"definitionId": "st2", "type": "STEP", "condition": "CLOSED"}]""");

        Assert.That(Violations(definition.ToJsonString()).Single().ToString(), Does.StartWith("flow requirements form a cycle st1 -> st2 -> st1"));
    }

    [Test]
    public void Requirement_OnTheStepsOwnSection_IsACircle()
    {
        var definition = JsonNode.Parse(DefinitionSamples.WithReferences)!.AsObject();
        definition["flow"]![0]!["steps"]![0]!["requirements"] = JsonNode.Parse("""[{"definitionId": "sec1", "type": "SECTION", "condition": "CLOSED"}]""");

        Assert.That(Violations(definition.ToJsonString()).Single().Reason, Does.Contain("sec1 -> st1 -> sec1").Or.Contain("st1 -> sec1 -> st1"));
    }

    [Test]
    public void Parse_ReportsEveryViolationAtOnce() =>
        Assert.That(Violations("""
            {"name": "", "flow": [{"name": "S", "type": "STEP"}, {"id": "x", "name": "T", "order": 1, "type": "STEP", "requirements": [{"definitionId": "nope", "type": "STEP", "condition": "CLOSED"}]}],
             "closingReasons": [{}]}
            """).Select(v => v.Path), Is.EquivalentTo(new[] { "name", "flow[0].order", "flow[1].requirements[0].definitionId", "closingReasons[0].id" }));

    [Test]
    public void WithClosingReasons_ReplacesTheList_KeepingItemsAsSent()
    {
        var document = Parse(DefinitionSamples.WithReferences);

        var updated = document.WithClosingReasons(Element("""{"reasons": [{"id": "new", "title": "New reason", "x": null}]}"""), HardLimits.Default);

        Assert.Multiple(() =>
        {
            Assert.That(updated.ClosingReasons.ToJsonString(), Is.EqualTo("""[{"id":"new","title":"New reason","x":null}]"""));
            Assert.That(document.ClosingReasons.Count, Is.EqualTo(2), "the original is unchanged");
            Assert.That(document.WithClosingReasons(Element("""{"reasons": []}"""), HardLimits.Default).ClosingReasons, Is.Empty);
        });
    }

    [TestCase("""{}""", "reasons", "is required")]
    [TestCase("""{"reasons": {}}""", "reasons", "must be an array")]
    [TestCase("""{"reasons": [{"title": "no id"}]}""", "reasons[0].id", "is required")]
    [TestCase("""{"reasons": [{"id": "a"}, {"id": "a"}]}""", "reasons[1].id", "is listed more than once")]
    [TestCase("""{"reasons": ["a"]}""", "reasons[0]", "must be an object")]
    public void WithClosingReasons_RefusesBadLists(string body, string path, string reason)
    {
        var exception = Assert.Throws<InvalidDocumentException>(() => Parse(DefinitionSamples.WithReferences).WithClosingReasons(Element(body), HardLimits.Default));

        Assert.Multiple(() =>
        {
            Assert.That(exception!.Violations.Single().Path, Is.EqualTo(path));
            Assert.That(exception.Violations.Single().Reason, Does.Contain(reason));
        });
    }

    private DefinitionDocument Parse(string json, Func<string>? ids = null) =>
        DefinitionDocument.Parse(Element(json), ids ?? (() => $"gen{_nextId++:D4}"), HardLimits.Default);

    private IReadOnlyList<Violation> Violations(string json)
    {
        try
        {
            Parse(json);
            return [];
        }
        catch (InvalidDocumentException exception)
        {
            return exception.Violations;
        }
    }

    private static JsonElement Element(string json) => JsonDocument.Parse(json).RootElement;

    private sealed class QueuedIds(params string[] ids)
    {
        private readonly Queue<string> _ids = new(ids);

        public string Next() => _ids.Dequeue();
    }

    private sealed class RandomIds
    {
        public string Next() => string.Concat(Enumerable.Range(0, 7).Select(i => "abcdefghijklmnopqrstuvwxyz0123456789"[Random.Shared.Next(i == 0 ? 26 : 36)]));
    }
}
