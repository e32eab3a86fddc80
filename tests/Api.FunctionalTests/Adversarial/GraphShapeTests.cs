using System.Net;
using System.Text.Json.Nodes;
using WorkflowDefinitions.Api.FunctionalTests.Support;
using WorkflowDefinitions.TestSupport;
using static WorkflowDefinitions.Api.FunctionalTests.Support.HttpAssertions;

namespace WorkflowDefinitions.Api.FunctionalTests.Adversarial;

/// <summary>
/// Finding: the "input is upstream" rule ran one breadth-first search per automation task (9.4 s for 1.9 MB), and other
/// rules scanned lists per item. Graphs shaped to defeat each rule's traversal, at the hard caps, get the right answer
/// (the benchmark's adversarial mode times them; these prove what they answer).
/// </summary>
public class GraphShapeTests
{
    private const int MaxTasks = 2000;

    private static ApiFactory _factory = null!;
    private static HttpClient _client = null!;

    [OneTimeSetUp]
    public static void Start()
    {
        _factory = new ApiFactory(new Dictionary<string, string?> { ["WorkflowLimits:DefaultMaxAllowed"] = "100000" });
        _client = _factory.CreateClientFor("graph-shapes-org");
    }

    [OneTimeTearDown]
    public static void Stop()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    [Test]
    public async Task EveryAutomationReadingADownstreamTask_IsRefused_AsManyReportedAsFit()
    {
        var flow = AdversarialBodies.Chain(MaxTasks, (task, i) => Automate(task, $"t{(i + 1) % MaxTasks}"));

        var error = await (await _client.PostAsync("/v2/flows/templates", JsonBody(flow.ToJsonString()))).AssertBoundedErrorAsync(HttpStatusCode.BadRequest);

        Assert.That(error["errors"]!.AsArray(), Has.Count.InRange(30, 50), "at most 50, as many as fit into the error body");
        Assert.That(error["errors"]![0]!["message"]!.GetValue<string>(), Is.EqualTo("'t1' is not upstream of task 't0': no edge path leads from it to the task"));
    }

    [Test]
    public async Task EveryAutomationReadingTheFirstTask_IsAccepted()
    {
        var flow = AdversarialBodies.Chain(MaxTasks, (task, i) => Automate(task, i == 0 ? null : "t0"));

        await (await _client.PostAsync("/v2/flows/templates", JsonBody(flow.ToJsonString()))).AssertStatusAsync(HttpStatusCode.Created);
    }

    [Test]
    public async Task AutomationsAcrossACycle_ReadFromEachOther()
    {
        var flow = AdversarialBodies.Chain(50, (task, i) => Automate(task, i == 0 ? null : $"t{i - 1}"));
        var decision = flow["tasks"]![49]!.AsObject();
        decision["task_type"] = "DECISION";
        decision["trigger_mode"] = "automatic";
        decision.Remove("automation_config");
        decision["conditions"] = JsonNode.Parse("""[{"id": "again", "branch_name": "Again", "logical_operator": "AND", "statements": null}]""");
        decision["loop_config"] = JsonNode.Parse("""{"loop_branch_id": "again", "exit_branch_id": "done", "max_iterations": 3}""");
        decision["conditions"]!.AsArray().Add(JsonNode.Parse("""{"id": "done", "branch_name": "Done", "logical_operator": "AND", "statements": null}"""));
        flow["edges"]!.AsArray().Add(JsonNode.Parse("""{"id": "loop", "from_id": "t49", "to_id": "t0", "condition_id": "again"}"""));
        flow["tasks"]![0]!["automation_config"] = JsonNode.Parse("""{"flow_id": "a", "input_context": {"source": "task", "task_id": "t48"}}""");

        await (await _client.PostAsync("/v2/flows/templates", JsonBody(flow.ToJsonString()))).AssertStatusAsync(HttpStatusCode.Created);
    }

    [Test]
    public async Task ADecisionWithManyBranchesAndEdges_IsCheckedEdgeByEdge()
    {
        var conditions = new JsonArray([.. Enumerable.Range(0, 50_000).Select(i => (JsonNode)new JsonObject
        {
            ["id"] = $"c{i}", ["branch_name"] = "B", ["logical_operator"] = "AND", ["statements"] = null,
        })]);
        var tasks = new JsonArray(
            new JsonObject { ["id"] = "d", ["name"] = "D", ["task_type"] = "DECISION", ["trigger_mode"] = "automatic", ["conditions"] = conditions },
            new JsonObject { ["id"] = "t", ["name"] = "T", ["task_type"] = "MANUAL" });
        var edges = new JsonArray([.. Enumerable.Range(0, 5000).Select(i => (JsonNode)new JsonObject
        {
            ["id"] = $"e{i}", ["from_id"] = "d", ["to_id"] = "t", ["condition_id"] = i == 4999 ? "missing" : $"c{49_999 - i}",
        })]);
        var flow = new JsonObject { ["name"] = "Fan-out", ["tasks"] = tasks, ["edges"] = edges };

        var error = await (await _client.PostAsync("/v2/flows/templates", JsonBody(flow.ToJsonString()))).AssertBoundedErrorAsync(HttpStatusCode.BadRequest);

        Assert.That(error["message"]!.GetValue<string>(), Is.EqualTo("Invalid request body: edges[4999].condition_id 'missing' is not a condition of task 'd' (edge 'e4999')"));
    }

    [TestCase("requirements")]
    [TestCase("edges")]
    public async Task ACycleThroughEveryTask_IsRefusedOnce_WithItsStartQuotedCut(string kind)
    {
        var flow = kind == "requirements"
            ? AdversarialBodies.Chain(MaxTasks, (task, i) => task["requirements"] = new JsonArray(new JsonObject { ["when"] = "TASK_FINISHED", ["task_id"] = $"t{(i + 1) % MaxTasks}" }))
            : AdversarialBodies.Chain(MaxTasks, (_, _) => { });
        if (kind == "edges")
        {
            flow["edges"]!.AsArray().Add(new JsonObject { ["id"] = "back", ["from_id"] = $"t{MaxTasks - 1}", ["to_id"] = "t0" });
        }

        var error = await (await _client.PostAsync("/v2/flows/templates", JsonBody(flow.ToJsonString()))).AssertBoundedErrorAsync(HttpStatusCode.BadRequest);

        Assert.That(error["errors"]!.AsArray(), Has.Count.EqualTo(1));
        Assert.That(error["errors"]![0]!["message"]!.GetValue<string>(), Does.Contain("cycle").And.Contain("…"));
    }

    private static void Automate(JsonObject task, string? inputFrom)
    {
        task["task_type"] = "AUTOMATION";
        task["automation_config"] = inputFrom is null
            ? new JsonObject { ["flow_id"] = "a" }
            : new JsonObject { ["flow_id"] = "a", ["input_context"] = new JsonObject { ["source"] = "task", ["task_id"] = inputFrom } };
    }
}
