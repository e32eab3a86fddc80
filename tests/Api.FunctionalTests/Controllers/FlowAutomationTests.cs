using System.Net;
using System.Text.Json.Nodes;
using WorkflowDefinitions.Api.FunctionalTests.Support;
using WorkflowDefinitions.TestSupport;
using static WorkflowDefinitions.Api.FunctionalTests.Support.HttpAssertions;

namespace WorkflowDefinitions.Api.FunctionalTests.Controllers;

/// <summary>Transient automation fields (§3.6) and duplicate's cloning (§6.1), on the embedded store and the Automation API.</summary>
public class FlowAutomationTests
{
    private const string TransientFlow = """
        {"name": "Order flow",
         "trigger": {"type": "automation", "trigger_config": [{"type": "entity_operation", "configuration": {"schema": "order"}}]},
         "tasks": [{"id": "mail", "name": "Send confirmation", "task_type": "AUTOMATION", "automation_config": {"action_config": {"type": "send-email", "config": {"template": "t1"}}}},
                   {"id": "sms", "name": "Send SMS", "task_type": "AUTOMATION", "automation_config": {"action_config": {"type": "send-sms"}}},
                   {"id": "done", "name": "Done", "task_type": "MANUAL"}],
         "edges": [{"id": "e1", "from_id": "mail", "to_id": "sms"}, {"id": "e2", "from_id": "sms", "to_id": "done"}]}
        """;

    [Test]
    public async Task Create_WithTransientFields_CreatesTheAutomations_AndStoresOnlyTheirIds()
    {
        using var factory = new ApiFactory();
        const string Organization = "transient-org";
        using var client = factory.CreateClientFor(Organization);

        var created = await client.CreateAsync(TransientFlow);

        var triggerAutomation = created["trigger"]!["automation_id"]!.GetValue<string>();
        var mailAutomation = created["tasks"]![0]!["automation_config"]!["flow_id"]!.GetValue<string>();
        var triggerFlow = (await factory.EmbeddedFlowAsync(Organization, triggerAutomation))!;
        var mailFlow = (await factory.EmbeddedFlowAsync(Organization, mailAutomation))!;
        Assert.Multiple(async () =>
        {
            Assert.That(created["trigger"]!.AsObject().ContainsKey("trigger_config"), Is.False);
            Assert.That(created["tasks"]![0]!["automation_config"]!.AsObject().Select(p => p.Key), Is.EqualTo(new[] { "flow_id" }));
            Assert.That(triggerFlow["flow_name"]!.GetValue<string>(), Is.EqualTo("Order flow trigger"));
            Assert.That(triggerFlow["triggers"]!.ToJsonString(), Is.EqualTo("""[{"type":"entity_operation","configuration":{"schema":"order"}}]"""));
            Assert.That(triggerFlow["actions"]!.ToJsonString(), Is.EqualTo($$$"""[{"type":"trigger-workflow","config":{"target_workflow":"{{{created.Id()}}}"}}]"""));
            Assert.That(mailFlow["flow_name"]!.GetValue<string>(), Is.EqualTo("Send confirmation"));
            Assert.That(mailFlow["actions"]!.ToJsonString(), Is.EqualTo("""[{"type":"send-email","config":{"template":"t1"}}]"""));
            Assert.That((await client.GetFlowAsync(created.Id())).ToJsonString(), Is.EqualTo(created.ToJsonString()));
        });
    }

