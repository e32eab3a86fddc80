using System.Text.Json.Nodes;
using WorkflowDefinitions.Application.Automations;
using WorkflowDefinitions.Application.FlowTemplates.ImportFlowTemplate;
using WorkflowDefinitions.Application.UnitTests.Common;
using WorkflowDefinitions.Application.Workflows;
using WorkflowDefinitions.Domain.Common;
using static WorkflowDefinitions.Application.UnitTests.Common.UseCases;

namespace WorkflowDefinitions.Application.UnitTests.FlowTemplates;

public class ImportFlowTemplateCommandHandlerTests : UseCaseTest
{
    [Test]
    public async Task Import_CopiesTheBundledAutomations_AndAimsTheCopiesAtTheNewFlow()
    {
        var result = await ImportAsync(Bundle("a1", "a2"));

        var flowId = result["flow"]!["id"]!.GetValue<string>();
        var copies = await App.AutomationFlowsAsync();
        Assert.Multiple(() =>
        {
            Assert.That(result["_id_mappings"]!["automation_ids"]!.AsObject().Select(p => p.Key), Is.EqualTo(new[] { "a1", "a2" }));
            Assert.That(copies, Has.Count.EqualTo(2));
            Assert.That(copies.Select(c => c["actions"]![0]!["config"]!["target_workflow"]!.GetValue<string>()), Is.All.EqualTo(flowId));
        });
    }

    [Test]
    public async Task Import_WhenTheSecondOfThreeCopiesFails_DeletesTheFirst_CreatesNoMore_AndGivesTheSlotBack()
    {
        App.Automations.Fault = call => call is { Kind: AutomationCall.Create, Number: 2 } ? ScriptedAutomationClient.Outage() : null;

        Assert.ThrowsAsync<AutomationUnavailableException>(async () => await ImportAsync(Bundle("a1", "a2", "a3")));

        Assert.Multiple(async () =>
        {
            Assert.That(await App.AutomationFlowsAsync(), Is.Empty);
            Assert.That(App.Automations.Calls.Count(c => c.Kind == AutomationCall.Create), Is.EqualTo(2), "nothing is created after the failure");
            Assert.That(App.Automations.Calls.Count(c => c.Kind == AutomationCall.Delete), Is.EqualTo(1));
            Assert.That(await App.WorkflowCountAsync(), Is.Zero);
        });
        await AssertNoSlotIsHeldAsync();
    }

    [Test]
    public async Task Import_WhenTheAutomationApiRejectsACopy_IsAClientError_AndLeavesNothingBehind()
    {
        App.Automations.Fault = call => call is { Kind: AutomationCall.Create, Number: 2 } ? ScriptedAutomationClient.Rejection() : null;

        Assert.ThrowsAsync<AutomationRejectedException>(async () => await ImportAsync(Bundle("a1", "a2")));

        Assert.That(await App.AutomationFlowsAsync(), Is.Empty);
        await AssertNoSlotIsHeldAsync();
    }

    [Test]
    public void Import_OverTheQuota_CreatesNoAutomation()
    {
        App.MaxWorkflows = 0;

        var exception = Assert.ThrowsAsync<WorkflowQuotaExceededException>(async () => await ImportAsync(Bundle("a1")));

        Assert.That(exception!.Message, Is.EqualTo("Maximum number of workflows reached (0/0)"));
        Assert.That(App.Automations.Calls, Is.Empty);
    }

    [Test]
    public async Task Import_OfAnInvalidBundle_TakesNoSlot_AndCallsNoAutomation()
    {
        var bundle = Bundle("a1");
        bundle["tasks"]![0]!["task_type"] = "NOPE";

        Assert.ThrowsAsync<InvalidDocumentException>(async () => await ImportAsync(bundle));

        Assert.That(App.Automations.Calls, Is.Empty);
        await AssertNoSlotIsHeldAsync();
    }

    /// <summary>An export of flow <c>exported</c> whose tasks run the bundled automations <paramref name="automationIds"/>.</summary>
    private static JsonObject Bundle(params string[] automationIds)
    {
        var bundle = JsonNode.Parse(FlowSamplesWithAutomations.Referring(automationIds))!.AsObject();
        bundle["id"] = "exported";
        bundle["_resolved_automations"] = new JsonObject(automationIds.Select(id =>
            KeyValuePair.Create(id, (JsonNode?)JsonNode.Parse(FlowSamplesWithAutomations.Automation("exported")))));
        return bundle;
    }

    private async Task<JsonObject> ImportAsync(JsonObject bundle) =>
        await App.ImportFlow().Handle(new ImportFlowTemplateCommand(Organization, Json(bundle.ToJsonString())), CancellationToken.None);
}
