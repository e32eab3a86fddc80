using WorkflowDefinitions.Application.Automations;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.FlowTemplates;
using WorkflowDefinitions.Application.FlowTemplates.CreateFlowTemplate;
using WorkflowDefinitions.Application.UnitTests.Common;
using WorkflowDefinitions.Application.Workflows;
using WorkflowDefinitions.Domain.Common;
using WorkflowDefinitions.Domain.FlowTemplates;
using WorkflowDefinitions.TestSupport;
using static WorkflowDefinitions.Application.UnitTests.Common.UseCases;

namespace WorkflowDefinitions.Application.UnitTests.FlowTemplates;

public class CreateFlowTemplateCommandHandlerTests : UseCaseTest
{
    [Test]
    public async Task Create_WithTransientFields_CreatesTheAutomations_AndStoresOnlyTheirIds()
    {
        var created = await App.CreateFlowAsync(FlowSamplesWithAutomations.Transient);

        var automations = await App.AutomationFlowsAsync();
        var stored = await App.Flows.FindAsync(Organization, new FlowTemplateId(created["id"]!.GetValue<string>()), CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(automations, Has.Count.EqualTo(3));
            Assert.That(automations.Select(a => a["id"]!.GetValue<string>()), Is.EquivalentTo(new[]
            {
                created["trigger"]!["automation_id"]!.GetValue<string>(),
                created["tasks"]![0]!["automation_config"]!["flow_id"]!.GetValue<string>(),
                created["tasks"]![1]!["automation_config"]!["flow_id"]!.GetValue<string>(),
            }));
            Assert.That(stored!.Document.ToJsonObject().ToJsonString(), Does.Not.Contain("trigger_config").And.Not.Contain("action_config"));
        });
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public async Task Create_WhenTheNthAutomationCreateFails_UndoesTheOthers_AndGivesTheSlotBack(int failing)
    {
        App.Automations.Fault = call => call is { Kind: AutomationCall.Create } && call.Number == failing ? ScriptedAutomationClient.Outage() : null;

        Assert.ThrowsAsync<AutomationUnavailableException>(async () => await App.CreateFlowAsync(FlowSamplesWithAutomations.Transient));

        Assert.Multiple(async () =>
        {
            Assert.That(await App.AutomationFlowsAsync(), Is.Empty);
            Assert.That(App.Automations.Calls.Count(c => c.Kind == AutomationCall.Delete), Is.EqualTo(failing - 1));
            Assert.That(await App.WorkflowCountAsync(), Is.Zero);
        });
        await AssertNoSlotIsHeldAsync();
    }

    [Test]
    public async Task Create_WhenTheAutomationApiRejectsAConfig_IsAClientError_AndLeavesNothingBehind()
    {
        App.Automations.Fault = call => call is { Kind: AutomationCall.Create, Number: 3 } ? ScriptedAutomationClient.Rejection() : null;

        var exception = Assert.ThrowsAsync<AutomationRejectedException>(async () => await App.CreateFlowAsync(FlowSamplesWithAutomations.Transient));

        Assert.That(exception, Is.InstanceOf<DomainException>(), "answered 400");
        Assert.That(await App.AutomationFlowsAsync(), Is.Empty);
        await AssertNoSlotIsHeldAsync();
    }

    [Test]
    public async Task Create_WhenStoringTheFlowFails_UndoesTheAutomations_AndGivesTheSlotBack()
    {
        App.Flows.BeforeAdd = () => throw new TimeoutException("store unavailable (injected)");

        Assert.ThrowsAsync<TimeoutException>(async () => await App.CreateFlowAsync(FlowSamplesWithAutomations.Transient));

        Assert.That(await App.AutomationFlowsAsync(), Is.Empty);
        await AssertNoSlotIsHeldAsync();
    }

    [Test]
    public async Task Create_WhenTheStoreCannotTellWhetherTheFlowWasStored_KeepsItsAutomations()
    {
        App.Flows.AfterAdd = () => throw new WriteOutcomeUnknownException(new TimeoutException("commit answer lost (injected)"));

        Assert.ThrowsAsync<WriteOutcomeUnknownException>(async () => await App.CreateFlowAsync(FlowSamplesWithAutomations.Transient));

        var stored = await App.Flows.ListAsync(Organization, TriggerCriteria.None, int.MaxValue, CancellationToken.None).Select(listed => listed.Value!).ToListAsync();
        var automations = await App.AutomationFlowsAsync();
        Assert.Multiple(() =>
        {
            Assert.That(stored, Has.Count.EqualTo(1), "the write had landed");
            Assert.That(automations, Has.Count.EqualTo(3), "a stored flow never points at an undone automation");
            Assert.That(stored[0].Document.ToJsonObject()["trigger"]!["automation_id"]!.GetValue<string>(), Is.AnyOf(automations.Select(a => a["id"]!.GetValue<string>()).ToArray()));
        });
    }

