using System.Net;
using System.Text.Json.Nodes;
using WorkflowDefinitions.Api.FunctionalTests.Controllers;
using WorkflowDefinitions.Api.FunctionalTests.Support;
using WorkflowDefinitions.TestSupport;
using static WorkflowDefinitions.Api.FunctionalTests.Support.HttpAssertions;

namespace WorkflowDefinitions.Api.FunctionalTests.Adversarial;

/// <summary>
/// Finding: nothing bounded how many tasks, edges, reasons or automations one request could ask for. Every hard cap
/// (configuration <c>HardLimits</c>, set small here) is refused with 400 naming the path, before anything is created.
/// </summary>
public class HardCapTests
{
    private const string Organization = "caps-org";

    private const int MaxJsonTokens = 5000;

    /// <summary>The tokens of <c>{"name":"Dense","tasks":[],"edges":[],"numbers":[]}</c> around the numbers.</summary>
    private const int TokensAroundNumbers = 13;

    private static ApiFactory _factory = null!;
    private static HttpClient _client = null!;

    [OneTimeSetUp]
    public static void StartService()
    {
        _factory = new ApiFactory(new Dictionary<string, string?>
        {
            ["HardLimits:MaxTasks"] = "20",
            ["HardLimits:MaxEdges"] = "30",
            ["HardLimits:MaxPhases"] = "10",
            ["HardLimits:MaxAdditionalTriggers"] = "3",
            ["HardLimits:MaxDefinitionItems"] = "6",
            ["HardLimits:MaxStringLength"] = "1000",
            ["HardLimits:MaxClosingReasonsPerWorkflow"] = "4",
            ["HardLimits:MaxClosingReasonsPerOrganization"] = "3",
            ["HardLimits:MaxBundledAutomations"] = "5",
            ["HardLimits:MaxAutomationsPerRequest"] = "2",
            ["HardLimits:MaxJsonTokens"] = $"{MaxJsonTokens}",
        });
        _client = _factory.CreateClientFor(Organization);
    }

    [OneTimeTearDown]
    public static void StopService()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    [TestCase("tasks", 21, "tasks must not have more than 20 items (it has 21)")]
    [TestCase("edges", 31, "edges must not have more than 30 items (it has 31)")]
    [TestCase("phases", 11, "phases must not have more than 10 items (it has 11)")]
    [TestCase("additional_triggers", 4, "additional_triggers must not have more than 3 items (it has 4)")]
    [TestCase("closing_reasons", 5, "closing_reasons must not have more than 4 items (it has 5)")]
    public async Task Flow_BeyondACap_Is400WithThePath_AndOnlyTheCapIsReported(string array, int count, string violation)
    {
        var flow = new JsonObject { ["name"] = "Big", ["tasks"] = new JsonArray(), ["edges"] = new JsonArray() };
        flow[array] = new JsonArray(Enumerable.Range(0, count).Select(_ => (JsonNode)new JsonObject { ["broken"] = true }).ToArray());

        foreach (var write in new[] { HttpMethod.Post, HttpMethod.Put })
        {
            var response = await _client.SendAsync(new HttpRequestMessage(write, write == HttpMethod.Post ? "/v2/flows/templates" : $"/v2/flows/templates/{await NewFlowIdAsync()}")
            {
                Content = JsonBody(flow.ToJsonString()),
            });

            var error = await response.AssertBoundedErrorAsync(HttpStatusCode.BadRequest);
            Assert.That(error["message"]!.GetValue<string>(), Is.EqualTo("Invalid request body: " + violation), "the items themselves are not read");
            Assert.That(error["errors"]![0]!["path"]!.GetValue<string>(), Is.EqualTo(array));
        }
    }

    [Test]
    public async Task Flow_AtTheCaps_IsAccepted()
    {
        var flow = FlowGenerator.Create(20);

        await _client.CreateAsync(flow.ToJsonString());
    }

