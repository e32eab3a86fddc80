using System.Text.Json.Nodes;
using WorkflowDefinitions.Domain.Common;
using WorkflowDefinitions.Domain.FlowTemplates;
using WorkflowDefinitions.Domain.Organizations;
using static WorkflowDefinitions.Domain.UnitTests.FlowTemplates.FlowJson;

namespace WorkflowDefinitions.Domain.UnitTests.FlowTemplates;

/// <summary>The aggregate and its document's transient fields (contract §1.4, §3.6, §6.1, D20, D47).</summary>
public class FlowTemplateTests
{
    private static readonly OrganizationId Organization = new("org");
    private static readonly DateTimeOffset T0 = new(2026, 6, 1, 10, 0, 0, 500, TimeSpan.Zero);

    [Test]
    public void Create_SetsBothTimestampsToNow()
    {
        var template = FlowTemplate.Create(Organization, new FlowTemplateId("7hj28akg"), FlowDocument.Parse(Parse(Minimal), HardLimits.Default), T0.AddTicks(99));

        Assert.Multiple(() =>
        {
            Assert.That(template.CreatedAt, Is.EqualTo(T0));
            Assert.That(template.UpdatedAt, Is.EqualTo(T0));
            Assert.That(template.Revision, Is.Positive);
            Assert.That(template.StoredRevision, Is.Null);
        });
    }

    [Test]
    public void Create_StartsEveryNewTemplateAtItsOwnRevision()
    {
        var document = FlowDocument.Parse(Parse(Minimal), HardLimits.Default);

        var revisions = Enumerable.Range(0, 100).Select(_ => FlowTemplate.Create(Organization, new FlowTemplateId("same-id"), document, T0).Revision);

        Assert.That(revisions, Is.Unique, "a template created again under an id never repeats the revisions (and entity tags) of the one before");
    }

    [Test]
    public void Replace_OfAStoredTemplate_GivesTheNextRevision_HoweverOftenItIsReplaced()
    {
        var document = FlowDocument.Parse(Parse(Minimal), HardLimits.Default);
        var stored = FlowTemplate.Restore(Organization, new FlowTemplateId("7hj28akg"), document, T0, T0, revision: 41);

        stored.Replace(document, T0.AddMinutes(1));
        stored.Replace(document, T0.AddMinutes(2));

        Assert.Multiple(() =>
        {
            Assert.That(stored.StoredRevision, Is.EqualTo(41));
            Assert.That(stored.Revision, Is.EqualTo(42));
        });
    }

    [Test]
    public void Create_WithUnprocessedTransientFields_IsAProgrammingError()
    {
        var document = FlowDocument.Parse(With(Minimal, """{"trigger": {"type": "automation", "trigger_config": [{"type": "entity_operation"}]}}"""), HardLimits.Default);

        Assert.Throws<InvalidOperationException>(() => FlowTemplate.Create(Organization, new FlowTemplateId("a1"), document, T0));
    }

    [Test]
    public void Replace_MovesUpdatedAtStrictlyForward_AndKeepsCreatedAt()
    {
        var template = FlowTemplate.Create(Organization, new FlowTemplateId("a1"), FlowDocument.Parse(Parse(Minimal), HardLimits.Default), T0);

        template.Replace(FlowDocument.Parse(Parse(ReviewLoop), HardLimits.Default), T0);
        var afterSameInstant = template.UpdatedAt;
        template.Replace(FlowDocument.Parse(Parse(Minimal), HardLimits.Default), T0.AddMinutes(1));

        Assert.Multiple(() =>
        {
            Assert.That(afterSameInstant, Is.EqualTo(T0.AddMilliseconds(1)));
            Assert.That(template.UpdatedAt, Is.EqualTo(T0.AddMinutes(1)));
            Assert.That(template.CreatedAt, Is.EqualTo(T0));
            Assert.That(template.Document.Name, Is.EqualTo("Minimal flow"));
        });
    }

    [Test]
    public void IsAt_ComparesInstants_NotText()
    {
        var template = FlowTemplate.Create(Organization, new FlowTemplateId("a1"), FlowDocument.Parse(Parse(Minimal), HardLimits.Default), T0);

        Assert.Multiple(() =>
        {
            Assert.That(template.IsAt(DateTimeOffset.Parse("2026-06-01T12:00:00.500+02:00", System.Globalization.CultureInfo.InvariantCulture)), Is.True);
            Assert.That(template.IsAt(T0.AddMilliseconds(1)), Is.False);
        });
    }

    [Test]
    public void DuplicateDocument_NamesTheCopyAndDropsTheManifest_KeepingEverythingElse()
    {
        var source = FlowDocument.Parse(With(CustomerOnboarding, """{"_manifest": ["m1"], "enabled": false, "x_extra": {"k": 1}}"""), HardLimits.Default);
        var template = FlowTemplate.Create(Organization, new FlowTemplateId("a1"), source, T0);

        var copy = template.DuplicateDocument(HardLimits.Default).ToJsonObject();

        var expected = source.ToJsonObject();
        expected["name"] = "Customer Onboarding (Copy)";
        expected.Remove("_manifest");
        Assert.That(JsonNode.DeepEquals(copy, expected), Is.True, copy.ToJsonString());
    }

