using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using WorkflowDefinitions.Api.FunctionalTests.Support;
using WorkflowDefinitions.TestSupport;
using static WorkflowDefinitions.Api.FunctionalTests.Support.HttpAssertions;

namespace WorkflowDefinitions.Api.FunctionalTests.Controllers;

/// <summary>
/// Entity tags and conditional requests on every resource, on each store: <c>ETag</c> on single-resource answers,
/// <c>If-None-Match</c> → 304, <c>If-Match</c> → 412 with nothing changed, and one winner among racing writes.
/// </summary>
[TestFixture(Store.Sqlite)]
[TestFixture(Store.Mongo)]
public class ConditionalRequestTests(Store store)
{
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

    // ETag

    [Test]
    public async Task Flow_EveryAnswerWithTheFlowCarriesItsTag_ThatChangesWithEveryWrite()
    {
        var created = await SendAsync(HttpMethod.Post, "/v2/flows/templates", FlowSamples.Minimal);
        var path = $"/v2/flows/templates/{Id(created)}";
        var read = await SendAsync(HttpMethod.Get, path);
        var updated = await SendAsync(HttpMethod.Put, path, FlowSamples.Minimal);
        var readAgain = await SendAsync(HttpMethod.Get, path);
        var duplicated = await SendAsync(HttpMethod.Post, path + "/duplicate");

        Assert.Multiple(() =>
        {
            Assert.That(Tag(created), Does.Match("^\"[^\"]+\"$"), "a strong, quoted tag");
            Assert.That(Tag(read), Is.EqualTo(Tag(created)));
            Assert.That(Tag(updated), Is.Not.EqualTo(Tag(created)));
            Assert.That(Tag(readAgain), Is.EqualTo(Tag(updated)));
            Assert.That(Tag(duplicated), Is.Not.Null.And.Not.EqualTo(Tag(updated)));
        });
    }

    [Test]
    public async Task Definition_EveryAnswerWithTheDefinitionCarriesItsTag_ThatChangesWithEveryWrite()
    {
        var created = await SendAsync(HttpMethod.Post, "/v1/workflows/definitions", DefinitionApi.Named("Tagged"));
        var path = $"/v1/workflows/definitions/{Id(created)}";
        var read = await SendAsync(HttpMethod.Get, path);
        await SendAsync(HttpMethod.Patch, path + "/closing-reasons", """{"reasons": [{"id": "r1"}]}""");
        var afterReasons = await SendAsync(HttpMethod.Get, path);
        var updated = await SendAsync(HttpMethod.Put, path, DefinitionApi.Named("Tagged"));

        Assert.Multiple(() =>
        {
            Assert.That(Tag(read), Is.EqualTo(Tag(created)));
            Assert.That(Tag(afterReasons), Is.Not.EqualTo(Tag(created)), "setWorkflowClosingReasons changes the definition");
            Assert.That(Tag(updated), Is.Not.EqualTo(Tag(afterReasons)));
        });
    }

    [Test]
    public async Task ClosingReason_TagChangesWhenTheReasonChanges_AndOnlyThen()
    {
        var created = await SendAsync(HttpMethod.Post, "/v1/workflows/closing-reasons", """{"title": "Tagged"}""");
        var v2 = $"/v2/workflows/closing-reasons/{Id(created)}";
        var v1 = $"/v1/workflows/closing-reasons/{Id(created)}";
        var read = await SendAsync(HttpMethod.Get, v2);
        var readV1 = await SendAsync(HttpMethod.Get, v1);
        var unchanged = await SendAsync(HttpMethod.Patch, v2, """{"title": "Tagged"}""");
        await SendAsync(HttpMethod.Patch, v1, """{"status": "ACTIVE"}""");
        var sameStatus = await SendAsync(HttpMethod.Get, v2);
        var renamed = await SendAsync(HttpMethod.Patch, v2, """{"title": "Renamed"}""");
        await SendAsync(HttpMethod.Patch, v1, """{"status": "INACTIVE"}""");
        var deactivated = await SendAsync(HttpMethod.Get, v2);

        Assert.Multiple(() =>
        {
            Assert.That(new[] { Tag(read), Tag(readV1), Tag(unchanged), Tag(sameStatus) }, Is.All.EqualTo(Tag(created)));
            Assert.That(Tag(renamed), Is.Not.EqualTo(Tag(created)));
            Assert.That(Tag(deactivated), Is.Not.EqualTo(Tag(renamed)));
        });
    }

    [Test]
    public async Task AReasonCreatedAgainUnderItsId_NeverRepeatsTheTagOfTheOneBefore()
    {
        var first = await SendAsync(HttpMethod.Post, "/v1/workflows/closing-reasons", """{"id": "again", "title": "Same"}""");
        await SendAsync(HttpMethod.Delete, "/v2/workflows/closing-reasons/again");
        var second = await SendAsync(HttpMethod.Post, "/v1/workflows/closing-reasons", """{"id": "again", "title": "Same"}""");

        var stale = await SendAsync(HttpMethod.Delete, "/v2/workflows/closing-reasons/again", ifMatch: Tag(first));

        Assert.That(Tag(second), Is.Not.EqualTo(Tag(first)));
        await stale.AssertErrorAsync(HttpStatusCode.PreconditionFailed);
    }

