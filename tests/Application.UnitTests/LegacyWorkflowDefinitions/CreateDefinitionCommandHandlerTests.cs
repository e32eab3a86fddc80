using System.Text.Json.Nodes;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.LegacyWorkflowDefinitions.CreateDefinition;
using WorkflowDefinitions.Application.LegacyWorkflowDefinitions.DeleteDefinition;
using WorkflowDefinitions.Application.UnitTests.Common;
using WorkflowDefinitions.Application.Workflows;
using WorkflowDefinitions.Domain.Common;
using WorkflowDefinitions.TestSupport;
using static WorkflowDefinitions.Application.UnitTests.Common.UseCases;

namespace WorkflowDefinitions.Application.UnitTests.LegacyWorkflowDefinitions;

public class CreateDefinitionCommandHandlerTests : UseCaseTest
{
    private const string Definition = """{"name": "Lead", "flow": [{"type": "STEP", "name": "Call", "order": 1}]}""";

    [Test]
    public async Task Create_SharesTheQuotaWithFlows_AndDeleteFreesTheSlot()
    {
        App.MaxWorkflows = 2;
        await App.CreateFlowAsync(FlowSamples.Minimal);
        var definition = await CreateAsync(Definition);

        Assert.ThrowsAsync<WorkflowQuotaExceededException>(async () => await App.CreateFlowAsync(FlowSamples.Minimal));
        await App.DeleteDefinition().Handle(new DeleteDefinitionCommand(Organization, definition["id"]!.GetValue<string>()), CancellationToken.None);
        Assert.That(await App.CreateFlowAsync(FlowSamples.Minimal), Is.Not.Null);
    }

    [Test]
    public async Task Create_OfAnInvalidDefinition_TakesNoSlot()
    {
        Assert.ThrowsAsync<InvalidDocumentException>(async () => await CreateAsync("""{"name": "x", "flow": [{"type": "STEP"}]}"""));

        await AssertNoSlotIsHeldAsync();
    }

    [Test]
    public async Task Create_WhenStoringFails_GivesTheSlotBack()
    {
        App.Definitions.NextAddFails = new TimeoutException("store unavailable (injected)");

        Assert.ThrowsAsync<TimeoutException>(async () => await CreateAsync(Definition));

        await AssertNoSlotIsHeldAsync();
    }

    [Test]
    public async Task ConcurrentDefinitionAndFlowCreates_AtTheQuota_NeverOvershoot_AndGetDistinctIds()
    {
        App.MaxWorkflows = 6;

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 24).Select(async i =>
        {
            try
            {
                var created = i % 2 == 0 ? await CreateAsync(Definition) : await App.CreateFlowAsync(FlowSamples.Minimal);
                return created["id"]!.GetValue<string>();
            }
            catch (WorkflowQuotaExceededException)
            {
                return null;
            }
        }));

        Assert.Multiple(async () =>
        {
            Assert.That(outcomes.OfType<string>().ToList(), Has.Count.EqualTo(6).And.Unique);
            Assert.That(await App.WorkflowCountAsync(), Is.EqualTo(6));
        });
    }

    [TestCase("missing")]
    [TestCase("not a valid id")]
    public void Delete_OfAMissingOrInvalidId_IsNotFound(string id) =>
        Assert.ThrowsAsync<NotFoundException>(async () =>
            await App.DeleteDefinition().Handle(new DeleteDefinitionCommand(Organization, id), CancellationToken.None));

    private async Task<JsonObject> CreateAsync(string body) =>
        (await App.CreateDefinition().Handle(new CreateDefinitionCommand(Organization, Json(body)), CancellationToken.None)).Value;
}
