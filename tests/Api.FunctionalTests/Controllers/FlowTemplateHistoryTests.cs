using System.Net;
using System.Text.Json.Nodes;
using WorkflowDefinitions.Api.FunctionalTests.Support;
using WorkflowDefinitions.TestSupport;
using static WorkflowDefinitions.Api.FunctionalTests.Support.HttpAssertions;

namespace WorkflowDefinitions.Api.FunctionalTests.Controllers;

/// <summary>
/// The revisions of flow templates on each store: listFlowTemplateRevisions, getFlowTemplateRevision,
/// diffFlowTemplateRevisions and restoreFlowTemplateRevision, every status they answer.
/// </summary>
[TestFixture(Store.Sqlite)]
[TestFixture(Store.Mongo)]
public class FlowTemplateHistoryTests(Store store)
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

    // listFlowTemplateRevisions

    [Test]
    public async Task List_GivesEveryWriteNewestFirst_WithItsSourceTimeAndTag()
    {
        var created = await _client.PostAsync("/v2/flows/templates", JsonBody(FlowSamples.Minimal));
        var id = (await created.ReadJsonAsync())["id"]!.GetValue<string>();
        var updated = await PutAsync(id, Renamed(FlowSamples.Minimal, "Second"));

        var response = await _client.GetAsync($"/v2/flows/templates/{id}/revisions");

        await response.AssertStatusAsync(HttpStatusCode.OK);
        var body = (await response.ReadJsonAsync()).AsObject();
        var results = body["results"]!.AsArray();
        Assert.That(results, Has.Count.EqualTo(2));
        Assert.Multiple(() =>
        {
            Assert.That(results.Select(r => r!["revision"]!.GetValue<int>()), Is.EqualTo(new[] { 2, 1 }));
            Assert.That(results.Select(r => r!["source"]!.GetValue<string>()), Is.EqualTo(new[] { "update", "create" }));
            Assert.That(results[0]!["etag"]!.GetValue<string>(), Is.EqualTo(updated.Headers.ETag!.ToString()));
            Assert.That(results[1]!["etag"]!.GetValue<string>(), Is.EqualTo(created.Headers.ETag!.ToString()));
            Assert.That(results[0]!["created_at"]!.GetValue<string>(), Does.Match(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$"));
            Assert.That(body["next_cursor"], Is.Null);
        });
    }

    [Test]
    public async Task List_RecordsDuplicateAndImportAsTheirSources()
    {
        var original = await _client.CreateAsync(FlowSamples.Minimal);
        var duplicate = await (await _client.PostAsync($"/v2/flows/templates/{original["id"]}/duplicate", null)).ReadJsonAsync();
        var export = await (await _client.GetAsync($"/v2/flows/templates/{original["id"]}/export")).Content.ReadAsStringAsync();
        var imported = await _client.PostAsync("/v2/flows/templates/import", JsonBody(export));
        await imported.AssertStatusAsync(HttpStatusCode.Created);
        var importedId = (await imported.ReadJsonAsync())["flow"]!["id"]!.GetValue<string>();

        Assert.Multiple(async () =>
        {
            Assert.That(await SourcesAsync(duplicate["id"]!.GetValue<string>()), Is.EqualTo(new[] { "duplicate" }));
            Assert.That(await SourcesAsync(importedId), Is.EqualTo(new[] { "import" }));
        });
    }

    [Test]
    public async Task List_WriteThatChangesNothing_AddsNoRevision()
    {
        var id = (await _client.CreateAsync(FlowSamples.Minimal))["id"]!.GetValue<string>();
        await PutAsync(id, FlowSamples.Minimal);

        Assert.That(await SourcesAsync(id), Is.EqualTo(new[] { "create" }));
    }

    [Test]
    public async Task List_PagesWithTheCursorItGives()
    {
        var id = (await _client.CreateAsync(FlowSamples.Minimal))["id"]!.GetValue<string>();
        await PutAsync(id, Renamed(FlowSamples.Minimal, "Two"));
        await PutAsync(id, Renamed(FlowSamples.Minimal, "Three"));

        var first = await ListAsync(id, "?limit=2");
        var second = await ListAsync(id, $"?limit=2&cursor={first["next_cursor"]}");

        Assert.Multiple(() =>
        {
            Assert.That(Numbers(first), Is.EqualTo(new[] { 3, 2 }));
            Assert.That(Numbers(second), Is.EqualTo(new[] { 1 }));
            Assert.That(second["next_cursor"], Is.Null);
        });
    }

    [TestCase("?limit=0", "Invalid request: limit must be an integer from 1 to 100")]
    [TestCase("?limit=101", "Invalid request: limit must be an integer from 1 to 100")]
    [TestCase("?cursor=abc", "Invalid request: cursor must be a cursor from a previous answer")]
    [TestCase("?cursor=0", "Invalid request: cursor must be a cursor from a previous answer")]
    public async Task List_OutOfRangeParameters_Answer400(string query, string message)
    {
        var id = (await _client.CreateAsync(FlowSamples.Minimal))["id"]!.GetValue<string>();

        var response = await _client.GetAsync($"/v2/flows/templates/{id}/revisions{query}");

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, message);
    }

    [Test]
    public async Task List_NotANumberLimit_Answers400()
    {
        var id = (await _client.CreateAsync(FlowSamples.Minimal))["id"]!.GetValue<string>();

        var response = await _client.GetAsync($"/v2/flows/templates/{id}/revisions?limit=many");

        await response.AssertErrorAsync(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task List_UnknownDeletedOrAnotherOrganizationsFlow_Answers404()
    {
        var id = (await _client.CreateAsync(FlowSamples.Minimal))["id"]!.GetValue<string>();
        var deleted = (await _client.CreateAsync(FlowSamples.Minimal))["id"]!.GetValue<string>();
        await (await _client.DeleteAsync($"/v2/flows/templates/{deleted}")).AssertStatusAsync(HttpStatusCode.NoContent);
        using var stranger = _factory.CreateClientFor(Guid.NewGuid().ToString("N"));

        await (await _client.GetAsync("/v2/flows/templates/unknown/revisions")).AssertErrorAsync(HttpStatusCode.NotFound);
        await (await _client.GetAsync($"/v2/flows/templates/{deleted}/revisions")).AssertErrorAsync(HttpStatusCode.NotFound);
        await (await stranger.GetAsync($"/v2/flows/templates/{id}/revisions")).AssertErrorAsync(HttpStatusCode.NotFound);
    }

    // getFlowTemplateRevision

    [Test]
    public async Task Get_GivesTheFlowAsGetFlowTemplateAnsweredIt_AtThatRevision()
    {
        var created = await _client.CreateAsync(FlowSamples.Minimal);
        var id = created["id"]!.GetValue<string>();
        await PutAsync(id, Renamed(FlowSamples.Minimal, "Later"));

        var response = await _client.GetAsync($"/v2/flows/templates/{id}/revisions/1");

        await response.AssertStatusAsync(HttpStatusCode.OK);
        var revision = (await response.ReadJsonAsync()).AsObject();
        Assert.That(JsonNode.DeepEquals(revision, created), Is.True, $"{revision.ToJsonString()}\n{created.ToJsonString()}");
    }

    [TestCase("0")]
    [TestCase("-1")]
    [TestCase("one")]
    [TestCase("99999999999")]
    public async Task Get_RevisionThatIsNotAPositiveNumber_Answers400(string revision)
    {
        var id = (await _client.CreateAsync(FlowSamples.Minimal))["id"]!.GetValue<string>();

        var response = await _client.GetAsync($"/v2/flows/templates/{id}/revisions/{revision}");

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "Invalid request: revision must be a revision number (a positive integer)");
    }

    [Test]
    public async Task Get_UnknownRevisionOrAnotherOrganizationsFlow_Answers404()
    {
        var id = (await _client.CreateAsync(FlowSamples.Minimal))["id"]!.GetValue<string>();
        using var stranger = _factory.CreateClientFor(Guid.NewGuid().ToString("N"));

        await (await _client.GetAsync($"/v2/flows/templates/{id}/revisions/2"))
            .AssertErrorAsync(HttpStatusCode.NotFound, $"Revision 2 of flow template '{id}' not found");
        await (await stranger.GetAsync($"/v2/flows/templates/{id}/revisions/1")).AssertErrorAsync(HttpStatusCode.NotFound);
    }

    // diffFlowTemplateRevisions

    [Test]
    public async Task Diff_RenamedTask_IsOneReplaceAtItsName()
    {
        var id = (await _client.CreateAsync(FlowSamples.Minimal))["id"]!.GetValue<string>();
        var renamed = JsonNode.Parse(FlowSamples.Minimal)!.AsObject();
        renamed["tasks"]![1]!["name"] = "Renamed";
        await PutAsync(id, renamed.ToJsonString());

        var toCurrent = await DiffAsync(id, "?from=1");
        var toTwo = await DiffAsync(id, "?from=1&to=2");

        var expected = JsonNode.Parse("""
            {"from": 1, "to": "current", "changes": [
              {"op": "replace", "entity": "task", "id": "t2", "path": "/tasks/1/name", "old": "Second", "new": "Renamed"}]}
            """);
        Assert.Multiple(() =>
        {
            Assert.That(JsonNode.DeepEquals(toCurrent, expected), Is.True, toCurrent.ToJsonString());
            Assert.That(toTwo["to"]!.GetValue<int>(), Is.EqualTo(2));
            Assert.That(JsonNode.DeepEquals(toTwo["changes"], expected!["changes"]), Is.True, toTwo.ToJsonString());
        });
    }

    [Test]
    public async Task Diff_MovingATaskInItsArray_IsNoChange_ButAddingOneIs()
    {
        var id = (await _client.CreateAsync(FlowSamples.Minimal))["id"]!.GetValue<string>();
        var moved = JsonNode.Parse(FlowSamples.Minimal)!.AsObject();
        var tasks = moved["tasks"]!.AsArray();
        var first = tasks[0]!;
        tasks.RemoveAt(0);
        tasks.Add(first);
        await PutAsync(id, moved.ToJsonString());
        tasks.Add(new JsonObject { ["id"] = "t3", ["name"] = "Third", ["task_type"] = "MANUAL" });
        await PutAsync(id, moved.ToJsonString());

        var movedOnly = await DiffAsync(id, "?from=1&to=2");
        var added = await DiffAsync(id, "?from=2&to=3");

        Assert.Multiple(() =>
        {
            Assert.That(movedOnly["changes"]!.AsArray(), Is.Empty);
            var change = added["changes"]!.AsArray().Single()!;
            Assert.That(change["op"]!.GetValue<string>(), Is.EqualTo("add"));
            Assert.That(change["path"]!.GetValue<string>(), Is.EqualTo("/tasks/2"));
            Assert.That(change["new"]!["name"]!.GetValue<string>(), Is.EqualTo("Third"));
            Assert.That(change["old"], Is.Null);
        });
    }

    [TestCase("", "Invalid request: from must be a revision number (a positive integer)")]
    [TestCase("?from=first", "Invalid request: from must be a revision number (a positive integer)")]
    [TestCase("?from=1&to=latest", "Invalid request: to must be a revision number (a positive integer) or current")]
    public async Task Diff_WithoutAValidFromOrTo_Answers400(string query, string message)
    {
        var id = (await _client.CreateAsync(FlowSamples.Minimal))["id"]!.GetValue<string>();

        var response = await _client.GetAsync($"/v2/flows/templates/{id}/diff{query}");

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, message);
    }

    [Test]
    public async Task Diff_UnknownRevisionOrFlow_Answers404()
    {
        var id = (await _client.CreateAsync(FlowSamples.Minimal))["id"]!.GetValue<string>();

        await (await _client.GetAsync($"/v2/flows/templates/{id}/diff?from=1&to=7"))
            .AssertErrorAsync(HttpStatusCode.NotFound, $"Revision 7 of flow template '{id}' not found");
        await (await _client.GetAsync($"/v2/flows/templates/{id}/diff?from=3"))
            .AssertErrorAsync(HttpStatusCode.NotFound, $"Revision 3 of flow template '{id}' not found");
        await (await _client.GetAsync("/v2/flows/templates/unknown/diff?from=1")).AssertErrorAsync(HttpStatusCode.NotFound);
        await (await _client.GetAsync("/v2/flows/templates/unknown/diff?from=1&to=2"))
            .AssertErrorAsync(HttpStatusCode.NotFound, "Flow template with id 'unknown' not found");
    }

    // restoreFlowTemplateRevision

    [Test]
    public async Task Restore_PutsTheRevisionsContentBack_AsANewRevision()
    {
        var created = await _client.CreateAsync(FlowSamples.Minimal);
        var id = created["id"]!.GetValue<string>();
        await PutAsync(id, FlowSamples.ReviewLoop);

        var response = await _client.PostAsync($"/v2/flows/templates/{id}/revisions/1/restore", null);

        await response.AssertStatusAsync(HttpStatusCode.OK);
        var restored = (await response.ReadJsonAsync()).AsObject();
        var read = await _client.GetAsync($"/v2/flows/templates/{id}");
        var revisions = await ListAsync(id, string.Empty);
        Assert.Multiple(async () =>
        {
            Assert.That(JsonNode.DeepEquals(FlowApi.WithoutServerFields(restored), FlowApi.WithoutServerFields(created)), Is.True, restored.ToJsonString());
            Assert.That(restored["id"]!.GetValue<string>(), Is.EqualTo(id));
            Assert.That(response.Headers.ETag, Is.Not.Null);
            Assert.That(read.Headers.ETag, Is.EqualTo(response.Headers.ETag));
            Assert.That(Numbers(revisions), Is.EqualTo(new[] { 3, 2, 1 }));
            Assert.That(revisions["results"]![0]!["source"]!.GetValue<string>(), Is.EqualTo("restore"));
            Assert.That((await DiffAsync(id, "?from=1"))["changes"]!.AsArray(), Is.Empty);
        });
    }

    [Test]
    public async Task Restore_WithAStaleIfMatch_Answers412_AndChangesNothing()
    {
        var created = await _client.PostAsync("/v2/flows/templates", JsonBody(FlowSamples.Minimal));
        var id = (await created.ReadJsonAsync())["id"]!.GetValue<string>();
        var updated = await PutAsync(id, Renamed(FlowSamples.Minimal, "Kept"));

        var stale = await RestoreAsync(id, "1", created.Headers.ETag!.ToString());
        var current = await RestoreAsync(id, "1", updated.Headers.ETag!.ToString());

        await stale.AssertErrorAsync(HttpStatusCode.PreconditionFailed);
        await current.AssertStatusAsync(HttpStatusCode.OK);
        Assert.That(Numbers(await ListAsync(id, string.Empty)), Is.EqualTo(new[] { 3, 2, 1 }), "only the second restore wrote");
    }

    [Test]
    public async Task Restore_UnknownRevisionOrFlow_Answers404_AndNotANumber400()
    {
        var id = (await _client.CreateAsync(FlowSamples.Minimal))["id"]!.GetValue<string>();
        using var stranger = _factory.CreateClientFor(Guid.NewGuid().ToString("N"));

        await (await RestoreAsync(id, "5")).AssertErrorAsync(HttpStatusCode.NotFound, $"Revision 5 of flow template '{id}' not found");
        await (await RestoreAsync("unknown", "1")).AssertErrorAsync(HttpStatusCode.NotFound);
        await (await stranger.PostAsync($"/v2/flows/templates/{id}/revisions/1/restore", null)).AssertErrorAsync(HttpStatusCode.NotFound);
        await (await RestoreAsync(id, "latest")).AssertErrorAsync(HttpStatusCode.BadRequest);
        Assert.That(Numbers(await ListAsync(id, string.Empty)), Is.EqualTo(new[] { 1 }));
    }

    [Test]
    public async Task Restore_IsDeniedWithoutAToken()
    {
        using var anonymous = _factory.CreateClientWithToken(null);

        var response = await anonymous.PostAsync("/v2/flows/templates/any/revisions/1/restore", null);

        await response.AssertErrorAsync(HttpStatusCode.Unauthorized);
    }

    private static string Flow(string id) => $"/v2/flows/templates/{id}";

    private Task<HttpResponseMessage> PutAsync(string id, string json) => _client.ReplaceAsync(Flow(id), json);

    private Task<HttpResponseMessage> RestoreAsync(string id, string revision, string? ifMatch = null) => _client.RestoreAsync(Flow(id), revision, ifMatch);

    private Task<JsonObject> ListAsync(string id, string query) => _client.RevisionsAsync(Flow(id), query);

    private Task<JsonObject> DiffAsync(string id, string query) => _client.DiffAsync(Flow(id), query);

    private async Task<string[]> SourcesAsync(string id) => HistoryApi.Sources(await ListAsync(id, string.Empty));

    private static int[] Numbers(JsonObject page) => HistoryApi.Numbers(page);

    private static string Renamed(string json, string name)
    {
        var flow = JsonNode.Parse(json)!.AsObject();
        flow["name"] = name;
        return flow.ToJsonString();
    }
}