    [Test]
    public async Task Definition_WithMoreSectionsAndStepsThanTheCap_Is400()
    {
        var steps = new JsonArray(Enumerable.Range(0, 5).Select(i => (JsonNode)new JsonObject { ["name"] = $"S{i}", ["order"] = i, ["type"] = "STEP" }).ToArray());
        var definition = new JsonObject
        {
            ["name"] = "Big",
            ["flow"] = new JsonArray(
                new JsonObject { ["name"] = "Section", ["order"] = 1, ["type"] = "SECTION", ["steps"] = steps },
                new JsonObject { ["name"] = "Loose", ["order"] = 2, ["type"] = "STEP" }),
        };

        var error = await (await _client.PostAsync("/v1/workflows/definitions", JsonBody(definition.ToJsonString()))).AssertBoundedErrorAsync(HttpStatusCode.BadRequest);

        Assert.That(error["message"]!.GetValue<string>(), Is.EqualTo("Invalid request body: flow must not hold more than 6 sections and steps (it holds 7)"));
    }

    [Test]
    public async Task ClosingReasonsOfADefinition_BeyondTheCap_Are400_OnCreateAndOnSet()
    {
        var reasons = new JsonArray(Enumerable.Range(0, 5).Select(i => (JsonNode)new JsonObject { ["id"] = $"r{i}" }).ToArray());
        var definition = new JsonObject { ["name"] = "Reasons", ["flow"] = new JsonArray(), ["closingReasons"] = reasons };
        await (await _client.PostAsync("/v1/workflows/definitions", JsonBody(definition.ToJsonString()))).AssertBoundedErrorAsync(HttpStatusCode.BadRequest);

        definition["closingReasons"] = new JsonArray();
        var created = await (await _client.PostAsync("/v1/workflows/definitions", JsonBody(definition.ToJsonString()))).ReadJsonAsync();
        var set = await _client.PatchAsync($"/v1/workflows/definitions/{created["id"]}/closing-reasons", JsonBody(new JsonObject { ["reasons"] = reasons.DeepClone() }.ToJsonString()));

        var error = await set.AssertBoundedErrorAsync(HttpStatusCode.BadRequest);
        Assert.That(error["message"]!.GetValue<string>(), Is.EqualTo("Invalid request body: reasons must not have more than 4 items (it has 5)"));
    }

    [TestCase("/v2/flows/templates", """{"name": "Long", "tasks": [], "edges": [], "note": "LONG"}""")]
    [TestCase("/v1/workflows/closing-reasons", """{"title": "LONG"}""")]
    [TestCase("/v2/flows/templates:search", """{"name": "LONG"}""")]
    [TestCase("/v1/workflows/definitions", """{"name": "x", "flow": [], "LONG": 1}""")]
    public async Task StringsLongerThanTheCap_Are400_InEveryBody(string route, string body)
    {
        var response = await _client.PostAsync(route, JsonBody(body.Replace("LONG", HostileText.Emoji(1001), StringComparison.Ordinal)));

        var error = await response.AssertBoundedErrorAsync(HttpStatusCode.BadRequest);
        Assert.That(error["message"]!.GetValue<string>(), Does.EndWith("longer than 1000 characters"));
    }

    [Test]
    public async Task StringsAtTheCap_AreAccepted_CountedInCodePoints()
    {
        await _client.CreateAsync($$"""{"name": "Long", "tasks": [], "edges": [], "note": "{{HostileText.Emoji(1000)}}"}""");
    }

    [Test]
    public async Task ABodyOfMoreJsonTokensThanTheCap_Is400_BeforeItIsParsed()
    {
        using var client = _factory.CreateClientFor("dense-org");

        var response = await client.PostAsync("/v2/flows/templates", JsonBody(FlowOfTokens(MaxJsonTokens + 1)));

        var error = await response.AssertBoundedErrorAsync(HttpStatusCode.BadRequest);
        Assert.That(error["message"]!.GetValue<string>(), Is.EqualTo(
            $"Invalid request body: the body holds more than {MaxJsonTokens} JSON tokens (values, property names and ends of objects and arrays)"));
        Assert.That(error["errors"]![0]!["path"]!.GetValue<string>(), Is.Empty, "the body as a whole is too dense, not one value");
        Assert.That(await client.WorkflowCountAsync(), Is.Zero);
    }

