using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowDefinitions.Application.Workflows.History;

namespace WorkflowDefinitions.Application.UnitTests.Workflows.History;

public class RepresentationDiffTests
{
    private const string Flow = """
        {
          "id": "f1", "name": "Lead", "description": "First", "created_at": "2026-01-01T00:00:00.000Z",
          "updated_at": "2026-01-01T00:00:00.000Z",
          "trigger": {"id": "t0", "type": "manual"},
          "phases": [{"id": "p1", "name": "Start"}],
          "tasks": [{"id": "a", "name": "Call", "phase_id": "p1"}, {"id": "b", "name": "Mail"}],
          "edges": [{"id": "e1", "from_id": "a", "to_id": "b"}]
        }
        """;

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    private static IReadOnlyList<DiffChange> FlowChanges(JsonObject from, JsonObject to) => RepresentationDiff.OfFlows(Element(from), Element(to));

    private static JsonElement Element(JsonNode json) => JsonDocument.Parse(json.ToJsonString()).RootElement;

    private static string Written(DiffValue? value)
    {
        using var text = new MemoryStream();
        using (var writer = new Utf8JsonWriter(text))
        {
            value!.Value.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(text.ToArray());
    }

    private static JsonObject Changed(Action<JsonObject> change)
    {
        var flow = Parse(Flow);
        change(flow);
        return flow;
    }

    [Test]
    public void EqualRepresentations_HaveNoChanges_WhateverTheirServerManagedFields() =>
        Assert.That(FlowChanges(Parse(Flow), Changed(f => f["updated_at"] = "2026-02-02T00:00:00.000Z")), Is.Empty);

    [Test]
    public void RenamingATask_IsOneReplace_AtItsNameInTheNewerRepresentation()
    {
        var changes = FlowChanges(Parse(Flow), Changed(f => f["tasks"]![1]!["name"] = "Letter"));

        Assert.That(changes, Has.Count.EqualTo(1));
        Assert.Multiple(() =>
        {
            Assert.That(changes[0].Op, Is.EqualTo("replace"));
            Assert.That(changes[0].Entity, Is.EqualTo("task"));
            Assert.That(changes[0].Id, Is.EqualTo("b"));
            Assert.That(changes[0].Path, Is.EqualTo("/tasks/1/name"));
            Assert.That(changes[0].Old!.Value.Element.GetString(), Is.EqualTo("Mail"));
            Assert.That(changes[0].New!.Value.Element.GetString(), Is.EqualTo("Letter"));
        });
    }

    [Test]
    public void MovingATaskInItsArray_IsNoChange()
    {
        var moved = Changed(f =>
        {
            var tasks = f["tasks"]!.AsArray();
            var first = tasks[0]!;
            tasks.RemoveAt(0);
            tasks.Add(first);
        });

        Assert.That(FlowChanges(Parse(Flow), moved), Is.Empty);
    }

    [Test]
    public void AddedAndRemovedEntities_AreOneChangeEach_CarryingThemWhole()
    {
        var changed = Changed(f =>
        {
            f["edges"]!.AsArray().RemoveAt(0);
            f["tasks"]!.AsArray().Add(new JsonObject { ["id"] = "c", ["name"] = "Visit" });
        });

        var changes = FlowChanges(Parse(Flow), changed);

        Assert.That(
            changes.Select(c => (c.Op, c.Entity, c.Id, c.Path)),
            Is.EquivalentTo(new[] { ("add", "task", "c", "/tasks/2"), ("remove", "edge", "e1", "/edges/0") }));
        Assert.Multiple(() =>
        {
            Assert.That(Written(changes.Single(c => c.Op == "add").New), Is.EqualTo("""{"id":"c","name":"Visit"}"""));
            Assert.That(Written(changes.Single(c => c.Op == "remove").Old), Is.EqualTo("""{"id":"e1","from_id":"a","to_id":"b"}"""));
        });
    }

    [Test]
    public void TheFlowsOwnFields_AreComparedWhole_AndRemovedOnesPointIntoTheOlder()
    {
        var changed = Changed(f =>
        {
            f["name"] = "Lead 2";
            f.Remove("description");
            f["enabled"] = false;
        });

        var changes = FlowChanges(Parse(Flow), changed);

        Assert.That(
            changes.Select(c => (c.Op, c.Entity, c.Id, c.Path)),
            Is.EquivalentTo(new[]
            {
                ("replace", "flow", (string?)null, "/name"),
                ("add", "flow", null, "/enabled"),
                ("remove", "flow", null, "/description"),
            }));
    }

    [Test]
    public void TheMainTrigger_IsMatchedByItsId_LikeTheAdditionalOnes()
    {
        var changed = Changed(f =>
        {
            f["trigger"] = new JsonObject { ["id"] = "t1", ["type"] = "manual" };
            f["additional_triggers"] = new JsonArray(new JsonObject { ["id"] = "t0", ["type"] = "automation" });
        });

        var changes = FlowChanges(Parse(Flow), changed);

        Assert.That(
            changes.Select(c => (c.Op, c.Entity, c.Id, c.Path)),
            Is.EquivalentTo(new[] { ("add", "trigger", "t1", "/trigger"), ("replace", "trigger", "t0", "/additional_triggers/0/type") }));
    }

    [Test]
    public void PropertyNames_AreEscapedAsJsonPointers()
    {
        var changes = FlowChanges(Parse(Flow), Changed(f => f["a/b~c"] = 1));

        Assert.That(changes.Single().Path, Is.EqualTo("/a~1b~0c"));
    }

    [Test]
    public void Definitions_MatchSectionsAndTheirStepsById()
    {
        const string definition = """
            {
              "id": "d1", "name": "Lead",
              "flow": [
                {"id": "s1", "type": "SECTION", "name": "Intro", "steps": [{"id": "x", "name": "Call"}]},
                {"id": "y", "name": "Mail"}
              ]
            }
            """;
        var changed = Parse(definition);
        changed["flow"]![0]!["name"] = "Opening";
        changed["flow"]![0]!["steps"]![0]!["name"] = "Ring";

        var changes = RepresentationDiff.OfDefinitions(Element(Parse(definition)), Element(changed));

        Assert.That(
            changes.Select(c => (c.Op, c.Entity, c.Id, c.Path)),
            Is.EquivalentTo(new[] { ("replace", "phase", "s1", "/flow/0/name"), ("replace", "task", "x", "/flow/0/steps/0/name") }));
    }

    [Test]
    public void ManyReorderedEntities_AreStillMatchedById()
    {
        var from = new JsonObject { ["tasks"] = new JsonArray() };
        var to = new JsonObject { ["tasks"] = new JsonArray() };
        for (var i = 0; i < 20_000; i++)
        {
            from["tasks"]!.AsArray().Add(new JsonObject { ["id"] = $"t{i}", ["name"] = "Task" });
            to["tasks"]!.AsArray().Insert(0, new JsonObject { ["id"] = $"t{i}", ["name"] = i == 7 ? "Renamed" : "Task" });
        }

        var changes = FlowChanges(from, to);

        Assert.That(changes.Single().Path, Is.EqualTo("/tasks/19992/name"));
    }

    [Test]
    public void AnAddedSection_IsCarriedWithoutItsSteps_WhichAreChangesOfTheirOwn()
    {
        const string definition = """{"id": "d1", "flow": [{"id": "s1", "type": "SECTION", "steps": []}]}""";
        var changed = Parse(definition);
        changed["flow"]!.AsArray().Add(JsonNode.Parse("""{"id": "s2", "type": "SECTION", "name": "New", "steps": [{"id": "w", "name": "W"}]}"""));

        var changes = RepresentationDiff.OfDefinitions(Element(Parse(definition)), Element(changed));

        Assert.That(changes.Select(c => (c.Op, c.Entity, c.Id, c.Path)), Is.EqualTo(new[] { ("add", "phase", "s2", "/flow/1"), ("add", "task", "w", "/flow/1/steps/0") }));
        Assert.That(Written(changes[0].New), Is.EqualTo("""{"id":"s2","type":"SECTION","name":"New"}"""));
    }

    [Test]
    public void ValuesAreComparedAsJson_PropertiesInAnyOrder_NumbersByValue()
    {
        var changes = FlowChanges(
            Changed(f => f["settings"] = JsonNode.Parse("""{"a": 1.0, "b": [1e2, {"x": 1, "y": 2}]}""")),
            Changed(f => f["settings"] = JsonNode.Parse("""{"b": [100, {"y": 2, "x": 1}], "a": 1}""")));

        Assert.That(changes, Is.Empty);
    }

    [Test]
    public void WorkflowsOfManyFields_AreComparedByName_InWhateverOrderTheirFieldsCome()
    {
        var from = new JsonObject();
        var to = new JsonObject();
        for (var i = 0; i < 50_000; i++)
        {
            from[$"f{i}"] = i;
            to[$"f{49_999 - i}"] = 49_999 - i == 123 ? -1 : 49_999 - i;
        }

        to.Remove("f7");

        var changes = FlowChanges(from, to);

        Assert.That(changes.Select(c => (c.Op, c.Path)), Is.EquivalentTo(new[] { ("replace", "/f123"), ("remove", "/f7") }));
    }

    [Test]
    public void TheAnswer_ListsTheChangesWithTheirValues_AndCurrentForTheWorkflowAsItIs()
    {
        var changes = FlowChanges(Parse(Flow), Changed(f => f["name"] = "Lead <2>"));

        Assert.Multiple(() =>
        {
            Assert.That(
                Answered(new DiffAnswer(1, null, changes)),
                Is.EqualTo("""{"from":1,"to":"current","changes":[{"op":"replace","entity":"flow","id":null,"path":"/name","old":"Lead","new":"Lead \u003C2\u003E"}]}"""));
            Assert.That(Answered(new DiffAnswer(2, 1, [])), Is.EqualTo("""{"from":2,"to":1,"changes":[]}"""));
        });
    }

    [Test]
    public void TheDensestRepresentationsTheTokenCapAllows_AreComparedAsDocuments()
    {
        var zeros = string.Concat(Enumerable.Repeat(",0", 989_999));
        var from = JsonDocument.Parse($$"""{"name":"Dense","tasks":[],"edges":[],"padding":[0{{zeros}}]}""").RootElement;
        var to = JsonDocument.Parse($$"""{"name":"Dense","tasks":[],"edges":[],"padding":[1{{zeros}}]}""").RootElement;

        var changes = RepresentationDiff.OfFlows(from, to);

        Assert.That(changes.Select(c => (c.Op, c.Path)), Is.EqualTo(new[] { ("replace", "/padding") }));
        Assert.That(changes[0].New!.Value.Element.GetArrayLength(), Is.EqualTo(990_000), "the new value is the whole array");
    }

    private static string Answered(DiffAnswer answer)
    {
        using var text = new MemoryStream();
        using (var writer = new Utf8JsonWriter(text))
        {
            answer.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(text.ToArray());
    }
}
