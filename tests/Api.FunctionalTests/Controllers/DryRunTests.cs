using System.Net;
using System.Text.Json.Nodes;
using WorkflowDefinitions.Api.FunctionalTests.Support;
using WorkflowDefinitions.TestSupport;
using static WorkflowDefinitions.Api.FunctionalTests.Support.HttpAssertions;

namespace WorkflowDefinitions.Api.FunctionalTests.Controllers;

/// <summary>
/// <c>?dry_run=true</c> on the six writes, on each store: the status and body the write would answer, and afterwards
/// nothing stored — lists, <c>getMaxAllowedLimit</c> and the automation store are as they were.
/// </summary>
[TestFixture(Store.Sqlite)]
[TestFixture(Store.Mongo)]
public class DryRunTests(Store store)
{
    private const string TransientFlow = """
        {"name": "Order flow",
         "trigger": {"type": "automation", "trigger_config": [{"type": "entity_operation", "configuration": {"schema": "order"}}]},
         "tasks": [{"id": "mail", "name": "Send", "task_type": "AUTOMATION", "automation_config": {"action_config": {"type": "send-email"}}}],
         "edges": []}
        """;

    private ApiFactory _factory = null!;
    private HttpClient _client = null!;
    private string _organization = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _factory = await Stores.StartAsync(store, new Dictionary<string, string?> { ["WorkflowLimits:DefaultMaxAllowed"] = "3" });

    [OneTimeTearDown]
    public void Stop() => _factory?.Dispose();

    [SetUp]
    public void UseAFreshOrganization()
    {
        _organization = Guid.NewGuid().ToString("N");
        _client = _factory.CreateClientFor(_organization);
    }

    [TearDown]
    public void DisposeClient() => _client.Dispose();

    [Test]
    public async Task CreateFlow_AnswersWhatTheCreateWould_AndLeavesNothing()
    {
        var dry = await _client.PostAsync("/v2/flows/templates?dry_run=true", JsonBody(TransientFlow));
        var dryFlow = (await dry.ReadJsonAsync()).AsObject();
        var stateAfterDryRun = await StateAsync();
        var real = await _client.CreateAsync(TransientFlow);

        await dry.AssertStatusAsync(HttpStatusCode.Created);
        Assert.Multiple(async () =>
        {
            Assert.That(stateAfterDryRun, Is.EqualTo((0, "[]", "[]")), "no flow, no slot");
            Assert.That(Comparable(dryFlow), Is.EqualTo(Comparable(real)));
            Assert.That(dry.Headers.Location?.ToString(), Does.EndWith($"/v2/flows/templates/{dryFlow.Id()}"));
            Assert.That(dry.Headers.ETag, Is.Not.Null);
            Assert.That(await _factory.EmbeddedFlowAsync(_organization, dryFlow["trigger"]!["automation_id"]!.GetValue<string>()), Is.Null);
            Assert.That(await _factory.EmbeddedFlowAsync(_organization, dryFlow["tasks"]![0]!["automation_config"]!["flow_id"]!.GetValue<string>()), Is.Null);
        });
    }

    [Test]
    public async Task UpdateFlow_AnswersWhatTheUpdateWould_AndChangesNeitherTheFlowNorItsAutomations()
    {
        var created = await _client.CreateAsync(TransientFlow);
        var triggerId = created["trigger"]!["automation_id"]!.GetValue<string>();
        var automationBefore = (await _factory.EmbeddedFlowAsync(_organization, triggerId))!.ToJsonString();
        var body = FlowApi.WithoutServerFields(created);
        body["name"] = "Renamed";
        body["trigger"]!["trigger_config"] = JsonNode.Parse("""[{"type": "activity"}]""");
        var path = $"/v2/flows/templates/{created.Id()}";

        var dry = await _client.PutAsync(path + "?dry_run=true", JsonBody(body.ToJsonString()));

        await dry.AssertStatusAsync(HttpStatusCode.OK);
        var answered = (await dry.ReadJsonAsync()).AsObject();
        Assert.Multiple(async () =>
        {
            Assert.That(answered["name"]!.GetValue<string>(), Is.EqualTo("Renamed"));
            Assert.That(answered["updated_at"]!.GetValue<string>(), Is.Not.EqualTo(created["updated_at"]!.GetValue<string>()));
            Assert.That((await _client.GetFlowAsync(created.Id())).ToJsonString(), Is.EqualTo(created.ToJsonString()));
            Assert.That((await _factory.EmbeddedFlowAsync(_organization, triggerId))!.ToJsonString(), Is.EqualTo(automationBefore));
        });
    }

    [Test]
    public async Task UpdateFlow_DryRun_KeepsTheChecks_StaleUpdatedAtIs409_StaleTagIs412()
    {
        var created = await _client.CreateAsync(FlowSamples.Minimal);
        var stale = FlowApi.WithoutServerFields(created);
        stale["updated_at"] = "2020-01-01T00:00:00.000Z";
        var path = $"/v2/flows/templates/{created.Id()}?dry_run=true";
        using var withStaleTag = new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonBody(FlowSamples.Minimal) };
        withStaleTag.Headers.TryAddWithoutValidation("If-Match", "\"0\"");