    [Test]
    public async Task ABodyOfAsManyJsonTokensAsTheCap_IsAccepted()
    {
        var created = await _client.CreateAsync(FlowOfTokens(MaxJsonTokens));

        Assert.That(created["numbers"]!.AsArray(), Has.Count.EqualTo(MaxJsonTokens - TokensAroundNumbers), "stored whole");
    }

    [TestCase("/v1/workflows/closing-reasons", """{"title": "Dense", "numbers": [NUMBERS]}""")]
    [TestCase("/v2/flows/templates:search", """{"name": "Dense", "numbers": [NUMBERS]}""")]
    [TestCase("/v1/workflows/definitions", """{"name": "Dense", "flow": [], "numbers": [NUMBERS]}""")]
    [TestCase("/v2/flows/templates/import", """{"name": "Dense", "tasks": [], "edges": [], "numbers": [NUMBERS]}""")]
    public async Task JsonTokensBeyondTheCap_Are400_InEveryBody(string route, string body)
    {
        var numbers = string.Join(",", Enumerable.Repeat("1", MaxJsonTokens));

        var response = await _client.PostAsync(route, JsonBody(body.Replace("NUMBERS", numbers, StringComparison.Ordinal)));

        var error = await response.AssertBoundedErrorAsync(HttpStatusCode.BadRequest);
        Assert.That(error["message"]!.GetValue<string>(), Does.Contain($"more than {MaxJsonTokens} JSON tokens"));
    }

    private static string FlowOfTokens(int tokens) =>
        $$"""{"name":"Dense","tasks":[],"edges":[],"numbers":[{{string.Join(",", Enumerable.Repeat("1", tokens - TokensAroundNumbers))}}]}""";

    [Test]
    public async Task ClosingReasonCatalog_IsCappedPerOrganization_AndADeleteMakesRoom()
    {
        using var client = _factory.CreateClientFor("catalog-org");
        for (var i = 0; i < 3; i++)
        {
            await (await client.PostAsync("/v1/workflows/closing-reasons", JsonBody($$"""{"id": "r{{i}}", "title": "Reason {{i}}"}"""))).AssertStatusAsync(HttpStatusCode.Created);
        }

        await (await client.PostAsync("/v1/workflows/closing-reasons", JsonBody("""{"title": "One too many"}""")))
            .AssertErrorAsync(HttpStatusCode.BadRequest, "Maximum number of closing reasons reached (3/3)");
        using var otherOrganization = _factory.CreateClientFor("catalog-other-org");
        await (await otherOrganization.PostAsync("/v1/workflows/closing-reasons", JsonBody("""{"title": "Elsewhere"}"""))).AssertStatusAsync(HttpStatusCode.Created);

        await (await client.DeleteAsync("/v2/workflows/closing-reasons/r0")).AssertStatusAsync(HttpStatusCode.NoContent);
        await (await client.PostAsync("/v1/workflows/closing-reasons", JsonBody("""{"title": "Room again"}"""))).AssertStatusAsync(HttpStatusCode.Created);
    }

