using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowDefinitions.Domain.Common;
using WorkflowDefinitions.Domain.FlowTemplates;
using WorkflowDefinitions.TestSupport;
using static WorkflowDefinitions.Domain.UnitTests.FlowTemplates.FlowJson;

namespace WorkflowDefinitions.Domain.UnitTests.FlowTemplates;

/// <summary>importFlowTemplate's bundle (contract §6.3 / D49 steps 1-4): its checks and the renaming of tasks.</summary>
public class FlowTemplateBundleTests
{
    private const string Automation = """{"id": "auto-mail", "org_id": "source-org", "flow_name": "Mail", "triggers": [], "actions": [{"type": "send-email"}]}""";

    [Test]
    public void ThePortableSample_IsValid() => Assert.That(Violations(Parse(FlowSamples.Portable)), Is.Empty);

    [Test]
    public void Parse_GivesEveryTaskANewId_AndRenamesEveryReferenceToATask()
    {
        var bundle = ParseBundle(Export(FlowSamples.Portable), "n-collect", "n-mail", "n-check", "n-done");

        var document = bundle.Document.ToJsonObject();
        var tasks = document["tasks"]!.AsArray();
        Assert.Multiple(() =>
        {
            Assert.That(bundle.TaskIds.Select(p => $"{p.Key}>{p.Value}"), Is.EqualTo(new[] { "collect>n-collect", "mail>n-mail", "check>n-check", "done>n-done" }));
            Assert.That(tasks.Select(t => t!["id"]!.GetValue<string>()), Is.EqualTo(new[] { "n-collect", "n-mail", "n-check", "n-done" }));
            Assert.That(Texts(document["edges"]!.AsArray().Select(e => e!["from_id"])), Is.EqualTo(new[] { "n-collect", "n-mail", "n-check", "n-check" }));
            Assert.That(document["edges"]!.AsArray().Select(e => e!["to_id"]?.GetValue<string>()), Is.EqualTo(new[] { "n-mail", "n-check", "n-done", null }));
            Assert.That(document["due_date_config"]!["task_id"]!.GetValue<string>(), Is.EqualTo("n-done"));
            Assert.That(document["phases"]![0]!["due_date_config"]!["task_id"]!.GetValue<string>(), Is.EqualTo("n-collect"));
            Assert.That(tasks[1]!["due_date_config"]!["task_id"]!.GetValue<string>(), Is.EqualTo("n-collect"));
            Assert.That(tasks[1]!["requirements"]![0]!["task_id"]!.GetValue<string>(), Is.EqualTo("n-collect"));
            Assert.That(tasks[1]!["automation_config"]!["input_context"]!["task_id"]!.GetValue<string>(), Is.EqualTo("n-collect"));
            Assert.That(tasks[1]!["schedule"]!["reference"]!["id"]!.GetValue<string>(), Is.EqualTo("n-collect"));
            Assert.That(tasks[2]!["conditions"]![0]!["statements"]![0]!["source"]!["id"]!.GetValue<string>(), Is.EqualTo("n-mail"), "an action source names a task");
            Assert.That(tasks[2]!["conditions"]![0]!["statements"]![1]!["source"]!["id"]!.GetValue<string>(), Is.EqualTo("collect"), "a trigger source does not");
            Assert.That(document["entity_sync"]![0]!["trigger"]!["filter"]!["task_template_id"]!.GetValue<string>(), Is.EqualTo("n-mail"));
        });
    }

    [Test]
    public void Parse_KeepsEverythingElse_AndDropsServerAndBundleFields()
    {
        var bundle = ParseBundle(Export(FlowSamples.Portable));

        var expected = Parse(FlowSamples.Portable.Replace("FLOW_ID", "old-flow", StringComparison.Ordinal));
        var renamed = Parse(bundle.Document.ToJsonObject().ToJsonString());
        foreach (var (oldId, newId) in bundle.TaskIds)
        {
            renamed = Parse(renamed.ToJsonString().Replace($"\"{newId}\"", $"\"{oldId}\"", StringComparison.Ordinal));
        }

        Assert.Multiple(() =>
        {
            Assert.That(JsonNode.DeepEquals(renamed, expected), Is.True, renamed.ToJsonString());
            Assert.That(bundle.SourceFlowId, Is.EqualTo("old-flow"));
            Assert.That(bundle.Document.ToJsonObject()["_manifest"]!.ToJsonString(), Is.EqualTo("""["blueprint-1"]"""));
            Assert.That(bundle.Document.Enabled, Is.False);
        });
    }

    [Test]
    public void Parse_StripsTransientFieldsWithoutProcessingThem()
    {
        var body = Export(FlowSamples.Portable);
        body["trigger"]!["trigger_config"] = JsonNode.Parse("""[{"type": "entity_operation"}]""");
        body["tasks"]![1]!["automation_config"]!["action_config"] = JsonNode.Parse("""{"type": "send-email"}""");
        body["tasks"]![1]!["automation_config"]!["duplicated_flow_id"] = "auto-other";

        var bundle = ParseBundle(body);

        Assert.Multiple(() =>
        {
            Assert.That(bundle.Document.AutomationRequests, Is.Empty);
            Assert.That(bundle.Document.ToJsonObject()["trigger"]!.AsObject().ContainsKey("trigger_config"), Is.False);
            Assert.That(bundle.Document.ToJsonObject()["tasks"]![1]!["automation_config"]!.AsObject().Select(p => p.Key),
                Is.EquivalentTo(new[] { "flow_id", "input_context" }));
        });
    }

