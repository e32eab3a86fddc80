using System.Net;
using System.Text.Json.Nodes;
using WorkflowDefinitions.Api.FunctionalTests.Support;
using WorkflowDefinitions.TestSupport;
using static WorkflowDefinitions.Api.FunctionalTests.Support.HttpAssertions;

namespace WorkflowDefinitions.Api.FunctionalTests.Adversarial;

/// <summary>
/// Finding: a rejected value was echoed whole in the 400 (600 KB back for 600 KB sent) and run through a backtracking
/// regex for the metrics. Every field a refusal quotes, filled with hostile text: the answer is the right 4xx, under
/// 16 KiB, and quotes at most 64 characters of the value, followed by "…".
/// </summary>
public class HostileEchoTests
{
    private const int HostileLength = 50_000;

    private static ApiFactory _factory = null!;
    private static HttpClient _client = null!;

    [OneTimeSetUp]
    public static void StartService()
    {
        _factory = new ApiFactory();
        _client = _factory.CreateClientFor("hostile-echo-org");
    }

    [OneTimeTearDown]
    public static void StopService()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    public static IEnumerable<TestCaseData> FlowFields()
    {
        var fields = new (string Name, Func<string, JsonObject> Flow)[]
        {
            ("tasks[].phase_id", h => Flow(tasks: [Task("t1", phase: h), Task("t2")])),
            ("due_date_config.task_id", h => Flow(extra: new JsonObject { ["due_date_config"] = new JsonObject { ["duration"] = 1, ["unit"] = "days", ["type"] = "TASK_FINISHED", ["task_id"] = h } })),
            ("edges[].to_id", h => Flow(edges: [Edge("e1", "t1", h)])),
            ("edges[].from_id", h => Flow(edges: [Edge("e1", h, "t2")])),
            ("edges[].id (duplicated)", h => Flow(edges: [Edge(h, "t1", "t2"), Edge(h, "t2", "t1")])),
            ("tasks[].id (duplicated)", h => Flow(tasks: [Task(h), Task(h)], edges: [])),
            ("tasks[].requirements[].task_id", h => Flow(tasks: [Task("t1"), Task("t2", requirement: h)])),
            ("input_context.task_id", h => Flow(tasks: [Task("t1"), Automation("t2", inputFrom: h)])),
            ("entity_sync filter", h => Flow(extra: new JsonObject { ["entity_sync"] = new JsonArray(EntitySync(h)) })),
            ("trigger id equal to a task id", h => Flow(tasks: [Task(h), Task("t2")], edges: [], extra: new JsonObject { ["trigger"] = new JsonObject { ["id"] = h, ["type"] = "manual" } })),
            ("closing_reasons[].id (duplicated)", h => Flow(extra: new JsonObject { ["closing_reasons"] = new JsonArray(new JsonObject { ["id"] = h }, new JsonObject { ["id"] = h }) })),
            ("requirement cycle", h => Flow(tasks: [Task(h + "a", requirement: h + "b"), Task(h + "b", requirement: h + "a")], edges: [])),
        };
        foreach (var (name, flow) in fields)
        {
            foreach (var (kind, text) in HostileText.All(HostileLength))
            {
                yield return new TestCaseData(flow(text).ToJsonString()).SetArgDisplayNames(name, kind);
            }
        }
    }

    [TestCaseSource(nameof(FlowFields))]
    public async Task CreateFlowTemplate_QuotesCut(string body)
    {
        var error = await (await _client.PostAsync("/v2/flows/templates", JsonBody(body))).AssertBoundedErrorAsync(HttpStatusCode.BadRequest);

        AssertCut(error);
    }

