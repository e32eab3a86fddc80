using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WorkflowDefinitions.Api.FunctionalTests.Support;
using WorkflowDefinitions.Api.Json;
using WorkflowDefinitions.TestSupport;
using static WorkflowDefinitions.Api.FunctionalTests.Support.HttpAssertions;

namespace WorkflowDefinitions.Api.FunctionalTests.Adversarial;

/// <summary>
/// Findings: a 2 MB body did not answer in 120 s; 100 parallel 5 MiB bodies took 1.6 GB. Every hostile shape at the full
/// 6 MiB gets its answer; large bodies beyond the memory budget wait their turn (or get 503 with Retry-After); many tiny
/// requests at once are all served.
/// </summary>
public class LargeBodyTests
{
    private static ApiFactory _factory = null!;
    private static HttpClient _client = null!;

    [OneTimeSetUp]
    public static void Start()
    {
        _factory = new ApiFactory(new Dictionary<string, string?> { ["WorkflowLimits:DefaultMaxAllowed"] = "100000" });
        _client = _factory.CreateClientFor("large-bodies-org");
    }

    [OneTimeTearDown]
    public static void Stop()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    public static IEnumerable<TestCaseData> Shapes() =>
        AdversarialBodies.All.Select(shape => new TestCaseData(shape).SetArgDisplayNames(shape.Name));

    [TestCaseSource(nameof(Shapes))]
    public async Task EveryShape_AtSixMebibytes_GetsItsAnswer(AdversarialCase shape)
    {
        var body = shape.BuildAt(AdversarialBodies.SixMebibytes);
        Assert.That(Encoding.UTF8.GetByteCount(body), Is.InRange(5 * 1024 * 1024, AdversarialBodies.SixMebibytes), "a body of the largest size read");

        var response = await _client.SendAsync(new HttpRequestMessage(new HttpMethod(shape.Method), shape.Route) { Content = JsonBody(body) });

        if (shape.ExpectedStatus >= 400)
        {
            await response.AssertBoundedErrorAsync((HttpStatusCode)shape.ExpectedStatus);
        }
        else
        {
            Assert.That(response.StatusCode, Is.EqualTo((HttpStatusCode)shape.ExpectedStatus), "the answer is the document itself, too large to show");
        }
    }

    [Test]
    public async Task AFlowOfSixMebibytes_IsAnsweredWhole_ThoughSentInPieces()
    {
        var body = AdversarialBodies.PadTo(FlowSamples.Minimal.ReplaceLineEndings(" "), AdversarialBodies.SixMebibytes);
        using var created = await _client.PostAsync("/v2/flows/templates", JsonBody(body));
        var createdText = await created.Content.ReadAsStringAsync();
        var id = JsonNode.Parse(createdText)!["id"]!.GetValue<string>();

        using var fetched = await _client.GetAsync($"/v2/flows/templates/{id}");
        var fetchedText = await fetched.Content.ReadAsStringAsync();

        Assert.That(fetched.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var answer = JsonNode.Parse(fetchedText)!.AsObject();
        Assert.That(answer.Select(property => property.Key).Take(2), Is.EqualTo(new[] { "id", "org_id" }));
        Assert.That(JsonNode.DeepEquals(answer["padding"], JsonNode.Parse(body)!["padding"]), Is.True, "the stored properties, every piece in place");
        Assert.That(fetchedText, Is.EqualTo(createdText), "the get answers what the create answered, byte for byte");
    }

    [Test]
    public async Task ASearchForAPageOfTheLargestFlows_AnswersHitsThenTheFlows()
    {
        using var client = _factory.CreateClientFor("large-search-org");
        var body = AdversarialBodies.PadTo(FlowSamples.Minimal.ReplaceLineEndings(" "), 5 * 1024 * 1024);
        for (var i = 0; i < 4; i++)
        {
            (await client.PostAsync("/v2/flows/templates", JsonBody(body))).Content.Dispose();
        }

        using var response = await client.PostAsync("/v2/flows/templates:search", JsonBody("""{"size": 100}"""), CancellationToken.None);
        await using var content = await response.Content.ReadAsStreamAsync();
        var start = new byte[32];
        await content.ReadExactlyAsync(start);

        Assert.That(Encoding.UTF8.GetString(start), Does.StartWith("""{"hits":4,"results":[{"id":"""));
    }

    [Test]
    public async Task LargeBodiesBeyondTheBudget_WaitTheirTurn_AndAreAllServed()
    {
        using var factory = new ApiFactory(new Dictionary<string, string?>
        {
            ["RequestLimits:BodyBudgetBytes"] = $"{7 * 1024 * 1024}",
            ["RequestLimits:BodyBudgetPerOrganizationBytes"] = $"{7 * 1024 * 1024}",
        });
        using var client = factory.CreateClientFor("budget-org");
        var body = AdversarialBodies.PadTo(FlowSamples.Minimal.ReplaceLineEndings(" "), 3 * 1024 * 1024);

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.PostAsync("/v2/flows/templates", JsonBody(body))));
        foreach (var response in responses)
        {
            response.Content.Dispose();
        }

