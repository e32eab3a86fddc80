using System.Text.Json;
using WorkflowDefinitions.Application.FlowTemplates.GetFlowTemplate;
using WorkflowDefinitions.Domain.Common;
using WorkflowDefinitions.Domain.FlowTemplates;
using WorkflowDefinitions.Domain.Organizations;
using WorkflowDefinitions.TestSupport;

namespace WorkflowDefinitions.Application.UnitTests.FlowTemplates;

public sealed class LimitWarningsCacheTests
{
    private readonly LimitWarningsCache _cache = new(new FlowLimits { MaxTasks = 2 });

    [Test]
    public void TheWarningsOfARevision_AreComputedOnce_AndANewRevisionIsComputedAgain()
    {
        var first = _cache.Of(Flow(tasks: 3, revision: 7));
        var again = _cache.Of(Flow(tasks: 3, revision: 7));
        var next = _cache.Of(Flow(tasks: 5, revision: 8));
        var otherFlow = _cache.Of(Flow(tasks: 4, revision: 7, id: "other"));

        Assert.Multiple(() =>
        {
            Assert.That(again, Is.SameAs(first));
            Assert.That(first.Single().Current, Is.EqualTo(3));
            Assert.That(next.Single().Current, Is.EqualTo(5));
            Assert.That(otherFlow.Single().Current, Is.EqualTo(4));
        });
    }

    private static FlowTemplate Flow(int tasks, long revision, string id = "flow-1") => FlowTemplate.Restore(
        new OrganizationId("org-1"), new FlowTemplateId(id),
        FlowDocument.Parse(JsonDocument.Parse(FlowGenerator.Create(tasks).ToJsonString()).RootElement, HardLimits.Default).WithoutTransientFields(),
        DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, revision);
}