    [Test]
    public async Task ClosingReasonCatalog_RacingCreatesNeverPassTheCap()
    {
        using var client = _factory.CreateClientFor("catalog-race-org");

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            client.PostAsync("/v1/workflows/closing-reasons", JsonBody($$"""{"title": "Racer {{i}}"}"""))));

        Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.Created), Is.EqualTo(3));
        Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.BadRequest), Is.EqualTo(17));
        var catalog = await (await client.GetAsync("/v1/workflows/closing-reasons")).ReadJsonAsync();
        Assert.That(catalog["reasons"]!.AsArray(), Has.Count.EqualTo(3));
    }

    [Test]
    public async Task Import_WithMoreBundledAutomationsThanTheCap_Is400_BeforeAnythingIsCreated()
    {
        using var client = _factory.CreateClientFor("bundle-org");
        var bundle = JsonNode.Parse(FlowSamples.Minimal)!.AsObject();
        bundle["_resolved_automations"] = new JsonObject(Enumerable.Range(0, 6).Select(i =>
            KeyValuePair.Create($"a{i}", (JsonNode?)JsonNode.Parse("""{"flow_name": "F", "triggers": [], "actions": []}"""))));

        var error = await (await client.PostAsync("/v2/flows/templates/import", JsonBody(bundle.ToJsonString()))).AssertBoundedErrorAsync(HttpStatusCode.BadRequest);

        Assert.That(error["message"]!.GetValue<string>(), Is.EqualTo("Invalid request body: _resolved_automations must not have more than 5 entries"));
        Assert.That(await client.WorkflowCountAsync(), Is.Zero);
    }

    [Test]
    public async Task Import_ReferringToMoreBundledAutomationsThanOneRequestMayCopy_Is400()
    {
        using var client = _factory.CreateClientFor("bundle-copies-org");
        var bundle = JsonNode.Parse(FlowSamples.Minimal)!.AsObject();
        bundle["additional_triggers"] = new JsonArray(Enumerable.Range(0, 3).Select(i => (JsonNode)new JsonObject { ["type"] = "automation", ["automation_id"] = $"a{i}" }).ToArray());
        bundle["_resolved_automations"] = new JsonObject(Enumerable.Range(0, 3).Select(i =>
            KeyValuePair.Create($"a{i}", (JsonNode?)JsonNode.Parse("""{"flow_name": "F", "triggers": [], "actions": []}"""))));

        var error = await (await client.PostAsync("/v2/flows/templates/import", JsonBody(bundle.ToJsonString()))).AssertBoundedErrorAsync(HttpStatusCode.BadRequest);

        Assert.That(error["message"]!.GetValue<string>(), Does.Contain("at most 2 are copied in one import"));
        Assert.That(await client.WorkflowCountAsync(), Is.Zero);
    }

    [Test]
    public async Task Create_AskingForMoreAutomationChangesThanTheCap_Is400_BeforeAnyCall()
    {
        using var client = _factory.CreateClientFor("fan-out-org");
        var tasks = Enumerable.Range(0, 3).Select(i => (JsonNode)new JsonObject
        {
            ["id"] = $"t{i}",
            ["name"] = $"Mail {i}",
            ["task_type"] = "AUTOMATION",
            ["automation_config"] = new JsonObject { ["action_config"] = new JsonObject { ["type"] = "send-email" } },
        }).ToArray();
        var flow = new JsonObject { ["name"] = "Fan-out", ["tasks"] = new JsonArray(tasks), ["edges"] = new JsonArray() };

        var error = await (await client.PostAsync("/v2/flows/templates", JsonBody(flow.ToJsonString()))).AssertBoundedErrorAsync(HttpStatusCode.BadRequest);

        Assert.That(error["message"]!.GetValue<string>(), Does.Contain("asks for 3 automation changes").And.Contain("at most 2"));
        Assert.That(await client.WorkflowCountAsync(), Is.Zero);
    }

    [Test]
    public async Task ExportAndDuplicate_OfAFlowReferringToMoreAutomationsThanTheCap_Are400()
    {
        using var client = _factory.CreateClientFor("references-org");
        var flow = JsonNode.Parse(FlowSamples.Minimal)!.AsObject();
        flow["additional_triggers"] = new JsonArray(Enumerable.Range(0, 3).Select(i => (JsonNode)new JsonObject { ["type"] = "automation", ["automation_id"] = $"a{i}" }).ToArray());
        var created = await client.CreateAsync(flow.ToJsonString());

        var export = await (await client.GetAsync($"/v2/flows/templates/{created.Id()}/export")).AssertBoundedErrorAsync(HttpStatusCode.BadRequest);
        var duplicate = await (await client.PostAsync($"/v2/flows/templates/{created.Id()}/duplicate", null)).AssertBoundedErrorAsync(HttpStatusCode.BadRequest);

        Assert.That(export["message"]!.GetValue<string>(), Is.EqualTo("The flow refers to 3 automations; an export looks up at most 2"));
        Assert.That(duplicate["message"]!.GetValue<string>(), Is.EqualTo("The flow refers to 3 automations; a duplicate clones at most 2"));
        Assert.That(await client.WorkflowCountAsync(), Is.EqualTo(1), "the duplicate gave its slot back");
    }

    private static async Task<string> NewFlowIdAsync() => (await _client.CreateAsync(FlowSamples.Minimal)).Id();
}