        Assert.That(responses.Select(r => r.StatusCode), Has.All.EqualTo(HttpStatusCode.Created));
    }

    [Test]
    public async Task ALargeBodyThatCannotGetRoomInTime_Is503WithRetryAfter()
    {
        await using var api = await FakeAutomationApi.StartAsync();
        using var factory = new ApiFactory(new Dictionary<string, string?>
        {
            ["RequestLimits:BodyBudgetBytes"] = $"{6 * 1024 * 1024}",
            ["RequestLimits:BodyBudgetPerOrganizationBytes"] = $"{6 * 1024 * 1024}",
            ["RequestLimits:BodyQueueSeconds"] = "1",
            ["Automation:BaseUrl"] = api.BaseAddress.ToString(),
        });
        using var client = factory.CreateClientFor("busy-budget-org");
        api.Delay = TimeSpan.FromSeconds(4);
        var holder = """{"name": "Held", "tasks": [{"id": "t1", "name": "Mail", "task_type": "AUTOMATION", "automation_config": {"action_config": {"type": "send-email"}}}], "edges": []}""";
        var held = client.PostAsync("/v2/flows/templates", JsonBody(AdversarialBodies.PadTo(holder, 5 * 1024 * 1024)));
        for (var i = 0; i < 100 && api.Requests.Count == 0; i++)
        {
            await Task.Delay(50);
        }

        var refused = await client.PostAsync("/v2/flows/templates", JsonBody(AdversarialBodies.PadTo(FlowSamples.Minimal.ReplaceLineEndings(" "), 2 * 1024 * 1024)));

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That((await refused.ReadJsonAsync())["message"]!.GetValue<string>(), Is.EqualTo("Service busy: too many large request bodies are being processed; retry later"));
        Assert.That(refused.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero));
        Assert.That((await held).StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }

    [Test]
    public async Task AReadOfALargeFlow_WhenTooManyLargeAnswersWait_Is503WithRetryAfter_AndSmallReadsAreServed()
    {
        using var factory = WithABudgetOfOneLargeBody(queueSeconds: 1);
        using var client = factory.CreateClientFor("busy-answers-org");
        var large = await CreatedIdAsync(client, AdversarialBodies.PadTo(FlowSamples.Minimal.ReplaceLineEndings(" "), 2 * 1024 * 1024));
        var small = await CreatedIdAsync(client, FlowSamples.Minimal);
        var budget = factory.Services.GetRequiredService<RequestBodyBudget>();
        using var sending = await budget.AdmitAnswerAsync("busy-answers-org", 6 * 1024 * 1024, CancellationToken.None);
        var waiting = Enumerable.Range(0, 4).Select(_ => budget.AdmitAnswerAsync("busy-answers-org", 6 * 1024 * 1024, CancellationToken.None)).ToList();

        using var refused = await client.GetAsync($"/v2/flows/templates/{large}");
        using var served = await client.GetAsync($"/v2/flows/templates/{small}");

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That((await refused.ReadJsonAsync())["message"]!.GetValue<string>(), Is.EqualTo("Service busy: too many large answers are being sent; retry later"));
        Assert.That(refused.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero));
        Assert.That(refused.Headers.ETag, Is.Null);
        Assert.That(served.StatusCode, Is.EqualTo(HttpStatusCode.OK), "an answer of a few KB takes no room");
        foreach (var wait in waiting)
        {
            Assert.ThrowsAsync<RequestBodyException>(async () => (await wait).Dispose(), "the room is held longer than a request may wait");
        }
    }

    [Test]
    public async Task AReadOfALargeFlow_WaitsForRoom_WhileAnotherIsSent()
    {
        using var factory = WithABudgetOfOneLargeBody(queueSeconds: null);
        using var client = factory.CreateClientFor("waiting-answers-org");
        var large = await CreatedIdAsync(client, AdversarialBodies.PadTo(FlowSamples.Minimal.ReplaceLineEndings(" "), 2 * 1024 * 1024));
        var budget = factory.Services.GetRequiredService<RequestBodyBudget>();
        var sending = await budget.AdmitAnswerAsync("waiting-answers-org", 6 * 1024 * 1024, CancellationToken.None);

        var read = client.GetAsync($"/v2/flows/templates/{large}");
        await Task.Delay(300);
        Assert.That(read.IsCompleted, Is.False, "the answer waits for room");
        sending.Dispose();
        using var answered = await read.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That(answered.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    public static IEnumerable<TestCaseData> ListsOfALargeItem() =>
    [
        new TestCaseData("/v2/flows/templates", AdversarialBodies.PadTo(FlowSamples.Minimal.ReplaceLineEndings(" "), 2 * 1024 * 1024), "GET", "/v2/flows/templates")
            .SetArgDisplayNames("listFlowTemplates"),
        new TestCaseData("/v2/flows/templates", AdversarialBodies.PadTo(FlowSamples.Minimal.ReplaceLineEndings(" "), 2 * 1024 * 1024), "POST", "/v2/flows/templates:search")
            .SetArgDisplayNames("searchFlowTemplates"),
        new TestCaseData("/v1/workflows/definitions", AdversarialBodies.PadTo(DefinitionSamples.LeadQualification.ReplaceLineEndings(" "), 1024 * 1024), "GET", "/v1/workflows/definitions")
            .SetArgDisplayNames("getDefinitions"),
    ];

    [TestCaseSource(nameof(ListsOfALargeItem))]
    public async Task AListHoldingALargeItem_WhenTooManyLargeAnswersWait_Is503WithRetryAfter_BeforeAnythingIsSent(
        string collection, string largeItem, string method, string list)
    {
        using var factory = WithABudgetOfOneLargeBody(queueSeconds: 1);
        using var client = factory.CreateClientFor("busy-lists-org");
        using (var created = await client.PostAsync(collection, JsonBody(largeItem)))
        {
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        var budget = factory.Services.GetRequiredService<RequestBodyBudget>();
        using var sending = await budget.AdmitAnswerAsync("busy-lists-org", 6 * 1024 * 1024, CancellationToken.None);
        var waiting = Enumerable.Range(0, 4).Select(_ => budget.AdmitAnswerAsync("busy-lists-org", 6 * 1024 * 1024, CancellationToken.None)).ToList();

        using var refused = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), list) { Content = method == "POST" ? JsonBody("{}") : null });

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That((await refused.ReadJsonAsync())["message"]!.GetValue<string>(), Is.EqualTo("Service busy: too many large answers are being sent; retry later"));
        Assert.That(refused.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero));
        foreach (var wait in waiting)
        {
            Assert.ThrowsAsync<RequestBodyException>(async () => (await wait).Dispose());
        }
    }

    [Test]
    public async Task AListOfLargeFlows_TakesRoomForOneAtATime_AndIsCutOffWhenALaterOneCannotGetIt()
    {
        using var factory = WithABudgetOfOneLargeBody(queueSeconds: 1);
        using var client = factory.CreateClientFor("cut-lists-org");
        await CreatedIdAsync(client, AdversarialBodies.PadTo(FlowSamples.Minimal.ReplaceLineEndings(" "), 2 * 1024 * 1024));
        await CreatedIdAsync(client, AdversarialBodies.PadTo(FlowSamples.Minimal.ReplaceLineEndings(" "), 2 * 1024 * 1024));
        using (var whole = await client.GetAsync("/v2/flows/templates"))
        {
            Assert.That((await whole.ReadJsonAsync())["results"]!.AsArray(), Has.Count.EqualTo(2), "two flows of 2 MiB in a budget of 6 MiB, one after the other");
        }

        await CreatedIdAsync(client, AdversarialBodies.PadTo(FlowSamples.Minimal.ReplaceLineEndings(" "), 256 * 1024));
        var budget = factory.Services.GetRequiredService<RequestBodyBudget>();
        using var sending = await budget.AdmitAnswerAsync("cut-lists-org", 5 * 1024 * 1024, CancellationToken.None);

        Assert.That(
            async () => await (await client.GetAsync("/v2/flows/templates")).Content.ReadAsByteArrayAsync(),
            Throws.InstanceOf<Exception>(),
            "the newest flow (256 KiB) fits beside the 5 MiB held and is sent; the next (2 MiB) waits in vain, and the answer, begun with 200, is cut off");
    }

    [Test]
    public async Task AReadOfALargeFlow_TakesRoomBeforeItReadsTheFlow_AndEveryWayItEndsGivesTheRoomBack()
    {
        using var factory = WithABudgetOfOneLargeBody(queueSeconds: 2);
        using var client = factory.CreateClientFor("room-first-org");
        var large = await CreatedIdAsync(client, AdversarialBodies.PadTo(FlowSamples.Minimal.ReplaceLineEndings(" "), 2 * 1024 * 1024));
        var doomed = await CreatedIdAsync(client, AdversarialBodies.PadTo(FlowSamples.Minimal.ReplaceLineEndings(" "), 2 * 1024 * 1024));
        var budget = factory.Services.GetRequiredService<RequestBodyBudget>();
        var sending = await budget.AdmitAnswerAsync("room-first-org", 6 * 1024 * 1024, CancellationToken.None);

        var read = client.GetAsync($"/v2/flows/templates/{doomed}");
        await Task.Delay(300);
        using (var deleted = await client.DeleteAsync($"/v2/flows/templates/{doomed}"))
        {
            Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        }

        sending.Dispose();
        using var answered = await read.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.That(answered.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "the flow was read once the room was taken, after it had been deleted");

        string tag;
        using (var found = await client.GetAsync($"/v2/flows/templates/{large}"))
        {
            Assert.That(found.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            tag = found.Headers.ETag!.Tag;
        }

        using var conditional = new HttpRequestMessage(HttpMethod.Get, $"/v2/flows/templates/{large}");
        conditional.Headers.TryAddWithoutValidation("If-None-Match", tag);
        using (var notModified = await client.SendAsync(conditional))
        {
            Assert.That(notModified.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
        }

        using var whole = await budget.AdmitAnswerAsync("room-first-org", 6 * 1024 * 1024, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(1));
        Assert.Pass("a 404, a 200 and a 304 each gave their room back: the whole budget is free");
    }

    [TestCase("GET", "/v2/flows/templates", "results")]
    [TestCase("POST", "/v2/flows/templates:search", "results")]
    public async Task AListsLargeFlow_IsReadOnceItHasRoom_AndLeftOutWhenDeletedMeanwhile(string method, string list, string property)
    {
        using var factory = WithABudgetOfOneLargeBody(queueSeconds: 5);
        using var client = factory.CreateClientFor("deferred-lists-org");
        var large = await CreatedIdAsync(client, AdversarialBodies.PadTo(FlowSamples.Minimal.ReplaceLineEndings(" "), 2 * 1024 * 1024));
        var small = await CreatedIdAsync(client, FlowSamples.Minimal);
        var budget = factory.Services.GetRequiredService<RequestBodyBudget>();
        var sending = await budget.AdmitAnswerAsync("deferred-lists-org", 6 * 1024 * 1024, CancellationToken.None);

        var listing = client.SendAsync(new HttpRequestMessage(new HttpMethod(method), list) { Content = method == "POST" ? JsonBody("{}") : null });
        await Task.Delay(300);
        using (var deleted = await client.DeleteAsync($"/v2/flows/templates/{large}"))
        {
            Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        }

        sending.Dispose();
        using var answered = await listing.WaitAsync(TimeSpan.FromSeconds(10));
        var body = await answered.ReadJsonAsync();

        Assert.That(answered.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body[property]!.AsArray().Select(flow => flow!["id"]!.GetValue<string>()), Is.EqualTo(new[] { small }),
            "the large flow waited for room unread, and was gone when it was read");
    }

    [Test]
    public async Task AReadOfALargeDefinition_TakesRoomBeforeItReadsTheDefinition()
    {
        using var factory = WithABudgetOfOneLargeBody(queueSeconds: 5);
        using var client = factory.CreateClientFor("room-first-definitions-org");
        string doomed;
        using (var created = await client.PostAsync(
            "/v1/workflows/definitions", JsonBody(AdversarialBodies.PadTo(DefinitionSamples.LeadQualification.ReplaceLineEndings(" "), 1024 * 1024))))
        {
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            doomed = (await created.ReadJsonAsync())["id"]!.GetValue<string>();
        }

        var budget = factory.Services.GetRequiredService<RequestBodyBudget>();
        var sending = await budget.AdmitAnswerAsync("room-first-definitions-org", 6 * 1024 * 1024, CancellationToken.None);
        var read = client.GetAsync($"/v1/workflows/definitions/{doomed}");
        await Task.Delay(300);
        using (var deleted = await client.DeleteAsync($"/v1/workflows/definitions/{doomed}"))
        {
            Assert.That(deleted.IsSuccessStatusCode, Is.True);
        }

        sending.Dispose();
        using var answered = await read.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That(answered.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "the definition was read once the room was taken, after it had been deleted");
    }

    [Test]
    public async Task ADiffOfALargeRevision_TakesRoomBeforeItReadsTheRevisions_503WhenTooManyWait_AndGivesItBack()
    {
        using var factory = WithABudgetOfOneLargeBody(queueSeconds: 1);
        using var client = factory.CreateClientFor("busy-diffs-org");
        var flow = await FlowWithALargeFirstRevisionAsync(client);

        var budget = factory.Services.GetRequiredService<RequestBodyBudget>();
        var sending = await budget.AdmitAnswerAsync("busy-diffs-org", 6 * 1024 * 1024, CancellationToken.None);
        var waiting = Enumerable.Range(0, 4).Select(_ => budget.AdmitAnswerAsync("busy-diffs-org", 6 * 1024 * 1024, CancellationToken.None)).ToList();

        using (var refused = await client.GetAsync($"/v2/flows/templates/{flow}/diff?from=1"))
        {
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That((await refused.ReadJsonAsync())["message"]!.GetValue<string>(), Is.EqualTo("Service busy: too many large answers are being sent; retry later"));
            Assert.That(refused.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero));
        }

        foreach (var wait in waiting)
        {
            Assert.ThrowsAsync<RequestBodyException>(async () => (await wait).Dispose());
        }

        sending.Dispose();
        using (var answered = await client.GetAsync($"/v2/flows/templates/{flow}/diff?from=1&to=2"))
        {
            Assert.That(answered.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((await answered.ReadJsonAsync())["changes"]!.AsArray().Select(c => c!["path"]!.GetValue<string>()), Does.Contain("/padding"));
        }

        using var whole = await budget.AdmitAnswerAsync("busy-diffs-org", 6 * 1024 * 1024, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(1));
        Assert.Pass("the diff gave its room back once it was answered: the whole budget is free");
    }

    [Test]
    public async Task ARestoreOfALargeRevision_WaitsForRoom_WhileAnotherLargeAnswerIsSent()
    {
        using var factory = WithABudgetOfOneLargeBody(queueSeconds: null);
        using var client = factory.CreateClientFor("waiting-restores-org");
        var flow = await FlowWithALargeFirstRevisionAsync(client);

        var budget = factory.Services.GetRequiredService<RequestBodyBudget>();
        var sending = await budget.AdmitAnswerAsync("waiting-restores-org", 6 * 1024 * 1024, CancellationToken.None);

        var restore = client.PostAsync($"/v2/flows/templates/{flow}/revisions/1/restore", null);
        await Task.Delay(300);
        Assert.That(restore.IsCompleted, Is.False, "the restore waits for room before it copies the revision into a body");
        sending.Dispose();
        using var restored = await restore.WaitAsync(TimeSpan.FromSeconds(10));
        using var current = await client.GetAsync($"/v2/flows/templates/{flow}");

        Assert.That(restored.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await current.ReadJsonAsync())["padding"], Is.Not.Null, "the large revision's content is the flow's again");
    }

    public static IEnumerable<TestCaseData> ReadsOfALargeFlow() =>
    [
        new TestCaseData("POST", "/duplicate", HttpStatusCode.Created, "padding").SetArgDisplayNames("duplicateFlowTemplate"),
        new TestCaseData("GET", "/revisions/1", HttpStatusCode.OK, "padding").SetArgDisplayNames("getFlowTemplateRevision"),
        new TestCaseData("GET", "/export", HttpStatusCode.OK, "_resolved_automations").SetArgDisplayNames("exportFlowTemplate"),
    ];

    [TestCaseSource(nameof(ReadsOfALargeFlow))]
    public async Task AnOperationReadingALargeFlow_WaitsForRoomUnread_WhileAnotherLargeAnswerIsSent_AndGivesItBack(
        string method, string suffix, HttpStatusCode status, string property)
    {
        using var factory = WithABudgetOfOneLargeBody(queueSeconds: null);
        using var client = factory.CreateClientFor("room-first-reads-org");
        var flow = await CreatedIdAsync(client, AdversarialBodies.PadTo(FlowSamples.Minimal.ReplaceLineEndings(" "), 2 * 1024 * 1024));
        var budget = factory.Services.GetRequiredService<RequestBodyBudget>();
        var sending = await budget.AdmitAnswerAsync("room-first-reads-org", 6 * 1024 * 1024, CancellationToken.None);

        var reading = client.SendAsync(new HttpRequestMessage(new HttpMethod(method), $"/v2/flows/templates/{flow}{suffix}"));
        await Task.Delay(300);
        Assert.That(reading.IsCompleted, Is.False, "the flow (or its revision) waits for room unread");
        sending.Dispose();
        using (var answered = await reading.WaitAsync(TimeSpan.FromSeconds(10)))
        {
            Assert.That(answered.StatusCode, Is.EqualTo(status));
            Assert.That((await answered.ReadJsonAsync())[property], Is.Not.Null);
        }

        using var whole = await budget.AdmitAnswerAsync("room-first-reads-org", 6 * 1024 * 1024, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(1));
        Assert.Pass("the operation gave its room back once it was answered: the whole budget is free");
    }

    [TestCase("PUT", "/v2/flows/templates/{0}", HttpStatusCode.OK, false)]
    [TestCase("DELETE", "/v2/flows/templates/{0}", HttpStatusCode.NoContent, true)]
    [TestCase("PUT", "/v1/workflows/definitions/{0}", HttpStatusCode.OK, false)]
    [TestCase("DELETE", "/v1/workflows/definitions/{0}", HttpStatusCode.NoContent, true)]
    public async Task AWriteOfALargeStoredWorkflow_ReadsItOnceItHasRoom_AndGivesItBack(string method, string path, HttpStatusCode status, bool pinned)
    {
        using var factory = WithABudgetOfOneLargeBody(queueSeconds: null);
        using var client = factory.CreateClientFor("room-first-writes-org");
        var flows = path.StartsWith("/v2", StringComparison.Ordinal);
        var (sample, size) = flows ? (FlowSamples.Minimal, 2 * 1024 * 1024) : (DefinitionSamples.LeadQualification, 1024 * 1024);
        string id;
        using (var created = await client.PostAsync(flows ? "/v2/flows/templates" : "/v1/workflows/definitions", JsonBody(AdversarialBodies.PadTo(sample.ReplaceLineEndings(" "), size))))
        {
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            id = (await created.ReadJsonAsync())["id"]!.GetValue<string>();
        }

        var uri = string.Format(CultureInfo.InvariantCulture, path, id);
        string tag;
        using (var found = await client.GetAsync(uri))
        {
            tag = found.Headers.ETag!.Tag;
        }

        var budget = factory.Services.GetRequiredService<RequestBodyBudget>();
        var sending = await budget.AdmitAnswerAsync("room-first-writes-org", 6 * 1024 * 1024, CancellationToken.None);
        using var write = new HttpRequestMessage(new HttpMethod(method), uri) { Content = method == "PUT" ? JsonBody(sample) : null };
        if (pinned)
        {
            write.Headers.TryAddWithoutValidation("If-Match", tag);
        }

        var writing = client.SendAsync(write);
        await Task.Delay(300);
        Assert.That(writing.IsCompleted, Is.False, "the stored workflow waits for room unread: a small request does not make the process read a large document");
        sending.Dispose();
        using (var answered = await writing.WaitAsync(TimeSpan.FromSeconds(10)))
        {
            Assert.That(answered.StatusCode, Is.EqualTo(status));
        }

        using var whole = await budget.AdmitAnswerAsync("room-first-writes-org", 6 * 1024 * 1024, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(1));
        Assert.Pass("the write gave its room back once it was answered: the whole budget is free");
    }

    [TestCase("/v2/flows/templates")]
    [TestCase("/v1/workflows/definitions")]
    public async Task WhatOnlyNeedsALargeWorkflowToExist_DoesNotWaitForRoom(string collection)
    {
        using var factory = WithABudgetOfOneLargeBody(queueSeconds: 1);
        using var client = factory.CreateClientFor("existence-only-org");
        var sample = collection.StartsWith("/v2", StringComparison.Ordinal) ? FlowSamples.Minimal : DefinitionSamples.LeadQualification;
        string id;
        using (var created = await client.PostAsync(collection, JsonBody(AdversarialBodies.PadTo(sample.ReplaceLineEndings(" "), 1024 * 1024))))
        {
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            id = (await created.ReadJsonAsync())["id"]!.GetValue<string>();
        }

        var budget = factory.Services.GetRequiredService<RequestBodyBudget>();
        using var sending = await budget.AdmitAnswerAsync("existence-only-org", 6 * 1024 * 1024, CancellationToken.None);
        using var listed = await client.GetAsync($"{collection}/{id}/revisions").WaitAsync(TimeSpan.FromSeconds(5));
        using var anyVersion = new HttpRequestMessage(HttpMethod.Delete, $"{collection}/{id}");
        anyVersion.Headers.TryAddWithoutValidation("If-Match", "*");
        using var deleted = await client.SendAsync(anyVersion).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Multiple(() =>
        {
            Assert.That(listed.StatusCode, Is.EqualTo(HttpStatusCode.OK), "its revisions are listed while the whole budget is held: the workflow is not read");
            Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), "If-Match: * needs only the workflow to exist");
        });
    }

    /// <summary>A service whose body and answer budgets (and each organization's share) hold one 6 MiB body, a request waiting up to <paramref name="queueSeconds"/> (or the default).</summary>
    private static ApiFactory WithABudgetOfOneLargeBody(int? queueSeconds)
    {
        var settings = new Dictionary<string, string?>
        {
            ["RequestLimits:BodyBudgetBytes"] = $"{6 * 1024 * 1024}",
            ["RequestLimits:BodyBudgetPerOrganizationBytes"] = $"{6 * 1024 * 1024}",
        };
        if (queueSeconds is { } seconds)
        {
            settings["RequestLimits:BodyQueueSeconds"] = $"{seconds}";
        }

        return new ApiFactory(settings);
    }

    private static async Task<string> CreatedIdAsync(HttpClient client, string body)
    {
        using var created = await client.PostAsync("/v2/flows/templates", JsonBody(body));
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        return (await created.ReadJsonAsync())["id"]!.GetValue<string>();
    }

    /// <summary>A flow whose revision 1 is a 2 MiB flow and revision 2 the minimal one; its id.</summary>
    private static async Task<string> FlowWithALargeFirstRevisionAsync(HttpClient client)
    {
        var flow = await CreatedIdAsync(client, AdversarialBodies.PadTo(FlowSamples.Minimal.ReplaceLineEndings(" "), 2 * 1024 * 1024));
        using var updated = await client.PutAsync($"/v2/flows/templates/{flow}", JsonBody(FlowSamples.Minimal));
        Assert.That(updated.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return flow;
    }

    [Test]
    public async Task ManyTinyRequestsAtOnce_AreAllServed()
    {
        using var client = _factory.CreateClientFor("tiny-requests-org");

        var responses = await Task.WhenAll(Enumerable.Range(0, 500).Select(i => i % 2 == 0
            ? client.GetAsync("/v1/workflows/limits/max-allowed")
            : client.PostAsync("/v2/flows/templates:search", JsonBody("{}"))));

        Assert.That(responses.Select(r => r.StatusCode), Has.All.EqualTo(HttpStatusCode.OK));
    }
}
