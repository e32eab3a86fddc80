using System.Net;
using System.Text.Json.Nodes;
using WorkflowDefinitions.Api.FunctionalTests.Support;
using WorkflowDefinitions.TestSupport;
using static WorkflowDefinitions.Api.FunctionalTests.Support.HttpAssertions;

namespace WorkflowDefinitions.Api.FunctionalTests.Controllers;

/// <summary>Contract checklist rows 2-8: every success and client-error status of the V1 definition operations.</summary>
public class WorkflowDefinitionsControllerTests
{
    private const string Collection = DefinitionApi.Collection;
    private const string Timestamp = @"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$";

    private ApiFactory _factory = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public void StartService() => _factory = new ApiFactory(new Dictionary<string, string?> { ["WorkflowLimits:PerOrg:small-org"] = "2" });

    [OneTimeTearDown]
    public void StopService() => _factory.Dispose();

    [SetUp]
    public void UseAFreshOrganization() => _client = _factory.CreateClientFor(Guid.NewGuid().ToString("N"));

    [TearDown]
    public void DisposeClient() => _client.Dispose();

    // Row 3: createDefinition

    [Test]
    public async Task Create_TheSpecExample_Answers201WithServerFieldsLocationAndGeneratedItemIds()
    {
        var response = await _client.PostAsync(Collection, JsonBody(DefinitionSamples.LeadQualification));

        await response.AssertStatusAsync(HttpStatusCode.Created);
        var created = (await response.ReadJsonAsync()).AsObject();
        var id = created.Id();
        var itemIds = created["flow"]!.AsArray()
            .SelectMany(item => new[] { item!["id"] }.Concat(item["steps"]?.AsArray().Select(step => step!["id"]) ?? []))
            .Select(itemId => itemId!.GetValue<string>()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(id, Does.Match("^[0-9a-z]{8}$").And.Match("[a-z]"));
            Assert.That(response.Headers.Location?.AbsolutePath, Is.EqualTo($"{Collection}/{id}"));
            Assert.That(created["creationTime"]!.GetValue<string>(), Does.Match(Timestamp));
            Assert.That(created["lastUpdateTime"]!.GetValue<string>(), Is.EqualTo(created["creationTime"]!.GetValue<string>()));
            Assert.That(created["enabled"]!.GetValue<bool>(), Is.True);
            Assert.That(itemIds, Has.Count.EqualTo(5).And.Unique.And.All.Match("^[0-9a-z]{7}$"));
            Assert.That(JsonNode.DeepEquals(WithoutIds(created), WithoutIds(JsonNode.Parse(DefinitionSamples.LeadQualification)!.AsObject())), Is.True,
                created.ToJsonString());
        });
    }

    [Test]
    public async Task Create_IgnoresServerFields_AndDropsOrganizationFields()
    {
        var created = await _client.CreateDefinitionAsync("""
            {"id": "mine", "creationTime": "2000-01-01T00:00:00.000Z", "lastUpdateTime": "x", "org_id": "evil", "orgId": 7,
             "name": "Server fields", "flow": []}
            """);

        Assert.Multiple(() =>
        {
            Assert.That(created.Id(), Is.Not.EqualTo("mine"));
            Assert.That(created["creationTime"]!.GetValue<string>(), Does.Not.StartWith("2000"));
            Assert.That(created.ContainsKey("org_id"), Is.False);
            Assert.That(created.ContainsKey("orgId"), Is.False);
        });
    }

    [TestCase(1)]
    [TestCase(2)]
    public async Task Create_ThenGet_RoundTripsUnknownPropertiesAtEveryDepth(int seed)
    {
        var sent = ExtraPropertyInjector.Inject(JsonNode.Parse(DefinitionSamples.WithReferences)!.AsObject(), seed);

        var created = await _client.CreateDefinitionAsync(sent.ToJsonString());
        var fetched = await _client.GetDefinitionAsync(created.Id());

        Assert.Multiple(() =>
        {
            Assert.That(JsonNode.DeepEquals(DefinitionApi.WithoutServerFields(created), sent), Is.True, created.ToJsonString());
            Assert.That(fetched.ToJsonString(), Is.EqualTo(created.ToJsonString()));
        });
    }

    [Test]
    public async Task Create_WithAnInvalidDefinition_Answers400ListingEveryViolationWithItsPath()
    {
        var response = await _client.PostAsync(Collection, JsonBody("""
            {"name": "", "flow": [{"id": "a", "name": "S", "order": 1, "type": "SECTION", "steps": [{"id": "a", "name": "Nested", "order": 1, "type": "SECTION", "steps": []}]},
                                  {"id": "b", "name": "T", "order": 1.5, "type": "STEP", "requirements": [{"definitionId": "b", "type": "STEP", "condition": "CLOSED"}]}],
             "closingReasons": [{"id": "r"}, {"id": "r"}]}
            """));

        var body = await response.AssertErrorAsync(HttpStatusCode.BadRequest);
        var paths = body["errors"]!.AsArray().Select(e => e!["path"]!.GetValue<string>()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(body["message"]!.GetValue<string>(), Does.StartWith("Invalid request body: name must not be empty; "));
            Assert.That(paths, Is.SupersetOf(new[] { "name", "flow[0].steps[0].type", "flow[1].order", "closingReasons[1].id" }));
        });
    }

    [TestCase("""{"flow": []}""", "Invalid request body: name is required")]
    [TestCase("""{"name": "No flow"}""", "Invalid request body: flow is required")]
    [TestCase("""{"name": "Bad item", "flow": [{"name": "X", "order": 1, "type": "PHASE"}]}""", "Invalid request body: flow[0].type must be one of STEP, SECTION")]
    [TestCase("""{"name": "Bad date", "dueDate": "tomorrow", "flow": []}""", "Invalid request body: dueDate must be an ISO-8601 date or date-time")]
    [TestCase("""{"name": "x", "flow": [], "name": "y"}""", "Invalid request body: name is a repeated property name")]
    [TestCase("[]", "Invalid request body: malformed JSON")]
    public async Task Create_WithABadBody_Answers400(string json, string message)
    {
        var response = await _client.PostAsync(Collection, JsonBody(json));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, message);
    }

    [Test]
    public async Task Create_TheCliSamplePlaceholder_Answers400BecauseItReusesOneIdForASectionAndAStep()
    {
        var response = await _client.PostAsync(Collection, JsonBody("""
            {"name": "string", "flow": [{"id": "string", "name": "string", "order": 0, "type": "SECTION", "steps": [{"id": "string", "name": "string", "order": 0, "type": "STEP"}]}]}
            """));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest,
            "Invalid request body: flow[0].steps[0].id 'string' is used by more than one section or step");
    }

    // Row 1 and §4: the quota V1 definitions share with V2 flows

    [Test]
    public async Task Create_SharesTheQuotaWithFlows_AndDeleteFreesASlot()
    {
        using var client = _factory.CreateClientFor("small-org");
        var definition = await client.CreateDefinitionAsync(DefinitionApi.Named("Counted"));
        await client.CreateAsync(FlowApi.Named("Also counted"));

        var refused = await client.PostAsync(Collection, JsonBody(DefinitionApi.Named("One too many")));
        var count = await client.WorkflowCountAsync();
        await (await client.DeleteAsync($"{Collection}/{definition.Id()}")).AssertStatusAsync(HttpStatusCode.NoContent);
        var accepted = await client.PostAsync(Collection, JsonBody(DefinitionApi.Named("Fits again")));

        await refused.AssertErrorAsync(HttpStatusCode.BadRequest, "Maximum number of workflows reached (2/2)");
        await accepted.AssertStatusAsync(HttpStatusCode.Created);
        Assert.That(count, Is.EqualTo(2));
    }

    // Row 2: getDefinitions

    [Test]
    public async Task List_ReturnsOnlyTheOrganizationsDefinitions_OldestFirst()
    {
        using var other = _factory.CreateClientFor(Guid.NewGuid().ToString("N"));
        await other.CreateDefinitionAsync(DefinitionApi.Named("Theirs"));
        await _client.CreateAsync(FlowApi.Named("A V2 flow"));
        var created = new List<JsonObject>();
        foreach (var name in new[] { "First", "Second", "Third" })
        {
            created.Add(await _client.CreateDefinitionAsync(DefinitionApi.Named(name)));
        }

        var response = await _client.GetAsync(Collection);

        // D16: creationTime ascending, then id (two creates in one millisecond share a creationTime).
        var oldestFirst = created
            .OrderBy(d => d["creationTime"]!.GetValue<string>(), StringComparer.Ordinal)
            .ThenBy(d => d.Id(), StringComparer.Ordinal)
            .ToList();
        await response.AssertStatusAsync(HttpStatusCode.OK);
        var listed = (await response.ReadJsonAsync()).AsArray();
        Assert.Multiple(() =>
        {
            Assert.That(listed.Select(d => d!["id"]!.GetValue<string>()), Is.EqualTo(oldestFirst.Select(d => d.Id())));
            Assert.That(listed.Select(d => d!["name"]!.GetValue<string>()), Is.EqualTo(oldestFirst.Select(d => d["name"]!.GetValue<string>())));
        });
    }

    [Test]
    public async Task List_OfANewOrganization_IsAnEmptyArray()
    {
        var response = await _client.GetAsync(Collection);

        await response.AssertStatusAsync(HttpStatusCode.OK);
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("[]"));
    }

    // Row 4: getDefinition

    [Test]
    public async Task Get_ReturnsTheDefinitionAsStored()
    {
        var created = await _client.CreateDefinitionAsync(DefinitionSamples.WithReferences);

        var fetched = await _client.GetDefinitionAsync(created.Id());

        Assert.Multiple(() =>
        {
            Assert.That(fetched.ToJsonString(), Is.EqualTo(created.ToJsonString()));
            Assert.That(fetched["closingReasons"]!.ToJsonString(), Is.EqualTo("""[{"id":"x739cew","title":"Done"},{"id":"gone"}]"""));
            Assert.That(fetched["enabled"]!.GetValue<bool>(), Is.False);
        });
    }

    [Test]
    public async Task Get_OfAnUnknownIdAnotherOrganizationsDefinitionOrAFlow_Answers404()
    {
        using var other = _factory.CreateClientFor(Guid.NewGuid().ToString("N"));
        var theirs = await other.CreateDefinitionAsync(DefinitionApi.Named("Theirs"));
        var flow = await _client.CreateAsync(FlowApi.Named("A V2 flow"));

        var unknown = await _client.GetAsync($"{Collection}/7hj28akg");
        var foreign = await _client.GetAsync($"{Collection}/{theirs.Id()}");
        var flowId = await _client.GetAsync($"{Collection}/{flow.Id()}");

        await unknown.AssertErrorAsync(HttpStatusCode.NotFound, "Definition with id '7hj28akg' not found");
        await foreign.AssertErrorAsync(HttpStatusCode.NotFound, $"Definition with id '{theirs.Id()}' not found");
        await flowId.AssertErrorAsync(HttpStatusCode.NotFound, $"Definition with id '{flow.Id()}' not found");
    }

    [TestCase("a%20b")]
    [TestCase("x.y")]
    public async Task Get_WithAnInvalidIdSyntax_Answers400(string id)
    {
        var response = await _client.GetAsync($"{Collection}/{id}");

        var body = await response.AssertErrorAsync(HttpStatusCode.BadRequest);
        Assert.That(body["message"]!.GetValue<string>(), Does.StartWith("Invalid request: definitionId must be"));
    }

    // Row 5: updateDefinition

    [Test]
    public async Task Update_ReplacesTheWholeDefinition_KeepingIdAndCreationTime()
    {
        var created = await _client.CreateDefinitionAsync(DefinitionSamples.WithReferences);
        await Task.Delay(5);

        var response = await _client.PutAsync($"{Collection}/{created.Id()}", JsonBody("""
            {"id": "ignored", "creationTime": "2000-01-01T00:00:00.000Z", "name": "Replaced", "flow": [{"id": "only", "name": "One step", "order": 1, "type": "STEP"}]}
            """));

        await response.AssertStatusAsync(HttpStatusCode.OK);
        var updated = (await response.ReadJsonAsync()).AsObject();
        Assert.Multiple(() =>
        {
            Assert.That(updated.Id(), Is.EqualTo(created.Id()));
            Assert.That(updated["creationTime"]!.ToJsonString(), Is.EqualTo(created["creationTime"]!.ToJsonString()));
            Assert.That(string.CompareOrdinal(updated["lastUpdateTime"]!.GetValue<string>(), created["lastUpdateTime"]!.GetValue<string>()), Is.Positive);
            Assert.That(DefinitionApi.WithoutServerFields(updated).ToJsonString(),
                Is.EqualTo("""{"name":"Replaced","flow":[{"id":"only","name":"One step","order":1,"type":"STEP"}],"enabled":true}"""),
                "absent optional fields are removed and enabled re-defaults to true");
        });
        Assert.That((await _client.GetDefinitionAsync(created.Id())).ToJsonString(), Is.EqualTo(updated.ToJsonString()));
    }

    [Test]
    public async Task Update_WithAnInvalidDefinition_Answers400AndChangesNothing()
    {
        var created = await _client.CreateDefinitionAsync(DefinitionSamples.WithReferences);

        var response = await _client.PutAsync($"{Collection}/{created.Id()}", JsonBody("""{"name": "Broken", "flow": [{"name": "S", "type": "STEP"}]}"""));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "Invalid request body: flow[0].order is required");
        Assert.That((await _client.GetDefinitionAsync(created.Id())).ToJsonString(), Is.EqualTo(created.ToJsonString()));
    }

    [Test]
    public async Task Update_OfAnUnknownOrForeignDefinition_Answers404EvenWithABadBody_AndAnInvalidId400()
    {
        using var other = _factory.CreateClientFor(Guid.NewGuid().ToString("N"));
        var theirs = await other.CreateDefinitionAsync(DefinitionApi.Named("Theirs"));

        var unknown = await _client.PutAsync($"{Collection}/7hj28akg", JsonBody("""{"name": ""}"""));
        var foreign = await _client.PutAsync($"{Collection}/{theirs.Id()}", JsonBody(DefinitionApi.Named("Hijacked")));
        var invalid = await _client.PutAsync($"{Collection}/x.y", JsonBody(DefinitionApi.Named("Invalid id")));

        await unknown.AssertErrorAsync(HttpStatusCode.NotFound, "Definition with id '7hj28akg' not found");
        await foreign.AssertErrorAsync(HttpStatusCode.NotFound, $"Definition with id '{theirs.Id()}' not found");
        await invalid.AssertErrorAsync(HttpStatusCode.BadRequest);
        Assert.That((await other.GetDefinitionAsync(theirs.Id()))["name"]!.GetValue<string>(), Is.EqualTo("Theirs"));
    }

    [Test]
    public async Task Update_AtTheQuota_IsStillAllowed()
    {
        using var client = _factory.CreateClientFor("small-org-update");
        var definition = await client.CreateDefinitionAsync(DefinitionApi.Named("Existing"));
        using var limited = new ApiFactory(new Dictionary<string, string?> { ["WorkflowLimits:PerOrg:small-org-update"] = "0" }, databasePath: _factory.DatabasePath);
        using var limitedClient = limited.CreateClientFor("small-org-update");

        var response = await limitedClient.PutAsync($"{Collection}/{definition.Id()}", JsonBody(DefinitionApi.Named("Renamed")));

        await response.AssertStatusAsync(HttpStatusCode.OK);
    }

    // Row 6: deleteDefinition

    [Test]
    public async Task Delete_Answers204WithoutBody_ThenTheDefinitionIsGone_AndTheCatalogIsUntouched()
    {
        var reason = await _client.PostAsync("/v1/workflows/closing-reasons", JsonBody("""{"id": "x739cew", "title": "Done"}"""));
        await reason.AssertStatusAsync(HttpStatusCode.Created);
        var created = await _client.CreateDefinitionAsync(DefinitionSamples.WithReferences);

        var response = await _client.DeleteAsync($"{Collection}/{created.Id()}");

        await response.AssertStatusAsync(HttpStatusCode.NoContent);
        Assert.Multiple(async () =>
        {
            Assert.That(await response.Content.ReadAsStringAsync(), Is.Empty);
            await (await _client.GetAsync($"{Collection}/{created.Id()}")).AssertErrorAsync(HttpStatusCode.NotFound);
            await (await _client.GetAsync("/v2/workflows/closing-reasons/x739cew")).AssertStatusAsync(HttpStatusCode.OK);
            Assert.That(await _client.WorkflowCountAsync(), Is.Zero);
        });
    }

    [TestCase("7hj28akg")]
    [TestCase("x.y")]
    public async Task Delete_OfAnUnknownOrInvalidId_Answers404(string id)
    {
        var response = await _client.DeleteAsync($"{Collection}/{id}");

        await response.AssertErrorAsync(HttpStatusCode.NotFound, $"Definition with id '{id}' not found");
    }

    [Test]
    public async Task Delete_OfAnotherOrganizationsDefinitionOrAFlow_Answers404AndKeepsThem()
    {
        using var other = _factory.CreateClientFor(Guid.NewGuid().ToString("N"));
        var theirs = await other.CreateDefinitionAsync(DefinitionApi.Named("Theirs"));
        var flow = await _client.CreateAsync(FlowApi.Named("A V2 flow"));

        var foreign = await _client.DeleteAsync($"{Collection}/{theirs.Id()}");
        var flowId = await _client.DeleteAsync($"{Collection}/{flow.Id()}");

        await foreign.AssertErrorAsync(HttpStatusCode.NotFound);
        await flowId.AssertErrorAsync(HttpStatusCode.NotFound);
        await other.GetDefinitionAsync(theirs.Id());
        await _client.GetFlowAsync(flow.Id());
    }

    // Row 7: getWorkflowClosingReasons

    [Test]
    public async Task GetClosingReasons_ReturnsTheStoredListAsSent_OrAnEmptyOne()
    {
        var withReasons = await _client.CreateDefinitionAsync(DefinitionSamples.WithReferences);
        var without = await _client.CreateDefinitionAsync(DefinitionApi.Named("No reasons"));

        var listed = await _client.GetAsync($"{Collection}/{withReasons.Id()}/closing-reasons");
        var empty = await _client.GetAsync($"{Collection}/{without.Id()}/closing-reasons");

        await listed.AssertStatusAsync(HttpStatusCode.OK);
        await empty.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Multiple(async () =>
        {
            Assert.That(await listed.Content.ReadAsStringAsync(), Is.EqualTo("""{"reasons":[{"id":"x739cew","title":"Done"},{"id":"gone"}]}"""));
            Assert.That(await empty.Content.ReadAsStringAsync(), Is.EqualTo("""{"reasons":[]}"""));
        });
    }

    [Test]
    public async Task GetClosingReasons_OfAnUnknownIdAFlowOrAnInvalidId_Answers404()
    {
        var flow = await _client.CreateAsync(FlowApi.Named("A V2 flow"));

        foreach (var id in new[] { "7hj28akg", flow.Id(), "x.y" })
        {
            var response = await _client.GetAsync($"{Collection}/{id}/closing-reasons");

            await response.AssertErrorAsync(HttpStatusCode.NotFound, $"Definition with id '{id}' not found");
        }
    }

    // Row 8: setWorkflowClosingReasons

    [Test]
    public async Task SetClosingReasons_Answers201WithoutBody_ReplacesTheListAndBumpsLastUpdateTime()
    {
        var created = await _client.CreateDefinitionAsync(DefinitionSamples.WithReferences);
        await Task.Delay(5);

        var response = await _client.PatchAsync($"{Collection}/{created.Id()}/closing-reasons",
            JsonBody("""{"reasons": [{"id": "fxcwfw", "x_note": {"kept": [1.50]}}, {"id": "7889"}]}"""));

        await response.AssertStatusAsync(HttpStatusCode.Created);
        var fetched = await _client.GetDefinitionAsync(created.Id());
        var reasons = await _client.GetAsync($"{Collection}/{created.Id()}/closing-reasons");
        var expected = created.DeepClone().AsObject();
        expected["closingReasons"] = JsonNode.Parse("""[{"id": "fxcwfw", "x_note": {"kept": [1.50]}}, {"id": "7889"}]""");
        expected["lastUpdateTime"] = fetched["lastUpdateTime"]!.DeepClone();
        Assert.Multiple(async () =>
        {
            Assert.That(await response.Content.ReadAsStringAsync(), Is.Empty);
            Assert.That(response.Content.Headers.ContentLength, Is.Zero);
            Assert.That(JsonNode.DeepEquals(fetched, expected), Is.True, fetched.ToJsonString());
            Assert.That(string.CompareOrdinal(fetched["lastUpdateTime"]!.GetValue<string>(), created["lastUpdateTime"]!.GetValue<string>()), Is.Positive);
            Assert.That(await reasons.Content.ReadAsStringAsync(), Is.EqualTo("""{"reasons":[{"id":"fxcwfw","x_note":{"kept":[1.50]}},{"id":"7889"}]}"""));
        });
    }

    [Test]
    public async Task SetClosingReasons_WithAnEmptyList_ClearsThem()
    {
        var created = await _client.CreateDefinitionAsync(DefinitionSamples.WithReferences);

        var response = await _client.PatchAsync($"{Collection}/{created.Id()}/closing-reasons", JsonBody("""{"reasons": []}"""));

        await response.AssertStatusAsync(HttpStatusCode.Created);
        var reasons = await _client.GetAsync($"{Collection}/{created.Id()}/closing-reasons");
        Assert.That(await reasons.Content.ReadAsStringAsync(), Is.EqualTo("""{"reasons":[]}"""));
    }

    [TestCase("{}", "Invalid request body: reasons is required")]
    [TestCase("""{"reasons": {"id": "a"}}""", "Invalid request body: reasons must be an array")]
    [TestCase("""{"reasons": [{"title": "no id"}]}""", "Invalid request body: reasons[0].id is required")]
    [TestCase("""{"reasons": [{"id": ""}]}""", "Invalid request body: reasons[0].id must not be empty")]
    [TestCase("""{"reasons": [{"id": "a"}, {"id": "a"}]}""", "Invalid request body: reasons[1].id 'a' is listed more than once")]
    public async Task SetClosingReasons_WithABadBody_Answers400AndChangesNothing(string json, string message)
    {
        var created = await _client.CreateDefinitionAsync(DefinitionSamples.WithReferences);

        var response = await _client.PatchAsync($"{Collection}/{created.Id()}/closing-reasons", JsonBody(json));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, message);
        Assert.That((await _client.GetDefinitionAsync(created.Id())).ToJsonString(), Is.EqualTo(created.ToJsonString()));
    }

    [Test]
    public async Task SetClosingReasons_OfAnUnknownIdOrAFlow_Answers404EvenWithABadBody_AndAnInvalidId400()
    {
        var flow = await _client.CreateAsync(FlowApi.Named("A V2 flow"));

        var unknown = await _client.PatchAsync($"{Collection}/7hj28akg/closing-reasons", JsonBody("{}"));
        var flowId = await _client.PatchAsync($"{Collection}/{flow.Id()}/closing-reasons", JsonBody("""{"reasons": []}"""));
        var invalid = await _client.PatchAsync($"{Collection}/x.y/closing-reasons", JsonBody("""{"reasons": []}"""));

        await unknown.AssertErrorAsync(HttpStatusCode.NotFound, "Definition with id '7hj28akg' not found");
        await flowId.AssertErrorAsync(HttpStatusCode.NotFound, $"Definition with id '{flow.Id()}' not found");
        await invalid.AssertErrorAsync(HttpStatusCode.BadRequest);
    }

    private static JsonObject WithoutIds(JsonObject definition)
    {
        var copy = DefinitionApi.WithoutServerFields(definition);
        foreach (var item in copy["flow"]!.AsArray())
        {
            item!.AsObject().Remove("id");
            foreach (var step in item["steps"]?.AsArray() ?? [])
            {
                step!.AsObject().Remove("id");
            }
        }

        copy.Remove("enabled");
        return copy;
    }
}