    [Test]
    public void DuplicateDocument_OfADocumentNestedAsDeepAsAStoredOneMay_IsCopied()
    {
        var nested = new string('[', StoredText.MaxDepth - 2) + new string(']', StoredText.MaxDepth - 2);
        var stored = FlowDocument.Restore(System.Text.Encoding.UTF8.GetBytes($$"""{"name": "Deep", "tasks": [], "edges": [], "x_nested": {{nested}}}"""));
        var template = FlowTemplate.Restore(Organization, new FlowTemplateId("a1"), stored, T0, T0, 1);

        var copy = template.DuplicateDocument(HardLimits.Default).ToJsonObject();

        Assert.Multiple(() =>
        {
            Assert.That(copy["name"]!.GetValue<string>(), Is.EqualTo("Deep (Copy)"));
            Assert.That(copy["x_nested"]!.ToJsonString(), Is.EqualTo(nested));
        });
    }

    [Test]
    public void DuplicateDocument_OfASourceBreakingTodaysRules_IsRefused()
    {
        var broken = FlowDocument.Restore(Parse("""{"name": "Old", "tasks": [{"id": "t1", "name": "A", "task_type": "MANUAL", "phase_id": "gone"}], "edges": []}"""));
        var template = FlowTemplate.Restore(Organization, new FlowTemplateId("a1"), broken, T0, T0, 3);

        Assert.Throws<InvalidDocumentException>(() => template.DuplicateDocument(HardLimits.Default));
    }

    [Test]
    public void Restore_OfABrokenStoredDocument_StillReads()
    {
        var stored = FlowDocument.Restore(Parse("""{"name": "x", "tasks": "broken", "edges": [{"id": "e", "from_id": "nowhere"}]}"""));

        Assert.Multiple(() =>
        {
            Assert.That(stored.Name, Is.EqualTo("x"));
            Assert.That(stored.EvaluateLimits(FlowLimits.Default), Is.Empty);
        });
    }

    [Test]
    public void Parse_CollectsTheTransientAutomationRequests()
    {
        var document = FlowDocument.Parse(Parse("""
            {"name": "Transient", "trigger": {"type": "automation", "trigger_config": [{"type": "entity_operation", "configuration": {"schema": "contact"}}]},
             "additional_triggers": [{"type": "automation", "automation_id": "a-existing", "trigger_config": [{"type": "activity"}]}, {"type": "automation", "trigger_config": []}],
             "tasks": [{"id": "a1", "name": "Mail", "task_type": "AUTOMATION", "automation_config": {"action_config": {"type": "send-email", "config": {"to": "x"}}}},
                       {"id": "a2", "name": "Copy", "task_type": "AUTOMATION", "automation_config": {"duplicated_flow_id": "src", "flow_id": "ignored"}},
                       {"id": "a3", "name": "Update", "task_type": "AUTOMATION", "automation_config": {"flow_id": "f3", "action_config": {"type": "map-entity"}}}],
             "edges": []}
            """), HardLimits.Default);

        Assert.That(document.AutomationRequests.Select(Describe), Is.EquivalentTo(new[]
        {
            "trigger main create",
            "trigger 0 update a-existing",
            "action 0 Mail create send-email",
            "duplicate 1 src",
            "action 2 Update update map-entity",
        }));
    }

    [Test]
    public void WithAutomations_StripsEveryTransientField_AndWritesTheProducedIds()
    {
        var document = FlowDocument.Parse(Parse("""
            {"name": "Transient", "trigger": {"type": "automation", "trigger_config": [{"type": "entity_operation"}]},
             "additional_triggers": [{"type": "automation", "trigger_config": []}, {"type": "manual", "trigger_config": "not transient here"}],
             "tasks": [{"id": "a1", "name": "Mail", "task_type": "AUTOMATION", "automation_config": {"action_config": {"type": "send-email"}, "input_context": {"source": "trigger"}}},
                       {"id": "a2", "name": "Copy", "task_type": "AUTOMATION", "automation_config": {"duplicated_flow_id": "src", "flow_id": "old"}},
                       {"id": "m3", "name": "Manual", "task_type": "MANUAL", "automation_config": {"action_config": "unknown data"}}],
             "edges": []}
            """), HardLimits.Default);
        var results = new AutomationResults();
        results.SetTriggerAutomation(null, "new-trigger-flow");
        results.SetTaskFlow(0, "new-mail-flow");
        results.SetTaskFlow(1, "cloned-flow");

        var resolved = document.WithAutomations(results);
        var json = resolved.ToJsonObject();

        Assert.Multiple(() =>
        {
            Assert.That(resolved.AutomationRequests, Is.Empty);
            Assert.That(json["trigger"]!.ToJsonString(), Is.EqualTo("""{"type":"automation","automation_id":"new-trigger-flow"}"""));
            Assert.That(json["additional_triggers"]!.ToJsonString(), Is.EqualTo("""[{"type":"automation"},{"type":"manual","trigger_config":"not transient here"}]"""));
            Assert.That(json["tasks"]![0]!["automation_config"]!.ToJsonString(), Is.EqualTo("""{"input_context":{"source":"trigger"},"flow_id":"new-mail-flow"}"""));
            Assert.That(json["tasks"]![1]!["automation_config"]!.ToJsonString(), Is.EqualTo("""{"flow_id":"cloned-flow"}"""));
            Assert.That(json["tasks"]![2]!["automation_config"]!.ToJsonString(), Is.EqualTo("""{"action_config":"unknown data"}"""));
        });
    }

    private static string Describe(AutomationRequest request) => request switch
    {
        TriggerAutomationRequest t => $"trigger {(t.AdditionalTriggerIndex?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "main")} {(t.AutomationId is null ? "create" : $"update {t.AutomationId}")}",
        ActionAutomationRequest a => $"action {a.TaskIndex} {a.TaskName} {(a.FlowId is null ? "create" : "update")} {a.ActionConfig["type"]}",
        DuplicateAutomationRequest d => $"duplicate {d.TaskIndex} {d.SourceFlowId}",
        _ => request.ToString()!,
    };
}