    [Test]
    public async Task CreateDefinition_QuotesCut()
    {
        var hostile = HostileText.Mixed(HostileLength);
        var definition = new JsonObject
        {
            ["name"] = "Hostile",
            ["flow"] = new JsonArray(new JsonObject
            {
                ["id"] = hostile,
                ["name"] = "Step",
                ["order"] = 1,
                ["type"] = "STEP",
                ["requirements"] = new JsonArray(new JsonObject { ["definitionId"] = hostile + "x", ["type"] = "STEP", ["condition"] = "CLOSED" }),
                ["dynamicDueDate"] = new JsonObject { ["numberOfUnits"] = 1, ["timePeriod"] = "days", ["actionTypeCondition"] = "STEP_CLOSED", ["stepId"] = hostile + "y" },
            }),
            ["closingReasons"] = new JsonArray(new JsonObject { ["id"] = hostile }, new JsonObject { ["id"] = hostile }),
        };

        var error = await (await _client.PostAsync("/v1/workflows/definitions", JsonBody(definition.ToJsonString()))).AssertBoundedErrorAsync(HttpStatusCode.BadRequest);

        AssertCut(error);
        Assert.That(error["errors"]!.AsArray(), Has.Count.EqualTo(3));
    }

    [Test]
    public async Task ImportFlowTemplate_QuotesTheBundleKeyCut()
    {
        var bundle = JsonNode.Parse(FlowSamples.Minimal)!.AsObject();
        bundle["_resolved_automations"] = new JsonObject { [HostileText.Mixed(HostileLength)] = "not a flow" };

        var error = await (await _client.PostAsync("/v2/flows/templates/import", JsonBody(bundle.ToJsonString()))).AssertBoundedErrorAsync(HttpStatusCode.BadRequest);

        AssertCut(error);
    }

    [Test]
    public async Task DuplicatedFlowId_ThatDoesNotExist_IsQuotedCut()
    {
        var flow = Flow(tasks: [Task("t1"), Automation("t2", inputFrom: "t1")]);
        flow["tasks"]![1]!["automation_config"]!["duplicated_flow_id"] = HostileText.Mixed(HostileLength);

        var error = await (await _client.PostAsync("/v2/flows/templates", JsonBody(flow.ToJsonString()))).AssertBoundedErrorAsync(HttpStatusCode.BadRequest);

        Assert.That(error["message"]!.GetValue<string>(), Does.Contain("…").And.Length.LessThan(200));
    }

    [TestCase("/v2/flows/templates/{0}", "DELETE")]
    [TestCase("/v2/flows/templates/{0}/export", "GET")]
    [TestCase("/v1/workflows/definitions/{0}", "DELETE")]
    [TestCase("/v1/workflows/definitions/{0}/closing-reasons", "GET")]
    [TestCase("/v2/workflows/closing-reasons/{0}", "DELETE")]
    public async Task UnknownLongPathId_IsNotFound_QuotedCut(string route, string method)
    {
        var id = new string('x', 6000);

        var error = await (await _client.SendAsync(new HttpRequestMessage(new HttpMethod(method), string.Format(route, id))))
            .AssertBoundedErrorAsync(HttpStatusCode.NotFound);

        Assert.That(error["message"]!.GetValue<string>(), Does.Contain(new string('x', 128) + "…").And.Length.LessThan(200));
    }

    [Test]
    public async Task QueryValue_ThatIsNotABoolean_IsQuotedCut()
    {
        var error = await (await _client.GetAsync($"/v1/workflows/closing-reasons?includeInactive={new string('y', 6000)}"))
            .AssertBoundedErrorAsync(HttpStatusCode.BadRequest);

        AssertCut(error);
    }

    [Test]
    public async Task RepeatedPropertyName_IsNamedCut()
    {
        var name = HostileText.Emoji(HostileLength);
        var body = $$"""{"name": "x", "tasks": [], "edges": [], "{{name}}": 1, "{{name}}": 2}""";

        var error = await (await _client.PostAsync("/v2/flows/templates", JsonBody(body))).AssertBoundedErrorAsync(HttpStatusCode.BadRequest);

        AssertCut(error);
    }

