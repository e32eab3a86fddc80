using System.Text.Json.Nodes;
using WorkflowDefinitions.Application.Automations;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.FlowTemplates;
using WorkflowDefinitions.Application.FlowTemplates.UpdateFlowTemplate;
using WorkflowDefinitions.Application.UnitTests.Common;
using WorkflowDefinitions.Application.Workflows.History;
using WorkflowDefinitions.Domain.Common;
using WorkflowDefinitions.Domain.FlowTemplates;
using static WorkflowDefinitions.Application.UnitTests.Common.UseCases;

namespace WorkflowDefinitions.Application.UnitTests.FlowTemplates;

public class UpdateFlowTemplateCommandHandlerTests : UseCaseTest
{
    [Test]
    public async Task Update_FailingAfterReplacingAnAutomation_RestoresIt_AndLeavesTheFlowAsItWas()
    {
        var created = await App.CreateFlowAsync(FlowSamplesWithAutomations.Transient);
        var triggerId = created["trigger"]!["automation_id"]!.GetValue<string>();
        var before = await TriggerAutomationAsync(triggerId);
        var body = Editable(created);
        body["trigger"]!["trigger_config"] = JsonNode.Parse("""[{"type": "activity"}]""");
        body["tasks"]![2]!["task_type"] = "AUTOMATION";
        body["tasks"]![2]!["automation_config"] = JsonNode.Parse("""{"action_config": {"type": "webhook"}}""");
        App.Automations.Reset();
        App.Automations.Fault = call => call.Kind == AutomationCall.Create ? ScriptedAutomationClient.Outage() : null;

        Assert.ThrowsAsync<AutomationUnavailableException>(async () => await UpdateAsync(created, body));

        Assert.Multiple(async () =>
        {
            Assert.That(App.Automations.Calls.Select(c => c.Kind), Is.EqualTo(new[]
            {
                AutomationCall.Get, AutomationCall.Put, AutomationCall.Create, AutomationCall.Put,
            }), "read, replace, fail, put back");
            Assert.That((await TriggerAutomationAsync(triggerId))["triggers"]!.ToJsonString(), Is.EqualTo(before["triggers"]!.ToJsonString()));
            Assert.That(await App.AutomationFlowsAsync(), Has.Count.EqualTo(3));
            Assert.That(await StoredJsonAsync(created), Is.EqualTo(Stored(created)));
        });
    }

    [Test]
    public async Task Update_WhenTheStoreCannotTellWhetherItWasStored_KeepsTheReplacedAutomation()
    {
        var created = await App.CreateFlowAsync(FlowSamplesWithAutomations.Transient);
        var triggerId = created["trigger"]!["automation_id"]!.GetValue<string>();
        var body = Editable(created);
        body["trigger"]!["trigger_config"] = JsonNode.Parse("""[{"type": "activity"}]""");
        App.Flows.AfterUpdate = () => throw new WriteOutcomeUnknownException(new TimeoutException("commit answer lost (injected)"));

        Assert.ThrowsAsync<WriteOutcomeUnknownException>(async () => await UpdateAsync(created, body));

        Assert.That((await TriggerAutomationAsync(triggerId))["triggers"]!.ToJsonString(), Does.Contain("activity"), "not put back under a flow that may be stored");
    }

    [Test]
    public async Task Update_LosingTheRaceWithUpdatedAt_IsAConflict_AndUndoesItsAutomationChanges()
    {
        var created = await App.CreateFlowAsync(FlowSamplesWithAutomations.Transient);
        var body = Editable(created);
        body["updated_at"] = created["updated_at"]!.GetValue<string>();
        body["tasks"]![2]!["task_type"] = "AUTOMATION";
        body["tasks"]![2]!["automation_config"] = JsonNode.Parse("""{"action_config": {"type": "webhook"}}""");
        App.Flows.BeforeUpdate = () => RenameConcurrentlyAsync(created, "Renamed by someone else");

        var exception = Assert.ThrowsAsync<ConcurrencyConflictException>(async () => await UpdateAsync(created, body));

        Assert.Multiple(async () =>
        {
            Assert.That(exception!.Message, Is.EqualTo($"Flow template '{created["id"]}' was modified by another user since it was last loaded"));
            Assert.That(await App.AutomationFlowsAsync(), Has.Count.EqualTo(3), "the automation created for the update was deleted again");
            Assert.That(JsonNode.Parse(await StoredJsonAsync(created))!["name"]!.GetValue<string>(), Is.EqualTo("Renamed by someone else"));
        });
    }