    [Test]
    public async Task Update_WithTransientFieldsOnExistingAutomations_ReplacesThem()
    {
        using var factory = new ApiFactory();
        const string Organization = "transient-update-org";
        using var client = factory.CreateClientFor(Organization);
        var created = await client.CreateAsync(TransientFlow);
        var body = FlowApi.WithoutServerFields(created);
        body["trigger"]!["trigger_config"] = JsonNode.Parse("""[{"type": "activity"}]""");
        body["tasks"]![0]!["automation_config"]!["action_config"] = JsonNode.Parse("""{"type": "send-email", "config": {"template": "t2"}}""");

        var response = await client.PutAsync($"/v2/flows/templates/{created.Id()}", JsonBody(body.ToJsonString()));

        await response.AssertStatusAsync(HttpStatusCode.OK);
        var updated = await response.ReadJsonAsync();
        var triggerFlow = (await factory.EmbeddedFlowAsync(Organization, created["trigger"]!["automation_id"]!.GetValue<string>()))!;
        var mailFlow = (await factory.EmbeddedFlowAsync(Organization, created["tasks"]![0]!["automation_config"]!["flow_id"]!.GetValue<string>()))!;
        Assert.Multiple(() =>
        {
            Assert.That(updated["trigger"]!["automation_id"]!.ToJsonString(), Is.EqualTo(created["trigger"]!["automation_id"]!.ToJsonString()));
            Assert.That(triggerFlow["triggers"]!.ToJsonString(), Is.EqualTo("""[{"type":"activity"}]"""));
            Assert.That(triggerFlow["actions"]![0]!["type"]!.GetValue<string>(), Is.EqualTo("trigger-workflow"), "only the triggers are replaced");
            Assert.That(mailFlow["actions"]!.ToJsonString(), Is.EqualTo("""[{"type":"send-email","config":{"template":"t2"}}]"""));
        });
    }

    [Test]
    public async Task Create_WithDuplicatedFlowId_ClonesThatAutomation()
    {
        using var factory = new ApiFactory();
        const string Organization = "clone-org";
        using var client = factory.CreateClientFor(Organization);
        var source = await factory.CreateEmbeddedFlowAsync(Organization, """{"flow_name": "Shared mail", "triggers": [], "actions": [{"type": "send-email"}]}""");

        var created = await client.CreateAsync($$$"""
            {"name": "Copy task", "tasks": [{"id": "a", "name": "Mail", "task_type": "AUTOMATION", "automation_config": {"duplicated_flow_id": "{{{source}}}", "flow_id": "ignored"}}], "edges": []}
            """);

        var flowId = created["tasks"]![0]!["automation_config"]!["flow_id"]!.GetValue<string>();
        Assert.Multiple(async () =>
        {
            Assert.That(flowId, Is.Not.EqualTo(source).And.Not.EqualTo("ignored"));
            Assert.That((await factory.EmbeddedFlowAsync(Organization, flowId))!["flow_name"]!.GetValue<string>(), Is.EqualTo("Shared mail"));
            Assert.That(created["tasks"]![0]!["automation_config"]!.AsObject().ContainsKey("duplicated_flow_id"), Is.False);
        });
    }

