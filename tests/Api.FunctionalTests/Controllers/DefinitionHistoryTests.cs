using System.Net;
using System.Text.Json.Nodes;
using WorkflowDefinitions.Api.FunctionalTests.Support;
using static WorkflowDefinitions.Api.FunctionalTests.Support.HttpAssertions;

namespace WorkflowDefinitions.Api.FunctionalTests.Controllers;

/// <summary>
/// The revisions of V1 workflow definitions on each store: listDefinitionRevisions, getDefinitionRevision,
/// diffDefinitionRevisions and restoreDefinitionRevision, every status they answer.
/// </summary>
[TestFixture(Store.Sqlite)]
[TestFixture(Store.Mongo)]
public class DefinitionHistoryTests(Store store)
{
    private const string Definition = """
        {"name": "Lead", "flow": [
          {"id": "s1", "type": "SECTION", "name": "Intro", "order": 1, "steps": [{"id": "x", "name": "Call", "order": 1, "type": "STEP"}]},
          {"id": "y", "name": "Mail", "order": 2, "type": "STEP"}]}
        """;

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

    [Test]
    public async Task EveryWriteOfTheDefinition_IsARevision_IncludingItsClosingReasons()
    {
        var created = await _client.PostAsync(DefinitionApi.Collection, JsonBody(Definition));
        var id = (await created.ReadJsonAsync())["id"]!.GetValue<string>();
        await PutAsync(id, WithStepName("Ring"));
        var reasons = await _client.PatchAsync($"{DefinitionApi.Collection}/{id}/closing-reasons", JsonBody("""{"reasons": [{"id": "r1"}]}"""));
        await reasons.AssertStatusAsync(HttpStatusCode.Created);
        var read = await _client.GetAsync($"{DefinitionApi.Collection}/{id}");

        var page = await ListAsync(id, string.Empty);

        var results = page["results"]!.AsArray();
        Assert.Multiple(() =>
        {
            Assert.That(results.Select(r => r!["revision"]!.GetValue<int>()), Is.EqualTo(new[] { 3, 2, 1 }));
            Assert.That(results.Select(r => r!["source"]!.GetValue<string>()), Is.EqualTo(new[] { "update", "update", "create" }));
            Assert.That(results[0]!["etag"]!.GetValue<string>(), Is.EqualTo(read.Headers.ETag!.ToString()));
            Assert.That(results[2]!["etag"]!.GetValue<string>(), Is.EqualTo(created.Headers.ETag!.ToString()));
        });
    }

    [Test]
    public async Task Get_GivesTheDefinitionAsGetDefinitionAnsweredIt_AtThatRevision()
    {
        var created = await _client.CreateDefinitionAsync(Definition);
        var id = created["id"]!.GetValue<string>();
        await PutAsync(id, WithStepName("Ring"));

        var response = await _client.GetAsync($"{DefinitionApi.Collection}/{id}/revisions/1");

        await response.AssertStatusAsync(HttpStatusCode.OK);
        var revision = await response.ReadJsonAsync();
        Assert.That(JsonNode.DeepEquals(revision, created), Is.True, $"{revision.ToJsonString()}\n{created.ToJsonString()}");
    }

    [Test]
    public async Task Diff_RenamedStepInASection_IsOneReplaceAtItsName()
    {
        var id = (await _client.CreateDefinitionAsync(Definition))["id"]!.GetValue<string>();
        await PutAsync(id, WithStepName("Ring"));

        var response = await _client.GetAsync($"{DefinitionApi.Collection}/{id}/diff?from=1");

        await response.AssertStatusAsync(HttpStatusCode.OK);
        var expected = JsonNode.Parse("""
            {"from": 1, "to": "current", "changes": [
              {"op": "replace", "entity": "task", "id": "x", "path": "/flow/0/steps/0/name", "old": "Call", "new": "Ring"}]}
            """);
        var diff = await response.ReadJsonAsync();
        Assert.That(JsonNode.DeepEquals(diff, expected), Is.True, diff.ToJsonString());
    }

