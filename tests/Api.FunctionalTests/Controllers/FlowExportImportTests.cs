using System.Net;
using System.Text.Json.Nodes;
using WorkflowDefinitions.Api.FunctionalTests.Support;
using WorkflowDefinitions.TestSupport;
using static WorkflowDefinitions.Api.FunctionalTests.Support.HttpAssertions;

namespace WorkflowDefinitions.Api.FunctionalTests.Controllers;

/// <summary>
/// Contract checklist rows 16-17: exportFlowTemplate and importFlowTemplate (§6.2, §6.3, D48, D49), on the embedded
/// automation store and against the Automation API with injected faults.
/// </summary>
public class FlowExportImportTests
{
    private const string Import = "/v2/flows/templates/import";
    private const string TriggerAutomation = """{"flow_name": "Portable trigger", "triggers": [{"type": "entity_operation"}], "actions": [{"type": "trigger-workflow", "config": {"target_workflow": "FLOW_ID"}}]}""";
    private const string MailAutomation = """{"flow_name": "Mail", "triggers": [{"type": "flows_trigger"}], "actions": [{"type": "send-email", "x_action": {"deep": [1.50]}}]}""";

    private ApiFactory _factory = null!;
    private string _source = null!;
    private string _target = null!;
    private HttpClient _sourceClient = null!;
    private HttpClient _targetClient = null!;

    [OneTimeSetUp]
    public void StartService() => _factory = new ApiFactory(new Dictionary<string, string?> { ["WorkflowLimits:PerOrg:full-org"] = "0" });

    [OneTimeTearDown]
    public void StopService() => _factory.Dispose();

    [SetUp]
    public void UseFreshOrganizations()
    {
        _source = Guid.NewGuid().ToString("N");
        _target = Guid.NewGuid().ToString("N");
        _sourceClient = _factory.CreateClientFor(_source);
        _targetClient = _factory.CreateClientFor(_target);
    }

    [TearDown]
    public void DisposeClients()
    {
        _sourceClient.Dispose();
        _targetClient.Dispose();
    }

    // Row 16: exportFlowTemplate

    [Test]
    public async Task Export_BundlesEveryReferencedAutomation_AndNullForOnesThatCannotBeResolved()
    {
        var (flow, triggerId, mailId) = await CreatePortableFlowAsync(_factory, _sourceClient, _source);

        var response = await _sourceClient.GetAsync($"/v2/flows/templates/{flow.Id()}/export");

        await response.AssertStatusAsync(HttpStatusCode.OK);
        var export = (await response.ReadJsonAsync()).AsObject();
        var resolved = export["_resolved_automations"]!.AsObject();
        var stored = await _sourceClient.GetFlowAsync(flow.Id());
        stored.Remove("limit_warnings");
        export.Remove("_resolved_automations");
        Assert.Multiple(async () =>
        {
            Assert.That(resolved.Select(p => p.Key), Is.EqualTo(new[] { triggerId, "auto-journey", mailId }));
            Assert.That(resolved[triggerId]!.ToJsonString(), Is.EqualTo((await _factory.EmbeddedFlowAsync(_source, triggerId))!.ToJsonString()));
            Assert.That(resolved[mailId]!["actions"]![0]!["x_action"]!.ToJsonString(), Is.EqualTo("""{"deep":[1.50]}"""));
            Assert.That(resolved["auto-journey"], Is.Null, "an automation this organization cannot see is null");
            Assert.That(export.ToJsonString(), Is.EqualTo(stored.ToJsonString()), "the flow as stored, without limit_warnings");
        });
    }

    [Test]
    public async Task Export_OfAFlowWithoutAutomations_HasAnEmptyBundle()
    {
        var flow = await _sourceClient.CreateAsync(FlowSamples.Minimal);

        var export = await _sourceClient.GetAsync($"/v2/flows/templates/{flow.Id()}/export");

        await export.AssertStatusAsync(HttpStatusCode.OK);
        Assert.That((await export.ReadJsonAsync())["_resolved_automations"]!.ToJsonString(), Is.EqualTo("{}"));
    }

    [Test]
    public async Task Export_OfAnUnknownForeignOrInvalidId_Answers404()
    {
        var theirs = await _targetClient.CreateAsync(FlowSamples.Minimal);

        foreach (var id in new[] { "7hj28akg", theirs.Id(), "x.y" })
        {
            var response = await _sourceClient.GetAsync($"/v2/flows/templates/{id}/export");

            await response.AssertErrorAsync(HttpStatusCode.NotFound, $"Flow template with id '{id}' not found");
        }
    }

