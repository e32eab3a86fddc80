using System.Text.Json.Nodes;
using WorkflowDefinitions.Application.Automations;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.FlowTemplates.DuplicateFlowTemplate;
using WorkflowDefinitions.Application.UnitTests.Common;
using WorkflowDefinitions.Application.Workflows;
using WorkflowDefinitions.Domain.Common;
using WorkflowDefinitions.Domain.Organizations;
using static WorkflowDefinitions.Application.UnitTests.Common.UseCases;

namespace WorkflowDefinitions.Application.UnitTests.FlowTemplates;

public class DuplicateFlowTemplateCommandHandlerTests : UseCaseTest
{
    [Test]
    public async Task Duplicate_ClonesEveryReferencedAutomation_AndAimsTheClonesAtTheCopy()
    {
        var (source, automationIds) = await FlowReferringToNewAutomationsAsync(2, aimedAtTheFlow: true);

        var copy = await DuplicateAsync(source);

        var copyId = copy["id"]!.GetValue<string>();
        var clones = (await App.AutomationFlowsAsync()).Where(a => !automationIds.Contains(a["id"]!.GetValue<string>())).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(copy["name"]!.GetValue<string>(), Is.EqualTo("Referring (Copy)"));
            Assert.That(clones, Has.Count.EqualTo(2));
            Assert.That(copy["tasks"]!.AsArray().Select(t => t!["automation_config"]!["flow_id"]!.GetValue<string>()),
                Is.EquivalentTo(clones.Select(c => c["id"]!.GetValue<string>())));
            Assert.That(clones.Select(c => c["actions"]![0]!["config"]!["target_workflow"]!.GetValue<string>()), Is.All.EqualTo(copyId));
        });
    }

    [Test]
    public async Task Duplicate_WhenTheSecondCloneFails_DeletesTheFirstClone_AndGivesTheSlotBack()
    {
        var (source, _) = await FlowReferringToNewAutomationsAsync(3);
        App.Automations.Reset();
        App.Automations.Fault = call => call is { Kind: AutomationCall.Create, Number: 2 } ? ScriptedAutomationClient.Outage() : null;

        Assert.ThrowsAsync<AutomationUnavailableException>(async () => await DuplicateAsync(source));

        Assert.Multiple(async () =>
        {
            Assert.That(await App.AutomationFlowsAsync(), Has.Count.EqualTo(3), "only the source's automations are left");
            Assert.That(App.Automations.Calls.Count(c => c.Kind == AutomationCall.Delete), Is.EqualTo(1));
            Assert.That(await App.WorkflowCountAsync(), Is.EqualTo(1));
        });
        await AssertNoSlotIsHeldAsync();
    }

    [Test]
    public async Task Duplicate_AtTheQuota_IsRefusedBeforeCloning()
    {
        var (source, _) = await FlowReferringToNewAutomationsAsync(1);
        App.MaxWorkflows = 1;
        App.Automations.Reset();

        Assert.ThrowsAsync<WorkflowQuotaExceededException>(async () => await DuplicateAsync(source));

        Assert.That(App.Automations.Calls, Is.Empty);
    }

    [Test]
    public async Task Duplicate_OfAFlowReferringToMoreAutomationsThanARequestMayClone_IsRefusedBeforeAnyCall()
    {
        var (source, _) = await FlowReferringToNewAutomationsAsync(3);
        App.Caps = HardLimits.Default with { MaxAutomationsPerRequest = 2 };
        App.Automations.Reset();

        var exception = Assert.ThrowsAsync<TooManyAutomationsException>(async () => await DuplicateAsync(source));

        Assert.That(exception!.Message, Is.EqualTo("The flow refers to 3 automations; a duplicate clones at most 2"));
        Assert.That(App.Automations.Calls, Is.Empty);
        await AssertNoSlotIsHeldAsync();
    }

    [Test]
    public async Task Duplicate_OfAnAutomationTheApiDoesNotShow_KeepsSharingIt()
    {
        var source = await App.CreateFlowAsync(FlowSamplesWithAutomations.Referring("not-visible"));

        var copy = await DuplicateAsync(source);

        Assert.That(copy["tasks"]![0]!["automation_config"]!["flow_id"]!.GetValue<string>(), Is.EqualTo("not-visible"));
        Assert.That(await App.AutomationFlowsAsync(), Is.Empty);
    }

    [Test]
    public void Duplicate_OfAMissingFlow_IsNotFound() =>
        Assert.ThrowsAsync<NotFoundException>(async () =>
            await App.DuplicateFlow().Handle(new DuplicateFlowTemplateCommand(Organization, "missing"), CancellationToken.None));

    private async Task<(JsonObject Flow, IReadOnlyList<string> AutomationIds)> FlowReferringToNewAutomationsAsync(int count, bool aimedAtTheFlow = false)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var created = await App.Automations.CreateFlowAsync(Organization, JsonNode.Parse(FlowSamplesWithAutomations.Automation())!.AsObject(), CancellationToken.None);
            ids.Add(created["id"]!.GetValue<string>());
        }

        var flow = await App.CreateFlowAsync(FlowSamplesWithAutomations.Referring([.. ids]));
        if (aimedAtTheFlow)
        {
            foreach (var id in ids)
            {
                await App.Automations.PutFlowAsync(
                    Organization, id, JsonNode.Parse(FlowSamplesWithAutomations.Automation(flow["id"]!.GetValue<string>()))!.AsObject(), CancellationToken.None);
            }
        }

        return (flow, ids);
    }

    private async Task<JsonObject> DuplicateAsync(JsonObject flow) =>
        Answers.Read((await App.DuplicateFlow().Handle(new DuplicateFlowTemplateCommand(Organization, flow["id"]!.GetValue<string>()), CancellationToken.None)).Value.Answer);
}