    // If-None-Match

    [TestCase("/v2/flows/templates")]
    [TestCase("/v1/workflows/definitions")]
    [TestCase("/v1/workflows/closing-reasons")]
    public async Task IfNoneMatch_WithTheCurrentTag_Answers304WithoutABody_AndWithAnOtherTag200(string collection)
    {
        var created = await CreateAsync(collection);
        var path = collection == "/v1/workflows/closing-reasons" ? $"/v2/workflows/closing-reasons/{Id(created)}" : $"{collection}/{Id(created)}";
        var current = Tag(created)!;

        var notModified = await SendAsync(HttpMethod.Get, path, ifNoneMatch: current);
        var weakForm = await SendAsync(HttpMethod.Get, path, ifNoneMatch: "W/" + current);
        var any = await SendAsync(HttpMethod.Get, path, ifNoneMatch: "*");
        var inAList = await SendAsync(HttpMethod.Get, path, ifNoneMatch: $"\"other\", {current}");
        var other = await SendAsync(HttpMethod.Get, path, ifNoneMatch: "\"other\"");

        Assert.Multiple(async () =>
        {
            foreach (var response in new[] { notModified, weakForm, any, inAList })
            {
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
                Assert.That(await response.Content.ReadAsByteArrayAsync(), Is.Empty);
                Assert.That(response.Headers.ETag?.ToString(), Is.EqualTo(current));
            }

            Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(Tag(other), Is.EqualTo(current));
        });
    }

    [Test]
    public async Task IfNoneMatch_OnTheDeprecatedReasonRoute_Answers304Too()
    {
        var created = await SendAsync(HttpMethod.Post, "/v1/workflows/closing-reasons", """{"title": "Old route"}""");

        var response = await SendAsync(HttpMethod.Get, $"/v1/workflows/closing-reasons/{Id(created)}", ifNoneMatch: Tag(created));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
    }

    // If-Match

    public static IEnumerable<TestCaseData> Writes()
    {
        yield return new TestCaseData("/v2/flows/templates", "PUT", "", FlowSamples.Minimal).SetArgDisplayNames("updateFlowTemplate");
        yield return new TestCaseData("/v2/flows/templates", "DELETE", "", null).SetArgDisplayNames("deleteFlowTemplate");
        yield return new TestCaseData("/v1/workflows/definitions", "PUT", "", DefinitionApi.Named("Changed")).SetArgDisplayNames("updateDefinition");
        yield return new TestCaseData("/v1/workflows/definitions", "DELETE", "", null).SetArgDisplayNames("deleteDefinition");
        yield return new TestCaseData("/v1/workflows/definitions", "PATCH", "/closing-reasons", """{"reasons": [{"id": "x"}]}""").SetArgDisplayNames("setWorkflowClosingReasons");
        yield return new TestCaseData("/v2/workflows/closing-reasons", "PATCH", "", """{"title": "Changed"}""").SetArgDisplayNames("updateClosingReason");
        yield return new TestCaseData("/v2/workflows/closing-reasons", "DELETE", "", null).SetArgDisplayNames("deleteClosingReason");
        yield return new TestCaseData("/v1/workflows/closing-reasons", "PATCH", "", """{"status": "INACTIVE"}""").SetArgDisplayNames("changeReasonStatus");
    }

    [TestCaseSource(nameof(Writes))]
    public async Task IfMatch_WithAStaleTag_Answers412_AndChangesNothing(string items, string method, string suffix, string? body)
    {
        var (path, readPath, tag) = await ResourceAsync(items, suffix);
        var before = await (await SendAsync(HttpMethod.Get, readPath)).Content.ReadAsStringAsync();

        var stale = await SendAsync(new HttpMethod(method), path, body, ifMatch: "\"0\"");
        var weak = await SendAsync(new HttpMethod(method), path, body, ifMatch: "W/" + tag);

        await stale.AssertErrorAsync(HttpStatusCode.PreconditionFailed);
        await weak.AssertErrorAsync(HttpStatusCode.PreconditionFailed);
        var after = await SendAsync(HttpMethod.Get, readPath);
        Assert.That(await after.Content.ReadAsStringAsync(), Is.EqualTo(before));
        Assert.That(Tag(after), Is.EqualTo(tag));
    }

    [TestCaseSource(nameof(Writes))]
    public async Task IfMatch_WithTheCurrentTag_OrAnyTag_Writes(string items, string method, string suffix, string? body)
    {
        var (path, _, tag) = await ResourceAsync(items, suffix);
        var (otherPath, _, _) = await ResourceAsync(items, suffix);

        var withTag = await SendAsync(new HttpMethod(method), path, body, ifMatch: $"\"other\", {tag}");
        var withAny = await SendAsync(new HttpMethod(method), otherPath, body, ifMatch: "*");

        Assert.That(withTag.IsSuccessStatusCode, Is.True, await withTag.Content.ReadAsStringAsync());
        Assert.That(withAny.IsSuccessStatusCode, Is.True, await withAny.Content.ReadAsStringAsync());
    }

