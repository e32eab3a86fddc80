using System.Net;
using System.Text.Json.Nodes;
using WorkflowDefinitions.Api.FunctionalTests.Support;
using WorkflowDefinitions.TestSupport;
using static WorkflowDefinitions.Api.FunctionalTests.Support.HttpAssertions;

namespace WorkflowDefinitions.Api.FunctionalTests.Controllers;

/// <summary>
/// <c>POST /v2/flows/templates:validate</c> and <c>POST /v1/workflows/definitions:validate</c>: always 200 for a JSON
/// object, with exactly the errors the matching create answers in its 400, and nothing stored.
/// </summary>
[TestFixture(Store.Sqlite)]
[TestFixture(Store.Mongo)]
public class ValidateTests(Store store)
{
    private const string FlowValidate = "/v2/flows/templates:validate";
    private const string DefinitionValidate = "/v1/workflows/definitions:validate";

    private ApiFactory _factory = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _factory = await Stores.StartAsync(store);

    [OneTimeTearDown]
    public void Stop() => _factory?.Dispose();

    [SetUp]
    public void UseAFreshOrganization() => _client = _factory.CreateClientFor(Guid.NewGuid().ToString("N"));

    [TearDown]
    public void DisposeClient() => _client.Dispose();

    public static IEnumerable<string> InvalidFlows()
    {
        yield return "{}";
        yield return """{"name": "ab", "tasks": "no", "edges": []}""";
        yield return """{"name": "Broken", "tasks": [{"id": "a", "name": "A", "task_type": "NOPE"}], "edges": [{"from_id": "zz"}]}""";
        yield return """{"name": "Cycle", "tasks": [{"id": "a", "name": "A", "task_type": "MANUAL"}, {"id": "b", "name": "B", "task_type": "MANUAL"}], "edges": [{"id": "1", "from_id": "a", "to_id": "b"}, {"id": "2", "from_id": "b", "to_id": "a"}]}""";
        var many = JsonNode.Parse(FlowApi.Named("Many problems"))!.AsObject();
        many["tasks"] = new JsonArray([.. Enumerable.Range(0, 80).Select(i => (JsonNode)new JsonObject { ["id"] = $"t{i}", ["task_type"] = "MANUAL" })]);
        yield return many.ToJsonString();
    }

    [TestCaseSource(nameof(InvalidFlows))]
    public async Task ValidateFlow_ListsExactlyTheErrorsOfCreatesAnswer_AndStoresNothing(string body)
    {
        var created = await _client.PostAsync("/v2/flows/templates", JsonBody(body));
        var validated = await _client.PostAsync(FlowValidate, JsonBody(body));

        var refusal = await created.AssertErrorAsync(HttpStatusCode.BadRequest);
        await validated.AssertStatusAsync(HttpStatusCode.OK);
        var report = (await validated.ReadJsonAsync()).AsObject();
        Assert.Multiple(async () =>
        {
            Assert.That(report["valid"]!.GetValue<bool>(), Is.False);
            Assert.That(report["errors"]!.ToJsonString(), Is.EqualTo(refusal["errors"]!.ToJsonString()));
            Assert.That(report["limit_warnings"]!.AsArray(), Is.Empty);
            Assert.That(await _client.WorkflowCountAsync(), Is.Zero);
        });
    }

    [Test]
    public async Task ValidateFlow_OfAValidFlow_IsValid_WithItsLimitWarnings_AndStoresNothing()
    {
        var body = JsonNode.Parse(FlowSamples.Minimal)!.AsObject();
        body["tasks"] = new JsonArray([.. Enumerable.Range(0, 101).Select(i => (JsonNode)new JsonObject { ["id"] = $"t{i}", ["name"] = $"T{i}", ["task_type"] = "MANUAL" })]);
        body["edges"] = new JsonArray();
        body.Remove("phases");

        var report = await ValidateAsync(FlowValidate, body.ToJsonString());
        var created = await _client.CreateAsync(body.ToJsonString());

        Assert.Multiple(async () =>
        {
            Assert.That(report["valid"]!.GetValue<bool>(), Is.True);
            Assert.That(report["errors"]!.AsArray(), Is.Empty);
            Assert.That(report["limit_warnings"]!.ToJsonString(), Is.EqualTo(created["limit_warnings"]!.ToJsonString()));
            Assert.That(await _client.WorkflowCountAsync(), Is.EqualTo(1), "only the create stored a flow");
        });
    }