    [Test]
    public async Task Create_WithAnUnknownDuplicatedFlowId_Answers400AndStoresNothing()
    {
        using var factory = new ApiFactory();
        using var client = factory.CreateClientFor("clone-missing-org");

        var response = await client.PostAsync("/v2/flows/templates", JsonBody("""
            {"name": "Copy task", "tasks": [{"id": "a", "name": "Mail", "task_type": "AUTOMATION", "automation_config": {"duplicated_flow_id": "missing"}}], "edges": []}
            """));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "Automation flow 'missing' to duplicate was not found");
        Assert.That(await client.WorkflowCountAsync(), Is.Zero);
    }

    [Test]
    public async Task Duplicate_ClonesReferencedAutomations_AndPointsTheCopyAtThem()
    {
        using var factory = new ApiFactory();
        const string Organization = "duplicate-org";
        using var client = factory.CreateClientFor(Organization);
        var source = await client.CreateAsync("""
            {"name": "Source", "trigger": {"type": "automation", "trigger_config": [{"type": "entity_operation"}]},
             "tasks": [{"id": "a", "name": "Mail", "task_type": "AUTOMATION", "automation_config": {"action_config": {"type": "send-email"}}},
                       {"id": "b", "name": "Legacy", "task_type": "AUTOMATION", "automation_config": {"flow_id": "not-visible-to-this-org"},
                        "schedule": {"mode": "relative", "direction": "after", "duration": 1, "unit": "days", "reference": {"id": "SOURCE_ID", "origin": "flow_started"}}}],
             "edges": []}
            """.Replace("SOURCE_ID", "placeholder", StringComparison.Ordinal));
        var withSelfReference = FlowApi.WithoutServerFields(source);
        withSelfReference["tasks"]![1]!["schedule"]!["reference"]!["id"] = source.Id();
        await (await client.PutAsync($"/v2/flows/templates/{source.Id()}", JsonBody(withSelfReference.ToJsonString()))).AssertStatusAsync(HttpStatusCode.OK);

        var response = await client.PostAsync($"/v2/flows/templates/{source.Id()}/duplicate", null);

        await response.AssertStatusAsync(HttpStatusCode.Created);
        var copy = await response.ReadJsonAsync();
        var sourceTrigger = source["trigger"]!["automation_id"]!.GetValue<string>();
        var copyTrigger = copy["trigger"]!["automation_id"]!.GetValue<string>();
        var copyMail = copy["tasks"]![0]!["automation_config"]!["flow_id"]!.GetValue<string>();
        var clonedTrigger = (await factory.EmbeddedFlowAsync(Organization, copyTrigger))!;
        Assert.Multiple(async () =>
        {
            Assert.That(copyTrigger, Is.Not.EqualTo(sourceTrigger));
            Assert.That(copyMail, Is.Not.EqualTo(source["tasks"]![0]!["automation_config"]!["flow_id"]!.GetValue<string>()));
            Assert.That(clonedTrigger["actions"]![0]!["config"]!["target_workflow"]!.GetValue<string>(), Is.EqualTo(copy["id"]!.GetValue<string>()));
            Assert.That((await factory.EmbeddedFlowAsync(Organization, sourceTrigger))!["actions"]![0]!["config"]!["target_workflow"]!.GetValue<string>(),
                Is.EqualTo(source.Id()), "the source's automation is untouched");
            Assert.That(copy["tasks"]![1]!["automation_config"]!["flow_id"]!.GetValue<string>(), Is.EqualTo("not-visible-to-this-org"));
            Assert.That(copy["tasks"]![1]!["schedule"]!["reference"]!["id"]!.GetValue<string>(), Is.EqualTo(copy["id"]!.GetValue<string>()));
        });
    }

    [Test]
    public async Task AutomationApiFailingOnTheSecondCreate_Answers500_AndLeavesNothingBehind()
    {
        await using var api = await FakeAutomationApi.StartAsync();
        using var factory = new ApiFactory(new Dictionary<string, string?> { ["Automation:BaseUrl"] = api.BaseAddress.ToString() });
        using var client = factory.CreateClientFor("failing-api-org");
        api.Fault = request => request.Method == "POST" && request.CreateNumber == 2 ? HttpStatusCode.InternalServerError : null;

        var response = await client.PostAsync("/v2/flows/templates", JsonBody(TransientFlow));

        await response.AssertErrorAsync(HttpStatusCode.InternalServerError, "Internal server error");
        Assert.Multiple(async () =>
        {
            Assert.That(api.FlowsOf("failing-api-org"), Is.Empty, "the automation created first was deleted again");
            Assert.That(api.Requests.Count(r => r.Method == "DELETE"), Is.EqualTo(1));
            Assert.That(await client.WorkflowCountAsync(), Is.Zero);
            Assert.That((await (await client.GetAsync("/v2/flows/templates")).ReadJsonAsync())["results"]!.AsArray(), Is.Empty);
        });

        api.Reset();
        var retried = await client.CreateAsync(TransientFlow);
        Assert.That(api.FlowsOf("failing-api-org"), Has.Count.EqualTo(3), "the quota slot was given back: the retry succeeds");
        Assert.That(api.Requests.All(r => r.Authorization.StartsWith("Bearer ", StringComparison.Ordinal)), Is.True);
        Assert.That(retried["trigger"]!["automation_id"]!.GetValue<string>(), Is.Not.Empty);
    }

    [Test]
    public async Task AutomationApiRejectingAConfig_Answers400WithItsMessage()
    {
        await using var api = await FakeAutomationApi.StartAsync();
        using var factory = new ApiFactory(new Dictionary<string, string?> { ["Automation:BaseUrl"] = api.BaseAddress.ToString() });
        using var client = factory.CreateClientFor("rejecting-api-org");
        api.Fault = request => request.Method == "POST" && request.CreateNumber == 3 ? HttpStatusCode.UnprocessableEntity : null;

        var response = await client.PostAsync("/v2/flows/templates", JsonBody(TransientFlow));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "Automation API rejected the request (422): injected 422");
        Assert.That(api.FlowsOf("rejecting-api-org"), Is.Empty);
    }
}
