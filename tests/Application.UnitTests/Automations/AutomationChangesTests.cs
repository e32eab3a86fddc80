using System.Text.Json.Nodes;
using WorkflowDefinitions.Application.Automations;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.UnitTests.Common;
using WorkflowDefinitions.Application.UnitTests.FlowTemplates;
using static WorkflowDefinitions.Application.UnitTests.Common.UseCases;

namespace WorkflowDefinitions.Application.UnitTests.Automations;

public class AutomationChangesTests : UseCaseTest
{
    [Test]
    public async Task Dispose_WithoutComplete_UndoesEveryChange_NewestFirst()
    {
        var existing = await CreateDirectlyAsync("Existing");
        App.Automations.Reset();

        await using (var changes = App.FlowAutomations().BeginChanges(Organization, WriteMode.Commit))
        {
            await changes.CreateAsync(Flow("First"), CancellationToken.None);
            await changes.ReplaceAsync(existing, flow => flow["flow_name"] = "Replaced", CancellationToken.None);
            await changes.CreateAsync(Flow("Second"), CancellationToken.None);
        }

        var undo = App.Automations.Calls.Skip(4).Select(c => c.Kind);
        Assert.Multiple(async () =>
        {
            Assert.That(undo, Is.EqualTo(new[] { AutomationCall.Delete, AutomationCall.Put, AutomationCall.Delete }));
            Assert.That((await App.AutomationFlowsAsync()).Select(f => f["flow_name"]!.GetValue<string>()), Is.EqualTo(new[] { "Existing" }));
        });
    }

    [Test]
    public async Task Dispose_AfterComplete_KeepsEveryChange()
    {
        await using (var changes = App.FlowAutomations().BeginChanges(Organization, WriteMode.Commit))
        {
            await changes.CreateAsync(Flow("Kept"), CancellationToken.None);
            changes.Complete();
        }

        Assert.That(App.Automations.Calls.Select(c => c.Kind), Is.EqualTo(new[] { AutomationCall.Create }));
        Assert.That(await App.AutomationFlowsAsync(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task AnUndoThatFails_IsSkipped_AndTheOtherChangesAreStillUndone()
    {
        await using (var changes = App.FlowAutomations().BeginChanges(Organization, WriteMode.Commit))
        {
            await changes.CreateAsync(Flow("First"), CancellationToken.None);
            await changes.CreateAsync(Flow("Second"), CancellationToken.None);
            App.Automations.Fault = call => call is { Kind: AutomationCall.Delete, Number: 1 } ? ScriptedAutomationClient.Outage() : null;
        }

        var left = await App.AutomationFlowsAsync();
        Assert.That(left.Select(f => f["flow_name"]!.GetValue<string>()), Is.EqualTo(new[] { "Second" }), "the newest one could not be deleted");
    }

    [Test]
    public async Task Replace_OfAFlowThatIsNotThere_IsRefused_AndRecordsNothingToUndo()
    {
        await using var changes = App.FlowAutomations().BeginChanges(Organization, WriteMode.Commit);

        Assert.ThrowsAsync<AutomationRejectedException>(async () => await changes.ReplaceAsync("missing", _ => { }, CancellationToken.None));
        await changes.DisposeAsync();

        Assert.That(App.Automations.Calls.Select(c => c.Kind), Is.EqualTo(new[] { AutomationCall.Get }));
    }

    private static JsonObject Flow(string name)
    {
        var flow = JsonNode.Parse(FlowSamplesWithAutomations.Automation())!.AsObject();
        flow["flow_name"] = name;
        return flow;
    }

    private async Task<string> CreateDirectlyAsync(string name) =>
        (await App.Automations.CreateFlowAsync(Organization, Flow(name), CancellationToken.None))["id"]!.GetValue<string>();
}
