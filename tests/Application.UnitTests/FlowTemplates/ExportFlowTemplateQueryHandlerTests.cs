using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowDefinitions.Application.Automations;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.FlowTemplates.ExportFlowTemplate;
using WorkflowDefinitions.Application.UnitTests.Common;
using WorkflowDefinitions.Domain.Common;
using static WorkflowDefinitions.Application.UnitTests.Common.UseCases;

namespace WorkflowDefinitions.Application.UnitTests.FlowTemplates;

public class ExportFlowTemplateQueryHandlerTests : UseCaseTest
{
    [Test]
    public async Task Export_BundlesEveryReferencedAutomation_AndNullForOnesTheApiDoesNotShow()
    {
        var automation = await App.Automations.CreateFlowAsync(Organization, JsonNode.Parse(FlowSamplesWithAutomations.Automation())!.AsObject(), CancellationToken.None);
        var visible = automation["id"]!.GetValue<string>();
        var flow = await App.CreateFlowAsync(FlowSamplesWithAutomations.Referring(visible, "hidden"));

        var export = await ExportAsync(flow["id"]!.GetValue<string>());

        var bundled = export["_resolved_automations"]!.AsObject();
        Assert.Multiple(() =>
        {
            Assert.That(bundled.Select(p => p.Key), Is.EqualTo(new[] { visible, "hidden" }));
            Assert.That(bundled[visible]!["flow_name"]!.GetValue<string>(), Is.EqualTo("Mail"));
            Assert.That(bundled["hidden"], Is.Null);
            Assert.That(export.ContainsKey("limit_warnings"), Is.False);
        });
    }

    [Test]
    public async Task Export_WhenTheAutomationApiFailsOrRefuses_FailsAsAServerError()
    {
        var flow = await App.CreateFlowAsync(FlowSamplesWithAutomations.Referring("a1"));

        App.Automations.Fault = _ => ScriptedAutomationClient.Outage();
        Assert.ThrowsAsync<AutomationUnavailableException>(async () => await ExportAsync(flow["id"]!.GetValue<string>()));

        App.Automations.Fault = _ => ScriptedAutomationClient.Rejection();
        var refused = Assert.ThrowsAsync<AutomationUnavailableException>(async () => await ExportAsync(flow["id"]!.GetValue<string>()));
        Assert.That(refused!.Message, Does.StartWith("The Automation API refused to return automation flow 'a1'"));
    }

    [Test]
    public async Task Export_OfAFlowReferringToMoreAutomationsThanARequestMayLookUp_IsRefusedBeforeAnyCall()
    {
        var flow = await App.CreateFlowAsync(FlowSamplesWithAutomations.Referring("a1", "a2", "a3"));
        App.Caps = HardLimits.Default with { MaxAutomationsPerRequest = 2 };

        Assert.ThrowsAsync<TooManyAutomationsException>(async () => await ExportAsync(flow["id"]!.GetValue<string>()));

        Assert.That(App.Automations.Calls, Is.Empty);
    }

    [TestCase("missing")]
    [TestCase("not a valid id")]
    public void Export_OfAMissingOrInvalidId_IsNotFound(string id) =>
        Assert.ThrowsAsync<NotFoundException>(async () => await ExportAsync(id));

    private async Task<JsonObject> ExportAsync(string id)
    {
        var export = await App.ExportFlow().Handle(new ExportFlowTemplateQuery(Organization, id), CancellationToken.None);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            export.WriteTo(writer);
        }

        return JsonNode.Parse(stream.ToArray())!.AsObject();
    }
}