    [Test]
    public async Task DeepNesting_UnderLongNames_IsNamedCut()
    {
        var name = HostileText.Emoji(1000);
        var body = "{\"name\": \"x\", \"tasks\": [], \"edges\": []" + string.Concat(Enumerable.Repeat($", \"{name}\": {{\"a\": 1", 70)) + new string('}', 70) + "}";

        var error = await (await _client.PostAsync("/v2/flows/templates", JsonBody(body))).AssertBoundedErrorAsync(HttpStatusCode.BadRequest);

        Assert.That(error["message"]!.GetValue<string>(), Does.Contain("nests deeper than 64 levels"));
    }

    [Test]
    public async Task EnforcedLimits_OnHostileNames_AreQuotedCut()
    {
        var name = HostileText.Mixed(5_000);
        var tasks = Enumerable.Range(0, 150).Select(i => (JsonNode)new JsonObject { ["id"] = $"t{i}", ["name"] = name + i, ["task_type"] = "MANUAL" }).ToArray();
        var flow = new JsonObject { ["name"] = "Many", ["tasks"] = new JsonArray(tasks), ["edges"] = new JsonArray() };

        var error = await (await _client.PostAsync("/v2/flows/templates?enforce_limits=true", JsonBody(flow.ToJsonString())))
            .AssertBoundedErrorAsync(HttpStatusCode.BadRequest);

        Assert.That(error["limit_warnings"]!.AsArray(), Is.Not.Empty);
    }

    /// <summary>Every text of the error is short: values are quoted with at most 64 characters.</summary>
    private static void AssertCut(JsonObject error)
    {
        var texts = ErrorBodyAssertions.Texts(error).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(texts, Has.Some.Contains("…"), error.ToJsonString());
            Assert.That(texts.Skip(1), Has.All.Length.LessThan(400), error.ToJsonString());
        });
    }

    private static JsonObject Flow(JsonNode[]? tasks = null, JsonNode[]? edges = null, JsonObject? extra = null)
    {
        var flow = new JsonObject
        {
            ["name"] = "Hostile",
            ["phases"] = new JsonArray(new JsonObject { ["id"] = "p1", ["name"] = "Phase" }),
            ["tasks"] = new JsonArray(tasks ?? [Task("t1"), Task("t2")]),
            ["edges"] = new JsonArray(edges ?? [Edge("e1", "t1", "t2")]),
        };
        foreach (var (name, value) in extra ?? [])
        {
            flow[name] = value?.DeepClone();
        }

        return flow;
    }

    private static JsonObject Task(string id, string? phase = null, string? requirement = null)
    {
        var task = new JsonObject { ["id"] = id, ["name"] = "Task", ["task_type"] = "MANUAL" };
        if (phase is not null)
        {
            task["phase_id"] = phase;
        }

        if (requirement is not null)
        {
            task["requirements"] = new JsonArray(new JsonObject { ["when"] = "TASK_FINISHED", ["task_id"] = requirement });
        }

        return task;
    }

    private static JsonObject Automation(string id, string inputFrom) => new()
    {
        ["id"] = id,
        ["name"] = "Automation",
        ["task_type"] = "AUTOMATION",
        ["automation_config"] = new JsonObject { ["flow_id"] = "a1", ["input_context"] = new JsonObject { ["source"] = "task", ["task_id"] = inputFrom } },
    };

    private static JsonObject Edge(string id, string from, string to) => new() { ["id"] = id, ["from_id"] = from, ["to_id"] = to };

    private static JsonObject EntitySync(string taskId) => new()
    {
        ["trigger"] = new JsonObject { ["event"] = "TaskCompleted", ["filter"] = new JsonObject { ["task_template_id"] = taskId } },
        ["target"] = new JsonObject { ["entitySchema"] = "opportunity", ["entityAttribute"] = "stage" },
        ["value"] = new JsonObject { ["source"] = "task_name" },
    };
}