    [Test]
    public async Task Export_WhenTheAutomationApiFailsOrRefuses_Answers500_AndWhenItHidesAnAutomation_BundlesNull()
    {
        await using var api = await FakeAutomationApi.StartAsync();
        using var factory = new ApiFactory(new Dictionary<string, string?>
        {
            ["Automation:BaseUrl"] = api.BaseAddress.ToString(),
            ["Automation:TimeoutSeconds"] = "2",
        });
        using var client = factory.CreateClientFor("export-api-org");
        var mail = api.Seed("export-api-org", JsonNode.Parse(MailAutomation)!.AsObject());
        var flow = await client.CreateAsync(FlowSamples.CustomerOnboarding.Replace("automation_456", mail["id"]!.GetValue<string>(), StringComparison.Ordinal));

        api.Fault = request => request.Method == "GET" ? HttpStatusCode.ServiceUnavailable : null;
        var failed = await client.GetAsync($"/v2/flows/templates/{flow.Id()}/export");
        api.Fault = request => request.Method == "GET" ? HttpStatusCode.Unauthorized : null;
        var refused = await client.GetAsync($"/v2/flows/templates/{flow.Id()}/export");
        api.Fault = request => request.Method == "GET" ? HttpStatusCode.Forbidden : null;
        var hidden = await client.GetAsync($"/v2/flows/templates/{flow.Id()}/export");
        api.Reset();
        var resolved = await client.GetAsync($"/v2/flows/templates/{flow.Id()}/export");

        await failed.AssertErrorAsync(HttpStatusCode.InternalServerError, "Internal server error");
        await refused.AssertErrorAsync(HttpStatusCode.InternalServerError, "Internal server error");
        await hidden.AssertStatusAsync(HttpStatusCode.OK);
        await resolved.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Multiple(async () =>
        {
            Assert.That((await hidden.ReadJsonAsync())["_resolved_automations"]!.ToJsonString(), Is.EqualTo($$"""{"{{mail["id"]}}":null}"""));
            Assert.That((await resolved.ReadJsonAsync())["_resolved_automations"]![mail["id"]!.GetValue<string>()]!["flow_name"]!.GetValue<string>(), Is.EqualTo("Mail"));
        });
    }

    // Row 17: importFlowTemplate

    [Test]
    public async Task ExportThenImportIntoAnotherOrganization_GivesAnEqualFlowWithFreshIdsAndItsOwnAutomations()
    {
        var (flow, triggerId, mailId) = await CreatePortableFlowAsync(_factory, _sourceClient, _source);
        var export = await (await _sourceClient.GetAsync($"/v2/flows/templates/{flow.Id()}/export")).Content.ReadAsStringAsync();

        var response = await _targetClient.PostAsync(Import, JsonBody(export));

        await response.AssertStatusAsync(HttpStatusCode.Created);
        var result = (await response.ReadJsonAsync()).AsObject();
        var imported = result["flow"]!.AsObject();
        var mappings = result["_id_mappings"]!.AsObject();
        var taskIds = mappings["task_ids"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>());
        var automationIds = mappings["automation_ids"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>());
        var copiedTrigger = await _factory.EmbeddedFlowAsync(_target, automationIds[triggerId]);
        var copiedMail = await _factory.EmbeddedFlowAsync(_target, automationIds[mailId]);
        Assert.Multiple(async () =>
        {
            Assert.That(response.Headers.Location?.AbsolutePath, Is.EqualTo($"/v2/flows/templates/{imported.Id()}"));
            Assert.That(imported.Id(), Is.Not.EqualTo(flow.Id()).And.Match("^[0-9a-z]{8}$"));
            Assert.That(imported["org_id"]!.GetValue<string>(), Is.EqualTo(_target));
            Assert.That(imported["limit_warnings"]!.ToJsonString(), Is.EqualTo("[]"));
            Assert.That(mappings["flow_id"]!.ToJsonString(), Is.EqualTo($$"""{"old":"{{flow.Id()}}","new":"{{imported.Id()}}"}"""));
            Assert.That(taskIds.Keys, Is.EqualTo(new[] { "collect", "mail", "check", "done" }));
            Assert.That(taskIds.Values, Has.All.Match("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"));
            Assert.That(automationIds.Keys, Is.EquivalentTo(new[] { triggerId, mailId }), "auto-journey could not be resolved: no mapping");
            Assert.That(copiedTrigger!["org_id"]!.GetValue<string>(), Is.EqualTo(_target));
            Assert.That(copiedTrigger["actions"]![0]!["config"]!["target_workflow"]!.GetValue<string>(), Is.EqualTo(imported.Id()));
            Assert.That(copiedMail!["actions"]!.ToJsonString(), Is.EqualTo("""[{"type":"send-email","x_action":{"deep":[1.50]}}]"""));
            Assert.That(JsonNode.DeepEquals(Renamed(imported, taskIds, automationIds, imported.Id(), flow.Id()), FlowApi.WithoutServerFields(flow)), Is.True,
                imported.ToJsonString());
            Assert.That(imported["tasks"]![2]!["schedule"]!["reference"]!["id"]!.GetValue<string>(), Is.EqualTo(imported.Id()));
            Assert.That(imported["additional_triggers"]![0]!["automation_id"]!.GetValue<string>(), Is.EqualTo("auto-journey"));
            Assert.That((await _targetClient.GetFlowAsync(imported.Id())).ToJsonString(), Is.EqualTo(imported.ToJsonString()));
            Assert.That((await _factory.EmbeddedFlowAsync(_source, triggerId))!["actions"]![0]!["config"]!["target_workflow"]!.GetValue<string>(),
                Is.EqualTo(flow.Id()), "the source's automation is untouched");
        });
    }