    [TestCaseSource(nameof(Writes))]
    public async Task IfMatch_OnAnUnknownId_StaysNotFound(string items, string method, string suffix, string? body)
    {
        var response = await SendAsync(new HttpMethod(method), $"{items}/unknown{suffix}", body, ifMatch: "\"0\"");

        await response.AssertErrorAsync(HttpStatusCode.NotFound);
    }

    [TestCase("not-quoted")]
    [TestCase("\"unterminated")]
    [TestCase("\"a\" \"b\"")]
    public async Task IfMatch_ThatIsNotAnEntityTagList_Answers400(string header)
    {
        var created = await SendAsync(HttpMethod.Post, "/v1/workflows/closing-reasons", """{"title": "Malformed"}""");

        var response = await SendAsync(HttpMethod.Patch, $"/v2/workflows/closing-reasons/{Id(created)}", """{"title": "x"}""", ifMatch: header);

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "Invalid request: If-Match must be \"*\" or a list of entity tags");
    }

    [Test]
    public async Task UpdatedAtStaysBesideIfMatch_AStaleUpdatedAtIs409_AStaleTag412()
    {
        var created = await SendAsync(HttpMethod.Post, "/v2/flows/templates", FlowSamples.Minimal);
        var path = $"/v2/flows/templates/{Id(created)}";
        var staleUpdatedAt = JsonNode.Parse(FlowSamples.Minimal)!.AsObject();
        staleUpdatedAt["updated_at"] = "2020-01-01T00:00:00.000Z";

        var conflict = await SendAsync(HttpMethod.Put, path, staleUpdatedAt.ToJsonString(), ifMatch: Tag(created));
        var precondition = await SendAsync(HttpMethod.Put, path, staleUpdatedAt.ToJsonString(), ifMatch: "\"0\"");

        await conflict.AssertErrorAsync(HttpStatusCode.Conflict);
        await precondition.AssertErrorAsync(HttpStatusCode.PreconditionFailed);
    }

    [Test]
    public async Task TwentyRacingUpdates_WithOneIfMatch_ExactlyOneWins()
    {
        var created = await SendAsync(HttpMethod.Post, "/v2/flows/templates", FlowSamples.Minimal);
        var path = $"/v2/flows/templates/{Id(created)}";

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            SendAsync(HttpMethod.Put, path, FlowApi.Named($"Racer {i}"), ifMatch: Tag(created))));

        Assert.Multiple(() =>
        {
            Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.OK), Is.EqualTo(1));
            Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.PreconditionFailed), Is.EqualTo(19));
        });
    }

    [Test]
    public async Task TwentyRacingPatches_WithOneIfMatch_ExactlyOneWins()
    {
        var created = await SendAsync(HttpMethod.Post, "/v1/workflows/closing-reasons", """{"title": "Raced"}""");
        var path = $"/v2/workflows/closing-reasons/{Id(created)}";

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            SendAsync(HttpMethod.Patch, path, $$"""{"title": "Racer {{i}}"}""", ifMatch: Tag(created))));

        Assert.Multiple(() =>
        {
            Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.OK), Is.EqualTo(1));
            Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.PreconditionFailed), Is.EqualTo(19));
        });
    }

    private async Task<(string Path, string ReadPath, string Tag)> ResourceAsync(string items, string suffix)
    {
        var collection = items switch
        {
            "/v2/workflows/closing-reasons" => "/v1/workflows/closing-reasons",
            _ => items,
        };
        var created = await CreateAsync(collection);
        var readPath = collection == "/v1/workflows/closing-reasons" ? $"/v2/workflows/closing-reasons/{Id(created)}" : $"{collection}/{Id(created)}";
        return ($"{items}/{Id(created)}{suffix}", readPath, Tag(created)!);
    }

    private async Task<HttpResponseMessage> CreateAsync(string collection) => collection switch
    {
        "/v2/flows/templates" => await SendAsync(HttpMethod.Post, collection, FlowSamples.Minimal),
        "/v1/workflows/definitions" => await SendAsync(HttpMethod.Post, collection, DefinitionApi.Named("Conditional")),
        _ => await SendAsync(HttpMethod.Post, collection, """{"title": "Conditional"}"""),
    };

    private async Task<HttpResponseMessage> SendAsync(
        HttpMethod method, string path, string? body = null, string? ifMatch = null, string? ifNoneMatch = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonBody(body);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        if (ifNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }

        var response = await _client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    private static string? Tag(HttpResponseMessage response) => response.Headers.ETag?.ToString();

    private static string Id(HttpResponseMessage response) =>
        JsonNode.Parse(response.Content.ReadAsStringAsync().GetAwaiter().GetResult())!["id"]!.GetValue<string>();
}