        await (await _client.PutAsync(path, JsonBody(stale.ToJsonString()))).AssertErrorAsync(HttpStatusCode.Conflict);
        await (await _client.SendAsync(withStaleTag)).AssertErrorAsync(HttpStatusCode.PreconditionFailed);
        await (await _client.PutAsync(path, JsonBody("""{"name": ""}"""))).AssertErrorAsync(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task DuplicateAndImport_AnswerWhatTheWriteWould_AndLeaveNothing()
    {
        var automationId = await _factory.CreateEmbeddedFlowAsync(_organization, """{"flow_name": "Mail", "triggers": [], "actions": [{"type": "send-email"}]}""");
        var source = await _client.CreateAsync($$$"""
            {"name": "Source", "tasks": [{"id": "a", "name": "A", "task_type": "AUTOMATION", "automation_config": {"flow_id": "{{{automationId}}}"}}], "edges": []}
            """);
        var export = await (await _client.GetAsync($"/v2/flows/templates/{source.Id()}/export")).ReadJsonAsync();
        var before = await StateAsync();

        var duplicate = await _client.PostAsync($"/v2/flows/templates/{source.Id()}/duplicate?dry_run=true", null);
        var import = await _client.PostAsync("/v2/flows/templates/import?dry_run=true", JsonBody(export.ToJsonString()));

        await duplicate.AssertStatusAsync(HttpStatusCode.Created);
        await import.AssertStatusAsync(HttpStatusCode.Created);
        var copy = (await duplicate.ReadJsonAsync()).AsObject();
        var imported = (await import.ReadJsonAsync()).AsObject();
        Assert.Multiple(async () =>
        {
            Assert.That(copy["name"]!.GetValue<string>(), Is.EqualTo("Source (Copy)"));
            Assert.That(imported["_id_mappings"]!["automation_ids"]!.AsObject().Select(p => p.Key), Is.EqualTo(new[] { automationId }));
            Assert.That(await StateAsync(), Is.EqualTo(before));
            Assert.That(await _factory.EmbeddedFlowAsync(_organization, copy["tasks"]![0]!["automation_config"]!["flow_id"]!.GetValue<string>()), Is.Null);
            Assert.That(await _factory.EmbeddedFlowAsync(_organization, imported["_id_mappings"]!["automation_ids"]![automationId]!.GetValue<string>()), Is.Null);
        });
    }

    [Test]
    public async Task CreateAndUpdateDefinition_AnswerWhatTheWriteWould_AndLeaveNothing()
    {
        var dryCreate = await _client.PostAsync("/v1/workflows/definitions?dry_run=true", JsonBody(DefinitionApi.Named("Dry")));
        var afterDryCreate = await StateAsync();
        var created = await _client.CreateDefinitionAsync(DefinitionApi.Named("Real"));
        var dryUpdate = await _client.PutAsync($"/v1/workflows/definitions/{created.Id()}?dry_run=true", JsonBody(DefinitionApi.Named("Changed")));

        await dryCreate.AssertStatusAsync(HttpStatusCode.Created);
        await dryUpdate.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Multiple(async () =>
        {
            Assert.That((await dryCreate.ReadJsonAsync())["name"]!.GetValue<string>(), Is.EqualTo("Dry"));
            Assert.That(afterDryCreate, Is.EqualTo((0, "[]", "[]")));
            Assert.That((await dryUpdate.ReadJsonAsync())["name"]!.GetValue<string>(), Is.EqualTo("Changed"));
            Assert.That((await _client.GetDefinitionAsync(created.Id())).ToJsonString(), Is.EqualTo(created.ToJsonString()));
        });
    }

    [Test]
    public async Task Creates_AtAFullQuota_AreRefusedInADryRunToo_AndADryRunTakesNoSlot()
    {
        for (var i = 0; i < 2; i++)
        {
            await _client.CreateAsync(FlowApi.Named($"Filler {i}"));
        }

        var dryRuns = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => _client.PostAsync("/v2/flows/templates?dry_run=true", JsonBody(FlowSamples.Minimal))));
        await _client.CreateAsync(FlowApi.Named("Last slot"));
        var overTheQuota = await _client.PostAsync("/v1/workflows/definitions?dry_run=true", JsonBody(DefinitionApi.Named("One too many")));

        Assert.That(dryRuns.Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.Created), "dry runs take no slot from each other");
        await overTheQuota.AssertErrorAsync(HttpStatusCode.BadRequest, "Maximum number of workflows reached (3/3)");
    }

    [TestCase("maybe")]
    [TestCase("1")]
    public async Task DryRun_ThatIsNotABoolean_Answers400(string value)
    {
        var response = await _client.PostAsync($"/v2/flows/templates?dry_run={value}", JsonBody(FlowSamples.Minimal));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest);
        Assert.That(await _client.WorkflowCountAsync(), Is.Zero);
    }

    /// <summary>How many workflows the quota counts, the flows listed and the definitions listed.</summary>
    private async Task<(int Workflows, string Flows, string Definitions)> StateAsync() => (
        await _client.WorkflowCountAsync(),
        (await (await _client.GetAsync("/v2/flows/templates")).ReadJsonAsync())["results"]!.ToJsonString(),
        (await (await _client.GetAsync("/v1/workflows/definitions")).ReadJsonAsync()).ToJsonString());

    /// <summary>A flow answer without what differs between two creates of the same body: ids and times.</summary>
    private static string Comparable(JsonObject flow)
    {
        var copy = (JsonObject)flow.DeepClone();
        foreach (var name in new[] { "id", "created_at", "updated_at" })
        {
            copy.Remove(name);
        }

        copy["trigger"]!["automation_id"] = "<automation>";
        copy["tasks"]![0]!["automation_config"]!["flow_id"] = "<automation>";
        return copy.ToJsonString();
    }
}
