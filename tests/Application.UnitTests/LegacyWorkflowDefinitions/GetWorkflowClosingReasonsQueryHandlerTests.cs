using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.LegacyWorkflowDefinitions.CreateDefinition;
using WorkflowDefinitions.Application.LegacyWorkflowDefinitions.GetWorkflowClosingReasons;
using WorkflowDefinitions.Application.UnitTests.Common;
using static WorkflowDefinitions.Application.UnitTests.Common.UseCases;

namespace WorkflowDefinitions.Application.UnitTests.LegacyWorkflowDefinitions;

public class GetWorkflowClosingReasonsQueryHandlerTests : UseCaseTest
{
    [Test]
    public async Task Get_ListsTheDefinitionsClosingReasonsAsStored()
    {
        var definition = (await App.CreateDefinition().Handle(
            new CreateDefinitionCommand(Organization, Json("""{"name": "d", "flow": [], "closingReasons": [{"id": "r2"}, {"id": "r1", "x": 1}]}""")),
            CancellationToken.None)).Value;

        var reasons = await Handler().Handle(new GetWorkflowClosingReasonsQuery(Organization, definition["id"]!.GetValue<string>()), CancellationToken.None);

        Assert.That(reasons.ToJsonString(), Is.EqualTo("""{"reasons":[{"id":"r2"},{"id":"r1","x":1}]}"""));
    }

    [TestCase("missing")]
    [TestCase("not a valid id")]
    public void Get_OfAMissingOrInvalidId_IsNotFound(string id) =>
        Assert.ThrowsAsync<NotFoundException>(async () =>
            await Handler().Handle(new GetWorkflowClosingReasonsQuery(Organization, id), CancellationToken.None));

    private GetWorkflowClosingReasonsQueryHandler Handler() => new(App.Definitions);
}