    [Test]
    public async Task Restore_PutsTheRevisionsContentBack_AndHonoursIfMatch()
    {
        var created = await _client.CreateDefinitionAsync(Definition);
        var id = created["id"]!.GetValue<string>();
        var updated = await PutAsync(id, WithStepName("Ring"));

        var stale = await RestoreAsync(id, "1", "\"stale\"");
        var restored = await RestoreAsync(id, "1", updated.Headers.ETag!.ToString());

        await stale.AssertErrorAsync(HttpStatusCode.PreconditionFailed);
        await restored.AssertStatusAsync(HttpStatusCode.OK);
        var body = (await restored.ReadJsonAsync()).AsObject();
        var page = await ListAsync(id, string.Empty);
        Assert.Multiple(() =>
        {
            Assert.That(JsonNode.DeepEquals(DefinitionApi.WithoutServerFields(body), DefinitionApi.WithoutServerFields(created)), Is.True, body.ToJsonString());
            Assert.That(restored.Headers.ETag, Is.Not.Null);
            Assert.That(page["results"]!.AsArray().Select(r => r!["source"]!.GetValue<string>()), Is.EqualTo(new[] { "restore", "update", "create" }));
        });
    }

    [Test]
    public async Task UnknownDefinitionRevisionOrAnotherOrganizations_Answer404()
    {
        var id = (await _client.CreateDefinitionAsync(Definition))["id"]!.GetValue<string>();
        using var stranger = _factory.CreateClientFor(Guid.NewGuid().ToString("N"));
        var revisions = $"{DefinitionApi.Collection}/{id}/revisions";

        await (await _client.GetAsync($"{DefinitionApi.Collection}/unknown/revisions")).AssertErrorAsync(HttpStatusCode.NotFound);
        await (await stranger.GetAsync(revisions)).AssertErrorAsync(HttpStatusCode.NotFound);
        await (await _client.GetAsync($"{revisions}/4")).AssertErrorAsync(HttpStatusCode.NotFound, $"Revision 4 of definition '{id}' not found");
        await (await stranger.GetAsync($"{revisions}/1")).AssertErrorAsync(HttpStatusCode.NotFound);
        await (await _client.GetAsync($"{DefinitionApi.Collection}/{id}/diff?from=2")).AssertErrorAsync(HttpStatusCode.NotFound);
        await (await stranger.GetAsync($"{DefinitionApi.Collection}/{id}/diff?from=1&to=1")).AssertErrorAsync(HttpStatusCode.NotFound);
        await (await RestoreAsync(id, "2")).AssertErrorAsync(HttpStatusCode.NotFound);
        await (await stranger.PostAsync($"{revisions}/1/restore", null)).AssertErrorAsync(HttpStatusCode.NotFound);
    }

    [TestCase("/revisions?limit=0")]
    [TestCase("/revisions?cursor=x")]
    [TestCase("/revisions/first")]
    [TestCase("/diff")]
    [TestCase("/diff?from=1&to=0")]
    [TestCase("/revisions/0/restore")]
    public async Task MalformedParameters_Answer400(string suffix)
    {
        var id = (await _client.CreateDefinitionAsync(Definition))["id"]!.GetValue<string>();
        var path = $"{DefinitionApi.Collection}/{id}{suffix}";

        var response = suffix.EndsWith("/restore", StringComparison.Ordinal) ? await _client.PostAsync(path, null) : await _client.GetAsync(path);

        var body = await response.AssertErrorAsync(HttpStatusCode.BadRequest);
        Assert.That(body["message"]!.GetValue<string>(), Does.StartWith("Invalid request: "));
    }

    private static string WithStepName(string name)
    {
        var definition = JsonNode.Parse(Definition)!.AsObject();
        definition["flow"]![0]!["steps"]![0]!["name"] = name;
        return definition.ToJsonString();
    }

    private static string PathOf(string id) => $"{DefinitionApi.Collection}/{id}";

    private Task<HttpResponseMessage> PutAsync(string id, string json) => _client.ReplaceAsync(PathOf(id), json);

    private Task<HttpResponseMessage> RestoreAsync(string id, string revision, string? ifMatch = null) => _client.RestoreAsync(PathOf(id), revision, ifMatch);

    private Task<JsonObject> ListAsync(string id, string query) => _client.RevisionsAsync(PathOf(id), query);
}