    [Test]
    public void Parse_KeepsTheResolvedAutomationsInTheirOrder_LeavingOutUnresolvedOnes()
    {
        var body = Export(FlowSamples.Portable);
        body["_resolved_automations"] = JsonNode.Parse($$$"""{"auto-trigger": null, "auto-mail": {{{Automation}}}, "auto-journey": {"flow_name": "J", "triggers": [], "actions": []}}""");

        var bundle = ParseBundle(body);

        Assert.Multiple(() =>
        {
            Assert.That(bundle.Automations.Select(a => a.SourceId), Is.EqualTo(new[] { "auto-mail", "auto-journey" }));
            Assert.That(bundle.Automations[0].Flow["flow_name"]!.GetValue<string>(), Is.EqualTo("Mail"));
        });
    }

    [TestCase("""{"_resolved_automations": null}""")]
    [TestCase("""{"_resolved_automations": {}}""")]
    [TestCase("{}")]
    public void Parse_WithoutAutomations_HasNone(string patch) =>
        Assert.That(ParseBundle(With(FlowSamples.Minimal, patch)).Automations, Is.Empty);

    [TestCase("""{"_resolved_automations": []}""", "_resolved_automations must be an object of automation flows by automation id")]
    [TestCase("""{"_resolved_automations": {"a1": "flow"}}""", "_resolved_automations['a1'] must be null or an automation flow object")]
    [TestCase("""{"_resolved_automations": {"a'1": {"triggers": [], "actions": []}}}""", "_resolved_automations['a\\'1'].flow_name is required")]
    [TestCase("""{"_resolved_automations": {"a1": {"flow_name": "F", "triggers": {}, "actions": null}}}""",
        "_resolved_automations['a1'].triggers must be an array; _resolved_automations['a1'].actions is required")]
    public void Parse_WithMalformedAutomations_ListsEveryProblem(string patch, string message)
    {
        var exception = Assert.Throws<InvalidDocumentException>(() => ParseBundle(With(FlowSamples.Minimal, patch)));

        Assert.That(exception!.Message, Is.EqualTo("Invalid request body: " + message));
    }

    [Test]
    public void Parse_AnInvalidFlowWithMalformedAutomations_ListsBoth()
    {
        var body = With(FlowSamples.Minimal, """{"_resolved_automations": {"a1": 7}}""");
        body["edges"]![0]!["to_id"] = "missing";

        var exception = Assert.Throws<InvalidDocumentException>(() => ParseBundle(body));

        Assert.That(exception!.Violations.Select(v => v.Path), Is.EqualTo(new[] { "edges[0].to_id", "_resolved_automations['a1']" }));
    }

    [Test]
    public void Parse_ANonObject_IsRefused() =>
        Assert.Throws<InvalidDocumentException>(() => FlowTemplateBundle.Parse(JsonSerializer.SerializeToElement(new[] { 1 }), () => "x", HardLimits.Default));

    [Test]
    public void Parse_WithoutAnId_HasNoSourceFlowId() => Assert.That(ParseBundle(Parse(FlowSamples.Minimal)).SourceFlowId, Is.Null);

    [Test]
    public void WithReferencesReplaced_PointsAtTheCopiedAutomationsAndTheNewFlow_LeavingUnknownAutomationsAlone()
    {
        var bundle = ParseBundle(Export(FlowSamples.Portable));

        var document = bundle.Document.WithReferencesReplaced(
            new Dictionary<string, string> { ["auto-trigger"] = "new-trigger", ["auto-mail"] = "new-mail" }, "old-flow", "new-flow").ToJsonObject();

        Assert.Multiple(() =>
        {
            Assert.That(document["trigger"]!["automation_id"]!.GetValue<string>(), Is.EqualTo("new-trigger"));
            Assert.That(document["additional_triggers"]![0]!["automation_id"]!.GetValue<string>(), Is.EqualTo("auto-journey"));
            Assert.That(document["tasks"]![1]!["automation_config"]!["flow_id"]!.GetValue<string>(), Is.EqualTo("new-mail"));
            Assert.That(document["tasks"]![2]!["schedule"]!["reference"]!["id"]!.GetValue<string>(), Is.EqualTo("new-flow"));
        });
    }

    /// <summary>The sample as exportFlowTemplate would return it from the flow <c>old-flow</c>.</summary>
    private static JsonObject Export(string flow)
    {
        var export = Parse(flow.Replace("FLOW_ID", "old-flow", StringComparison.Ordinal));
        export["id"] = "old-flow";
        export["org_id"] = "source-org";
        export["created_at"] = "2026-01-01T00:00:00.000Z";
        export["updated_at"] = "2026-01-02T00:00:00.000Z";
        export["limit_warnings"] = new JsonArray();
        export["_resolved_automations"] = new JsonObject();
        return export;
    }

    private static FlowTemplateBundle ParseBundle(JsonObject body, params string[] taskIds)
    {
        var queue = new Queue<string>(taskIds);
        return FlowTemplateBundle.Parse(JsonSerializer.SerializeToElement(body), () => queue.TryDequeue(out var id) ? id : Guid.NewGuid().ToString(), HardLimits.Default);
    }

    private static IEnumerable<string> Texts(IEnumerable<JsonNode?> nodes) => nodes.Select(n => n!.GetValue<string>());
}
