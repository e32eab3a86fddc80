using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.FlowTemplates.DeleteFlowTemplate;
using WorkflowDefinitions.Application.UnitTests.Common;
using WorkflowDefinitions.TestSupport;
using static WorkflowDefinitions.Application.UnitTests.Common.UseCases;

namespace WorkflowDefinitions.Application.UnitTests.FlowTemplates;

public class DeleteFlowTemplateCommandHandlerTests : UseCaseTest
{
    [Test]
    public async Task Delete_RemovesTheFlow_AndFreesItsSlot()
    {
        App.MaxWorkflows = 1;
        var flow = await App.CreateFlowAsync(FlowSamples.Minimal);

        await App.DeleteFlow().Handle(new DeleteFlowTemplateCommand(Organization, flow["id"]!.GetValue<string>()), CancellationToken.None);

        Assert.That(await App.WorkflowCountAsync(), Is.Zero);
        Assert.That(await App.CreateFlowAsync(FlowSamples.Minimal), Is.Not.Null, "the freed slot is usable");
    }

    [TestCase("missing")]
    [TestCase("not a valid id")]
    public void Delete_OfAMissingOrInvalidId_IsNotFound(string id) =>
        Assert.ThrowsAsync<NotFoundException>(async () =>
            await App.DeleteFlow().Handle(new DeleteFlowTemplateCommand(Organization, id), CancellationToken.None));
}