    [Test]
    public async Task ImportingTheSameBundleTwice_GivesTwoIndependentFlows()
    {
        var (flow, triggerId, _) = await CreatePortableFlowAsync(_factory, _sourceClient, _source);
        var export = await (await _sourceClient.GetAsync($"/v2/flows/templates/{flow.Id()}/export")).Content.ReadAsStringAsync();

        var first = await ImportAsync(_targetClient, export);
        var second = await ImportAsync(_targetClient, export);

        Assert.Multiple(async () =>
        {
            Assert.That(second["flow"]!.AsObject().Id(), Is.Not.EqualTo(first["flow"]!.AsObject().Id()));
            Assert.That(second["_id_mappings"]!["task_ids"]!["collect"]!.GetValue<string>(),
                Is.Not.EqualTo(first["_id_mappings"]!["task_ids"]!["collect"]!.GetValue<string>()));
            Assert.That(second["_id_mappings"]!["automation_ids"]![triggerId]!.GetValue<string>(),
                Is.Not.EqualTo(first["_id_mappings"]!["automation_ids"]![triggerId]!.GetValue<string>()));
            Assert.That(await _targetClient.WorkflowCountAsync(), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task Import_OfAFlowWithoutAnId_MapsFromNull()
    {
        var result = await ImportAsync(_targetClient, FlowSamples.Minimal);

        Assert.Multiple(() =>
        {
            Assert.That(result["_id_mappings"]!["flow_id"]!["old"], Is.Null);
            Assert.That(result["_id_mappings"]!["automation_ids"]!.ToJsonString(), Is.EqualTo("{}"));
            Assert.That(result["flow"]!["name"]!.GetValue<string>(), Is.EqualTo("Minimal flow"));
        });
    }

    [TestCase("""{"_resolved_automations": {"a1": "x"}}""", "Invalid request body: _resolved_automations['a1'] must be null or an automation flow object")]
    [TestCase("""{"_resolved_automations": {"a1": {"flow_name": "F", "triggers": []}}}""", "Invalid request body: _resolved_automations['a1'].actions is required")]
    [TestCase("""{"name": "x"}""", "Invalid request body: name must have at least 3 characters and not only whitespace")]
    [TestCase("""{"edges": [{"id": "e1", "from_id": "t1", "to_id": "nowhere"}]}""",
        "Invalid request body: edges[0].to_id 'nowhere' does not reference an existing task (edge 'e1')")]
    public async Task Import_OfABadBundle_Answers400AndLeavesNothingBehind(string patch, string message)
    {
        var bundle = JsonNode.Parse(FlowSamples.Minimal)!.AsObject();
        bundle["_resolved_automations"] = JsonNode.Parse($$"""{"a0": {{MailAutomation}}}""");
        foreach (var (name, value) in JsonNode.Parse(patch)!.AsObject())
        {
            bundle[name] = value?.DeepClone();
        }

        var response = await _targetClient.PostAsync(Import, JsonBody(bundle.ToJsonString()));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, message);
        await AssertNothingStoredAsync(_target);
    }

    [Test]
    public async Task Import_OverTheQuota_Answers400AndCreatesNoAutomation()
    {
        using var client = _factory.CreateClientFor("full-org");
        var bundle = JsonNode.Parse(FlowSamples.Minimal)!.AsObject();
        bundle["_resolved_automations"] = JsonNode.Parse($$"""{"a0": {{MailAutomation}}}""");

        var response = await client.PostAsync(Import, JsonBody(bundle.ToJsonString()));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "Maximum number of workflows reached (0/0)");
        await AssertNothingStoredAsync("full-org");
    }

    [Test]
    public async Task Import_WhenTheAutomationApiRejectsAnAutomation_Answers400WithItsMessage()
    {
        await using var api = await FakeAutomationApi.StartAsync();
        using var factory = new ApiFactory(new Dictionary<string, string?> { ["Automation:BaseUrl"] = api.BaseAddress.ToString() });
        using var client = factory.CreateClientFor("import-rejected-org");
        var bundle = ReferringTo("a1", "a2");
        bundle["_resolved_automations"] = JsonNode.Parse($$"""{"a1": {{MailAutomation}}, "a2": {{MailAutomation}}}""");
        api.Fault = request => request.Method == "POST" && request.CreateNumber == 2 ? HttpStatusCode.UnprocessableEntity : null;

        var response = await client.PostAsync(Import, JsonBody(bundle.ToJsonString()));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "Automation API rejected the request (422): injected 422");
        Assert.Multiple(async () =>
        {
            Assert.That(api.FlowsOf("import-rejected-org"), Is.Empty);
            Assert.That(await client.WorkflowCountAsync(), Is.Zero);
        });
    }

    [Test]
    public async Task Import_CopiesOnlyTheBundledAutomationsTheFlowRefersTo()
    {
        var bundle = ReferringTo("a1");
        bundle["_resolved_automations"] = JsonNode.Parse($$"""{"a1": {{MailAutomation}}, "unused": {{MailAutomation}}}""");

        var result = await ImportAsync(_targetClient, bundle.ToJsonString());

        var copies = result["_id_mappings"]!["automation_ids"]!.AsObject();
        Assert.That(copies.Select(p => p.Key), Is.EqualTo(new[] { "a1" }));
        Assert.That(await _factory.EmbeddedFlowAsync(_target, copies["a1"]!.GetValue<string>()), Is.Not.Null);
    }

    /// <summary>The Minimal sample with automation triggers on each of <paramref name="automationIds"/>.</summary>
    private static JsonObject ReferringTo(params string[] automationIds)
    {
        var bundle = JsonNode.Parse(FlowSamples.Minimal)!.AsObject();
        bundle["additional_triggers"] = new JsonArray(automationIds.Select(id => (JsonNode)new JsonObject { ["type"] = "automation", ["automation_id"] = id }).ToArray());
        return bundle;
    }

    /// <summary>
    /// The Portable sample in <paramref name="organization"/>: its trigger and mail task on real automations of the
    /// embedded store (the trigger's aimed at the flow), its journey trigger on one that does not exist there.
    /// </summary>
    private static async Task<(JsonObject Flow, string TriggerId, string MailId)> CreatePortableFlowAsync(ApiFactory factory, HttpClient client, string organization)
    {
        var mailId = await factory.CreateEmbeddedFlowAsync(organization, MailAutomation);
        var flow = await client.CreateAsync(FlowSamples.Portable.Replace("auto-mail", mailId, StringComparison.Ordinal).Replace("auto-trigger", "pending", StringComparison.Ordinal));
        var triggerId = await factory.CreateEmbeddedFlowAsync(organization, TriggerAutomation.Replace("FLOW_ID", flow.Id(), StringComparison.Ordinal));
        var body = FlowApi.WithoutServerFields(flow);
        body["trigger"]!["automation_id"] = triggerId;
        body["tasks"]![2]!["schedule"]!["reference"]!["id"] = flow.Id();
        var updated = await client.PutAsync($"/v2/flows/templates/{flow.Id()}", JsonBody(body.ToJsonString()));
        await updated.AssertStatusAsync(HttpStatusCode.OK);
        return ((await updated.ReadJsonAsync()).AsObject(), triggerId, mailId);
    }

    private static async Task<JsonObject> ImportAsync(HttpClient client, string bundle)
    {
        var response = await client.PostAsync(Import, JsonBody(bundle));
        await response.AssertStatusAsync(HttpStatusCode.Created);
        return (await response.ReadJsonAsync()).AsObject();
    }

    /// <summary>The imported flow with every new id put back to the one it replaced, minus server fields.</summary>
    private static JsonObject Renamed(
        JsonObject imported, Dictionary<string, string> taskIds, Dictionary<string, string> automationIds, string newFlowId, string oldFlowId)
    {
        var text = FlowApi.WithoutServerFields(imported).ToJsonString();
        foreach (var (oldId, newId) in taskIds.Concat(automationIds).Append(KeyValuePair.Create(oldFlowId, newFlowId)))
        {
            text = text.Replace($"\"{newId}\"", $"\"{oldId}\"", StringComparison.Ordinal);
        }

        return JsonNode.Parse(text)!.AsObject();
    }

    private async Task AssertNothingStoredAsync(string organization)
    {
        using var client = _factory.CreateClientFor(organization);
        var flows = await (await client.GetAsync("/v2/flows/templates")).ReadJsonAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(flows["results"]!.AsArray(), Is.Empty);
            Assert.That(await client.WorkflowCountAsync(), Is.Zero);
            Assert.That(await EmbeddedFlowCountAsync(organization), Is.Zero);
        });
    }

    private async Task<long> EmbeddedFlowCountAsync(string organization)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_factory.DatabasePath}");
        await connection.OpenAsync();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM automation_flows WHERE organization_id = $organization";
        command.Parameters.AddWithValue("$organization", organization);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