    [Test]
    public async Task Create_WhenTheClientGoesAwayDuringTheCommit_StoresTheFlowWithItsAutomations()
    {
        using var request = new CancellationTokenSource();
        App.Flows.AfterAdd = () => request.CancelAsync();

        var created = await App.CreateFlow().Handle(new CreateFlowTemplateCommand(Organization, Json(FlowSamplesWithAutomations.Transient), EnforceLimits: false), request.Token);

        Assert.Multiple(async () =>
        {
            Assert.That(created.Value.Id, Is.EqualTo(Answers.Read(created.Value.Answer)["id"]!.GetValue<string>()));
            Assert.That(await App.Flows.FindAsync(Organization, new FlowTemplateId(created.Value.Id), CancellationToken.None), Is.Not.Null);
            Assert.That(await App.AutomationFlowsAsync(), Has.Count.EqualTo(3));
            Assert.That(await App.WorkflowCountAsync(), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Create_AtTheQuota_IsRefusedBeforeAnyAutomationIsCreated()
    {
        App.MaxWorkflows = 1;
        await App.CreateFlowAsync(FlowSamples.Minimal);

        var exception = Assert.ThrowsAsync<WorkflowQuotaExceededException>(async () => await App.CreateFlowAsync(FlowSamplesWithAutomations.Transient));

        Assert.That(exception!.Message, Is.EqualTo("Maximum number of workflows reached (1/1)"));
        Assert.That(App.Automations.Calls, Is.Empty);
    }

    [Test]
    public async Task Create_OverAnEnforcedSoftLimit_IsRefusedBeforeTheQuotaOrAnyAutomation()
    {
        App.FlowLimits = new FlowLimits { MaxTasks = 2 };
        App.MaxWorkflows = 1;
        var command = new CreateFlowTemplateCommand(Organization, Json(FlowSamplesWithAutomations.Transient), EnforceLimits: true);

        Assert.ThrowsAsync<FlowLimitsExceededException>(async () => await App.CreateFlow().Handle(command, CancellationToken.None));

        Assert.That(App.Automations.Calls, Is.Empty);
        await AssertNoSlotIsHeldAsync();
    }

    [Test]
    public async Task Create_OfAnInvalidDocument_TakesNoSlot_AndCallsNoAutomation()
    {
        App.MaxWorkflows = 1;

        Assert.ThrowsAsync<InvalidDocumentException>(async () => await App.CreateFlowAsync("""{"name": "", "tasks": [], "edges": []}"""));

        Assert.That(App.Automations.Calls, Is.Empty);
        await AssertNoSlotIsHeldAsync();
    }

    [Test]
    public async Task ConcurrentCreates_AtTheQuota_NeverOvershoot()
    {
        App.MaxWorkflows = 5;

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            try
            {
                await App.CreateFlowAsync($$"""{"name": "Racer {{i}}", "tasks": [], "edges": []}""");
                return "created";
            }
            catch (WorkflowQuotaExceededException)
            {
                return "refused";
            }
        }));

        Assert.Multiple(async () =>
        {
            Assert.That(outcomes.Count(o => o == "created"), Is.EqualTo(5));
            Assert.That(outcomes.Count(o => o == "refused"), Is.EqualTo(15));
            Assert.That(await App.WorkflowCountAsync(), Is.EqualTo(5));
        });
    }

    [Test]
    public async Task Create_AsADryRun_CallsNoAutomationWrite_TakesNoSlot_AndStoresNothing()
    {
        App.MaxWorkflows = 1;
        var command = new CreateFlowTemplateCommand(Organization, Json(FlowSamplesWithAutomations.Transient), EnforceLimits: false, WriteMode.DryRun);

        var answer = await App.CreateFlow().Handle(command, CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(Answers.Read(answer.Value.Answer)["trigger"]!["automation_id"]!.GetValue<string>(), Is.Not.Empty);
            Assert.That(App.Automations.Calls, Is.Empty);
            Assert.That(await App.Flows.FindAsync(Organization, new FlowTemplateId(answer.Value.Id), CancellationToken.None), Is.Null);
        });
        await AssertNoSlotIsHeldAsync();
    }

    [Test]
    public async Task Create_AsADryRun_AtTheQuota_IsRefusedAsTheCreateWouldBe()
    {
        App.MaxWorkflows = 1;
        await App.CreateFlowAsync(FlowSamples.Minimal);
        var command = new CreateFlowTemplateCommand(Organization, Json(FlowSamples.Minimal), EnforceLimits: false, WriteMode.DryRun);

        var exception = Assert.ThrowsAsync<WorkflowQuotaExceededException>(async () => await App.CreateFlow().Handle(command, CancellationToken.None));

        Assert.That(exception!.Message, Is.EqualTo("Maximum number of workflows reached (1/1)"));
    }
}