    [Test]
    public async Task Update_LosingTheRaceWithoutUpdatedAt_IsWrittenAgainOnTheNewerRevision_KeepingItsAutomations()
    {
        var created = await App.CreateFlowAsync(FlowSamplesWithAutomations.Transient);
        var body = Editable(created);
        body["name"] = "Mine";
        body["tasks"]![2]!["task_type"] = "AUTOMATION";
        body["tasks"]![2]!["automation_config"] = JsonNode.Parse("""{"action_config": {"type": "webhook"}}""");
        App.Flows.BeforeUpdate = () => RenameConcurrentlyAsync(created, "Theirs");

        var updated = await UpdateAsync(created, body);

        Assert.Multiple(async () =>
        {
            Assert.That(updated["name"]!.GetValue<string>(), Is.EqualTo("Mine"));
            Assert.That(JsonNode.Parse(await StoredJsonAsync(created))!["name"]!.GetValue<string>(), Is.EqualTo("Mine"));
            Assert.That(await App.AutomationFlowsAsync(), Has.Count.EqualTo(4));
        });
    }

    [Test]
    public async Task Update_WithAStaleUpdatedAt_IsAConflict_BeforeAnyAutomationCall()
    {
        var created = await App.CreateFlowAsync(FlowSamplesWithAutomations.Transient);
        var body = Editable(created);
        body["updated_at"] = "2020-01-01T00:00:00.000Z";
        body["trigger"]!["trigger_config"] = JsonNode.Parse("""[{"type": "activity"}]""");
        App.Automations.Reset();

        Assert.ThrowsAsync<ConcurrencyConflictException>(async () => await UpdateAsync(created, body));

        Assert.That(App.Automations.Calls, Is.Empty);
    }

    [Test]
    public void Update_OfAMissingFlow_IsNotFound_BeforeAnyAutomationCall()
    {
        var command = new UpdateFlowTemplateCommand(Organization, "missing", Json(FlowSamplesWithAutomations.Transient), EnforceLimits: false);

        Assert.ThrowsAsync<NotFoundException>(async () => await App.UpdateFlow().Handle(command, CancellationToken.None));

        Assert.That(App.Automations.Calls, Is.Empty);
    }

    private static JsonObject Editable(JsonObject flow)
    {
        var copy = (JsonObject)flow.DeepClone();
        foreach (var name in new[] { "id", "org_id", "created_at", "updated_at", "limit_warnings" })
        {
            copy.Remove(name);
        }

        return copy;
    }

    private async Task<JsonObject> UpdateAsync(JsonObject flow, JsonObject body) =>
        Answers.Read((await App.UpdateFlow().Handle(
            new UpdateFlowTemplateCommand(Organization, flow["id"]!.GetValue<string>(), Json(body.ToJsonString()), EnforceLimits: false),
            CancellationToken.None)).Value);

    private async Task RenameConcurrentlyAsync(JsonObject flow, string name)
    {
        var stored = (await App.Flows.Store.FindAsync(Organization, new FlowTemplateId(flow["id"]!.GetValue<string>()), CancellationToken.None))!;
        var document = stored.Document.ToJsonObject();
        document["name"] = name;
        App.Clock.Advance(TimeSpan.FromSeconds(1));
        stored.Replace(FlowDocument.Parse(document, HardLimits.Default), App.Clock.GetUtcNow());
        await App.Flows.Store.UpdateAsync(
            stored, App.FlowHistory().Record(stored, [], RevisionSource.Update), CancellationToken.None);
    }

    private async Task<string> StoredJsonAsync(JsonObject flow) =>
        (await App.Flows.FindAsync(Organization, new FlowTemplateId(flow["id"]!.GetValue<string>()), CancellationToken.None))!
            .Document.ToJsonObject().ToJsonString();

    private static string Stored(JsonObject answered) => Editable(answered).ToJsonString();

    private async Task<JsonObject> TriggerAutomationAsync(string id) =>
        (await App.AutomationFlowsAsync()).Single(a => a["id"]!.GetValue<string>() == id);

    [Test]
    public async Task Update_AsADryRun_ReadsTheAutomationsItWouldChange_ButWritesNone()
    {
        var created = await App.CreateFlowAsync(FlowSamplesWithAutomations.Transient);
        var body = Editable(created);
        body["trigger"]!["trigger_config"] = JsonNode.Parse("""[{"type": "activity"}]""");
        body["tasks"]![2]!["task_type"] = "AUTOMATION";
        body["tasks"]![2]!["automation_config"] = JsonNode.Parse("""{"action_config": {"type": "webhook"}}""");
        App.Automations.Reset();
        var automationsBefore = (await App.AutomationFlowsAsync()).Select(a => a.ToJsonString()).ToList();

        var answer = await App.UpdateFlow().Handle(
            new UpdateFlowTemplateCommand(Organization, created["id"]!.GetValue<string>(), Json(body.ToJsonString()), EnforceLimits: false, Mode: WriteMode.DryRun),
            CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(App.Automations.Calls.Select(c => c.Kind), Is.All.EqualTo(AutomationCall.Get));
            Assert.That((await App.AutomationFlowsAsync()).Select(a => a.ToJsonString()), Is.EqualTo(automationsBefore));
            Assert.That(await StoredJsonAsync(created), Is.EqualTo(Stored(created)));
            Assert.That(Answers.Read(answer.Value)["tasks"]![2]!["automation_config"]!["flow_id"]!.GetValue<string>(), Is.Not.Empty);
        });
    }
}
