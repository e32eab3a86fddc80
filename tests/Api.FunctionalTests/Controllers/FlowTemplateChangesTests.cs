using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WorkflowDefinitions.Api.FunctionalTests.Support;
using WorkflowDefinitions.Application.Workflows.History;
using WorkflowDefinitions.TestSupport;
using static WorkflowDefinitions.Api.FunctionalTests.Support.HttpAssertions;

namespace WorkflowDefinitions.Api.FunctionalTests.Controllers;

/// <summary>The organization's change feed of flows (listFlowTemplateChanges) on each store: order, cursors, long poll, 400 and 410.</summary>
[TestFixture(Store.Sqlite)]
[TestFixture(Store.Mongo)]
public class FlowTemplateChangesTests(Store store)
{
    private const string Changes = "/v2/flows/templates:changes";

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
    public async Task Feed_ListsEveryWriteOfTheOrganizationsFlows_InCommitOrder()
    {
        var id = (await _client.CreateAsync(FlowSamples.Minimal))["id"]!.GetValue<string>();
        await (await _client.PutAsync($"/v2/flows/templates/{id}", JsonBody(FlowApi.Named("Renamed")))).AssertStatusAsync(HttpStatusCode.OK);
        await (await _client.PostAsync($"/v2/flows/templates/{id}/revisions/1/restore", null)).AssertStatusAsync(HttpStatusCode.OK);
        var copy = await (await _client.PostAsync($"/v2/flows/templates/{id}/duplicate", null)).ReadJsonAsync();
        await (await _client.DeleteAsync($"/v2/flows/templates/{id}")).AssertStatusAsync(HttpStatusCode.NoContent);
        using var stranger = _factory.CreateClientFor(Guid.NewGuid().ToString("N"));
        await stranger.CreateAsync(FlowSamples.Minimal);

        var feed = await ReadAsync(string.Empty);

        var changes = feed["changes"]!.AsArray();
        Assert.That(
            changes.Select(c => (c!["type"]!.GetValue<string>(), c["flow_id"]!.GetValue<string>(), c["revision"]?.GetValue<int>())),
            Is.EqualTo(new (string, string, int?)[]
            {
                ("created", id, 1), ("updated", id, 2), ("restored", id, 3), ("created", copy["id"]!.GetValue<string>(), 1), ("deleted", id, null),
            }));
        Assert.Multiple(() =>
        {
            Assert.That(feed["next_cursor"]!.GetValue<string>(), Is.EqualTo(changes[^1]!["cursor"]!.GetValue<string>()));
            Assert.That(changes.Select(c => long.Parse(c!["cursor"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)), Is.Ordered.Ascending);
            Assert.That(changes[0]!["at"]!.GetValue<string>(), Does.Match(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$"));
        });
    }

    [Test]
    public async Task Feed_FollowedByItsCursor_GivesEachChangeOnce_ThenNothing_WithTheSameCursor()
    {
        for (var i = 0; i < 5; i++)
        {
            await _client.CreateAsync(FlowApi.Named($"Flow {i}"));
        }

        var first = await ReadAsync("?limit=3");
        var second = await ReadAsync($"?limit=3&after={first["next_cursor"]}");
        var end = await ReadAsync($"?limit=3&after={second["next_cursor"]}");

        Assert.Multiple(() =>
        {
            Assert.That(first["changes"]!.AsArray(), Has.Count.EqualTo(3));
            Assert.That(second["changes"]!.AsArray(), Has.Count.EqualTo(2));
            Assert.That(end["changes"]!.AsArray(), Is.Empty);
            Assert.That(end["next_cursor"]!.GetValue<string>(), Is.EqualTo(second["next_cursor"]!.GetValue<string>()));
        });
    }

    [Test]
    public async Task Feed_OfAnOrganizationWithoutChanges_IsEmpty_WithACursorToFollow()
    {
        var empty = await ReadAsync(string.Empty);
        await _client.CreateAsync(FlowSamples.Minimal);
        var next = await ReadAsync($"?after={empty["next_cursor"]}");

        Assert.Multiple(() =>
        {
            Assert.That(empty["changes"]!.AsArray(), Is.Empty);
            Assert.That(next["changes"]!.AsArray(), Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task Feed_IsAlsoReachableWithAnEncodedColon()
    {
        await _client.CreateAsync(FlowSamples.Minimal);

        var response = await _client.GetAsync("/v2/flows/templates%3Achanges");

        await response.AssertStatusAsync(HttpStatusCode.OK);
        Assert.That((await response.ReadJsonAsync())["changes"]!.AsArray(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task LongPoll_AnswersAsSoonAsAChangeIsCommitted()
    {
        var start = await ReadAsync(string.Empty);
        var clock = Stopwatch.StartNew();
        var waiting = _client.GetAsync($"{Changes}?after={start["next_cursor"]}&wait=30");
        await Task.Delay(200);
        Assert.That(waiting.IsCompleted, Is.False, "nothing to answer yet");

        var created = await _client.CreateAsync(FlowSamples.Minimal);
        var response = await waiting;

        await response.AssertStatusAsync(HttpStatusCode.OK);
        var changes = (await response.ReadJsonAsync())["changes"]!.AsArray();
        Assert.Multiple(() =>
        {
            Assert.That(changes.Single()!["flow_id"]!.GetValue<string>(), Is.EqualTo(created["id"]!.GetValue<string>()));
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(20)), "answered on the commit, not at the end of the wait");
        });
    }

    [Test]
    public async Task LongPoll_WithNothingNew_AnswersEmptyAtTheEndOfTheWait()
    {
        var start = await ReadAsync(string.Empty);

        var waited = await ReadAsync($"?after={start["next_cursor"]}&wait=1");

        Assert.Multiple(() =>
        {
            Assert.That(waited["changes"]!.AsArray(), Is.Empty);
            Assert.That(waited["next_cursor"]!.GetValue<string>(), Is.EqualTo(start["next_cursor"]!.GetValue<string>()));
        });
    }

    [TestCase("?after=abc", "Invalid request: after must be a cursor from a previous answer")]
    [TestCase("?after=-1", "Invalid request: after must be a cursor from a previous answer")]
    [TestCase("?limit=0", "Invalid request: limit must be an integer from 1 to 1000")]
    [TestCase("?limit=1001", "Invalid request: limit must be an integer from 1 to 1000")]
    [TestCase("?wait=31", "Invalid request: wait must be an integer from 0 to 30")]
    [TestCase("?wait=-1", "Invalid request: wait must be an integer from 0 to 30")]
    public async Task OutOfRangeParameters_Answer400(string query, string message)
    {
        var response = await _client.GetAsync(Changes + query);

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, message);
    }

    [Test]
    public async Task ACursorBeforePurgedChanges_Answers410_AndTheFeedStartsAgainWithoutOne()
    {
        await _client.CreateAsync(FlowSamples.Minimal);
        await _client.CreateAsync(FlowSamples.Minimal);
        var first = await ReadAsync("?limit=1");
        using (var scope = _factory.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<IFlowChangeFeed>().PurgeAsync(DateTimeOffset.UtcNow.AddMinutes(1), CancellationToken.None);
        }

        var expired = await _client.GetAsync($"{Changes}?after={first["next_cursor"]}");
        var restart = await ReadAsync(string.Empty);
        await _client.CreateAsync(FlowSamples.Minimal);
        var afterRestart = await ReadAsync($"?after={restart["next_cursor"]}");

        await expired.AssertErrorAsync(
            HttpStatusCode.Gone,
            $"Cursor {first["next_cursor"]} is older than the changes still retained; read the feed again from the start (no cursor)");
        Assert.Multiple(() =>
        {
            Assert.That(restart["changes"]!.AsArray(), Is.Empty);
            Assert.That(afterRestart["changes"]!.AsArray(), Has.Count.EqualTo(1));
        });
    }

    private async Task<JsonObject> ReadAsync(string query)
    {
        var response = await _client.GetAsync(Changes + query);
        await response.AssertStatusAsync(HttpStatusCode.OK);
        return (await response.ReadJsonAsync()).AsObject();
    }
}