    [Test]
    public async Task ValidateFlow_WithEnforcedLimits_ReportsTheExceededLimitsAsErrors_AsCreateRefusesThem()
    {
        var body = JsonNode.Parse(FlowApi.Named("Over the limit"))!.AsObject();
        body["tasks"] = new JsonArray([.. Enumerable.Range(0, 101).Select(i => (JsonNode)new JsonObject { ["id"] = $"t{i}", ["name"] = $"T{i}", ["task_type"] = "MANUAL" })]);

        var report = await ValidateAsync(FlowValidate + "?enforce_limits=true", body.ToJsonString());
        var refusal = await (await _client.PostAsync("/v2/flows/templates?enforce_limits=true", JsonBody(body.ToJsonString()))).AssertErrorAsync(HttpStatusCode.BadRequest);

        Assert.Multiple(() =>
        {
            Assert.That(report["valid"]!.GetValue<bool>(), Is.False);
            Assert.That(report["errors"]!.ToJsonString(), Is.EqualTo("""[{"path":"tasks","message":"The flow has 101 tasks (max 100)"}]"""));
            Assert.That(refusal["message"]!.GetValue<string>(), Is.EqualTo("Flow exceeds its limits: The flow has 101 tasks (max 100)"));
            Assert.That(report["limit_warnings"]!.ToJsonString(), Is.EqualTo(refusal["limit_warnings"]!.ToJsonString()));
        });
    }

    public static IEnumerable<string> InvalidDefinitions()
    {
        yield return "{}";
        yield return """{"name": "x", "flow": [{"type": "STEP"}]}""";
        yield return """{"name": "x", "flow": "no"}""";
        yield return """{"name": "", "flow": [{"type": "SECTION", "name": "s", "order": 1, "steps": [{"type": "SECTION", "name": "nested", "order": 1, "steps": []}]}]}""";
    }

    [TestCaseSource(nameof(InvalidDefinitions))]
    public async Task ValidateDefinition_ListsExactlyTheErrorsOfCreatesAnswer(string body)
    {
        var refusal = await (await _client.PostAsync("/v1/workflows/definitions", JsonBody(body))).AssertErrorAsync(HttpStatusCode.BadRequest);

        var report = await ValidateAsync(DefinitionValidate, body);

        Assert.Multiple(() =>
        {
            Assert.That(report["valid"]!.GetValue<bool>(), Is.False);
            Assert.That(report["errors"]!.ToJsonString(), Is.EqualTo(refusal["errors"]!.ToJsonString()));
            Assert.That(report.ContainsKey("limit_warnings"), Is.False);
        });
    }

    [Test]
    public async Task ValidateDefinition_OfAValidDefinition_IsValid_AndStoresNothing()
    {
        var report = await ValidateAsync(DefinitionValidate, DefinitionApi.Named("Fine"));

        Assert.That(report.ToJsonString(), Is.EqualTo("""{"valid":true,"errors":[]}"""));
        Assert.That(await _client.WorkflowCountAsync(), Is.Zero);
    }

    [TestCase(FlowValidate, "/v2/flows/templates", "{")]
    [TestCase(FlowValidate, "/v2/flows/templates", "[]")]
    [TestCase(FlowValidate, "/v2/flows/templates", "")]
    [TestCase(DefinitionValidate, "/v1/workflows/definitions", "{\"name\": 1,}")]
    [TestCase(DefinitionValidate, "/v1/workflows/definitions", "\"text\"")]
    public async Task Validate_OfABodyThatIsNotAJsonObject_AnswersAsCreateDoes(string validate, string create, string body)
    {
        var validated = await _client.PostAsync(validate, JsonBody(body));
        var created = await _client.PostAsync(create, JsonBody(body));

        Assert.That(validated.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await validated.Content.ReadAsStringAsync(), Is.EqualTo(await created.Content.ReadAsStringAsync()));
    }

    [TestCase(FlowValidate)]
    [TestCase(DefinitionValidate)]
    public async Task Validate_OfABodyThatIsNotJson_Answers415(string path)
    {
        var response = await _client.PostAsync(path, new StringContent("name", System.Text.Encoding.UTF8, "text/plain"));

        await response.AssertErrorAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Test]
    public async Task ValidateFlow_WithTransientFields_CreatesNoAutomation_AndIgnoresAFullQuota()
    {
        using var factory = await Stores.StartAsync(store, new Dictionary<string, string?> { ["WorkflowLimits:DefaultMaxAllowed"] = "0" });
        using var full = factory.CreateClientFor("full-org");
        const string Body = """
            {"name": "Transient", "trigger": {"type": "automation", "trigger_config": [{"type": "entity_operation"}]}, "tasks": [], "edges": []}
            """;

        var report = await (await full.PostAsync(FlowValidate, JsonBody(Body))).ReadJsonAsync();

        Assert.That(report["valid"]!.GetValue<bool>(), Is.True);
    }

    private async Task<JsonObject> ValidateAsync(string path, string body)
    {
        var response = await _client.PostAsync(path, JsonBody(body));
        await response.AssertStatusAsync(HttpStatusCode.OK);
        return (await response.ReadJsonAsync()).AsObject();
    }
}
