using System.Net;
using System.Text.Json.Nodes;
using WorkflowDefinitions.Api.FunctionalTests.Support;
using static WorkflowDefinitions.Api.FunctionalTests.Support.HttpAssertions;

namespace WorkflowDefinitions.Api.FunctionalTests.Controllers;

/// <summary>Contract checklist rows 18-24: every success and client-error status of the closing-reason operations.</summary>
public class ClosingReasonsControllerTests
{
    private ApiFactory _factory = null!;
    private HttpClient _client = null!;
    private string _organization = null!;

    [OneTimeSetUp]
    public void StartService() => _factory = new ApiFactory();

    [OneTimeTearDown]
    public void StopService() => _factory.Dispose();

    [SetUp]
    public void UseAFreshOrganization()
    {
        _organization = Guid.NewGuid().ToString("N");
        _client = _factory.CreateClientFor(_organization);
    }

    [TearDown]
    public void DisposeClient() => _client.Dispose();

    // Row 19: createClosingReason

    [Test]
    public async Task Create_WithTheSpecExample_Answers201WithLocationAndTheStoredReason()
    {
        var response = await _client.PostAsync("/v1/workflows/closing-reasons",
            JsonBody("""{"title": "better offer", "description": "A customer closes the process because he found something better"}"""));

        await response.AssertStatusAsync(HttpStatusCode.Created);
        var body = (await response.ReadJsonAsync()).AsObject();
        var id = body["id"]!.GetValue<string>();
        Assert.Multiple(() =>
        {
            Assert.That(id, Does.Match("^[A-Za-z0-9_-]{21}$"));
            Assert.That(response.Headers.Location?.AbsolutePath, Is.EqualTo($"/v2/workflows/closing-reasons/{id}"));
            Assert.That(response.Content.Headers.ContentType?.ToString(), Is.EqualTo("application/json; charset=utf-8"));
            Assert.That(body["title"]!.GetValue<string>(), Is.EqualTo("better offer"));
            Assert.That(body["status"]!.GetValue<string>(), Is.EqualTo("ACTIVE"));
            Assert.That(body["description"]!.GetValue<string>(), Does.StartWith("A customer closes"));
            Assert.That(body["creationTime"]!.GetValue<string>(), Does.Match(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$"));
            Assert.That(body["lastUpdateTime"]!.GetValue<string>(), Is.EqualTo(body["creationTime"]!.GetValue<string>()));
        });
    }

    [Test]
    public async Task Create_WithTheCliSample_KeepsTheSuppliedIdAndIgnoresServerFields()
    {
        var response = await _client.PostAsync("/v1/workflows/closing-reasons",
            JsonBody("""{"id":"string","title":"string","status":"ACTIVE","lastUpdateTime":"string","creationTime":"string"}"""));

        await response.AssertStatusAsync(HttpStatusCode.Created);
        var body = await response.ReadJsonAsync();
        Assert.Multiple(() =>
        {
            Assert.That(body["id"]!.GetValue<string>(), Is.EqualTo("string"));
            Assert.That(body["creationTime"]!.GetValue<string>(), Is.Not.EqualTo("string"));
        });
    }

    [Test]
    public async Task Create_ThenGet_RoundTripsUnknownPropertiesAtAnyDepth_AndDropsOrganizationFields()
    {
        const string Extras = """{"description": "d", "meta": {"tags": ["a", {"deep": [1, 1.0, 2.5e3, null, true]}], "empty": {}}, "unicode": "ü€😀\n\t\"", "big": 123456789012345678901234567890}""";
        var body = JsonNode.Parse(Extras)!.AsObject();
        body["title"] = "t";
        body["org_id"] = "someone-else";
        body["orgId"] = "someone-else";

        var created = await (await _client.PostAsync("/v1/workflows/closing-reasons", JsonBody(body.ToJsonString()))).ReadJsonAsync();
        var fetched = await (await _client.GetAsync($"/v2/workflows/closing-reasons/{created["id"]}")).ReadJsonAsync();

        var expected = JsonNode.Parse(Extras)!.AsObject();
        foreach (var response in new[] { created, fetched })
        {
            var extras = response.AsObject().Where(p => p.Key is not ("id" or "title" or "status" or "creationTime" or "lastUpdateTime"));
            Assert.That(JsonNode.DeepEquals(new JsonObject(extras.Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone()))), expected),
                Is.True, response.ToJsonString());
        }

        Assert.That(fetched.ToJsonString(), Does.Contain("123456789012345678901234567890"));
    }

    [TestCase("""{}""", "Invalid request body: title is required")]
    [TestCase("""{"title": ""}""", "Invalid request body: title must be a non-empty string")]
    [TestCase("""{"title": 42}""", "Invalid request body: title must be a non-empty string")]
    [TestCase("""{"title": "t", "status": "CLOSED"}""", "Invalid request body: status must be one of ACTIVE, INACTIVE")]
    [TestCase("""{"title": "t", "id": "has space"}""", "Invalid request body: id must be a string of 1-128 characters of A-Z, a-z, 0-9, '_' or '-'")]
    [TestCase("""{"title": "t""", "Invalid request body: malformed JSON")]
    [TestCase("""["title"]""", "Invalid request body: malformed JSON")]
    public async Task Create_WithAnInvalidBody_Answers400WithTheReason(string json, string message)
    {
        var response = await _client.PostAsync("/v1/workflows/closing-reasons", JsonBody(json));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, message);
    }

    [Test]
    public async Task Create_WithSeveralProblems_ListsEveryOneWithItsPath()
    {
        var response = await _client.PostAsync("/v1/workflows/closing-reasons", JsonBody("""{"id": "", "status": 1}"""));

        var body = await response.AssertErrorAsync(HttpStatusCode.BadRequest);
        Assert.That(body["errors"]!.AsArray().Select(e => e!["path"]!.GetValue<string>()), Is.EqualTo(new[] { "id", "title", "status" }));
    }

    [Test]
    public async Task Create_WithAnIdAlreadyUsed_Answers400AndKeepsTheFirst()
    {
        await (await _client.PostAsync("/v1/workflows/closing-reasons", JsonBody("""{"id": "x739cew", "title": "first"}"""))).AssertStatusAsync(HttpStatusCode.Created);

        var response = await _client.PostAsync("/v1/workflows/closing-reasons", JsonBody("""{"id": "x739cew", "title": "second"}"""));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "Closing reason with id 'x739cew' already exists");
        var stored = await (await _client.GetAsync("/v2/workflows/closing-reasons/x739cew")).ReadJsonAsync();
        Assert.That(stored["title"]!.GetValue<string>(), Is.EqualTo("first"));
    }

    [Test]
    public async Task Create_WithAnIdAnotherOrganizationUses_Succeeds()
    {
        using var other = _factory.CreateClientFor(Guid.NewGuid().ToString("N"));
        await (await other.PostAsync("/v1/workflows/closing-reasons", JsonBody("""{"id": "shared", "title": "theirs"}"""))).AssertStatusAsync(HttpStatusCode.Created);

        var response = await _client.PostAsync("/v1/workflows/closing-reasons", JsonBody("""{"id": "shared", "title": "mine"}"""));

        await response.AssertStatusAsync(HttpStatusCode.Created);
    }

    // Row 18: getAllClosingReasons

    [Test]
    public async Task GetAll_OfANewOrganization_AnswersAnEmptyCatalog()
    {
        var response = await _client.GetAsync("/v1/workflows/closing-reasons");

        await response.AssertStatusAsync(HttpStatusCode.OK);
        Assert.That((await response.ReadJsonAsync()).ToJsonString(), Is.EqualTo("""{"reasons":[]}"""));
    }

    [Test]
    public async Task GetAll_ListsActiveReasonsInCreationOrder_AndInactiveOnlyWhenAsked()
    {
        await CreateAsync("""{"id": "first", "title": "1"}""");
        await CreateAsync("""{"id": "second", "title": "2", "status": "INACTIVE"}""");
        await CreateAsync("""{"id": "third", "title": "3"}""");

        var active = await (await _client.GetAsync("/v1/workflows/closing-reasons")).ReadJsonAsync();
        var all = await (await _client.GetAsync("/v1/workflows/closing-reasons?includeInactive=true")).ReadJsonAsync();
        var explicitFalse = await (await _client.GetAsync("/v1/workflows/closing-reasons?includeInactive=FALSE")).ReadJsonAsync();

        Assert.Multiple(() =>
        {
            Assert.That(Ids(active), Is.EqualTo(new[] { "first", "third" }));
            Assert.That(Ids(all), Is.EqualTo(new[] { "first", "second", "third" }));
            Assert.That(Ids(explicitFalse), Is.EqualTo(new[] { "first", "third" }));
        });
    }

    [Test]
    public async Task GetAll_NeverShowsAnotherOrganizationsReasons()
    {
        await CreateAsync("""{"id": "mine", "title": "1"}""");
        using var other = _factory.CreateClientFor(Guid.NewGuid().ToString("N"));

        var theirs = await (await other.GetAsync("/v1/workflows/closing-reasons?includeInactive=true")).ReadJsonAsync();

        Assert.That(Ids(theirs), Is.Empty);
    }

    [TestCase("maybe")]
    [TestCase("1")]
    [TestCase("yes")]
    public async Task GetAll_WithAnInvalidBoolean_Answers400(string value)
    {
        var response = await _client.GetAsync($"/v1/workflows/closing-reasons?includeInactive={value}");

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, $"Invalid request: includeInactive has the invalid value '{value}'");
    }

    // Rows 20 and 23: getClosingReason and getClosingReasonV1

    [Test]
    public async Task Get_BothVersions_ReturnTheSameReasonWhateverItsStatus_V1FlaggedDeprecated()
    {
        await CreateAsync("""{"id": "-poOAPBa-jFZA_AWV3zN0", "title": "Closing due to example reason", "status": "INACTIVE"}""");

        var v2 = await _client.GetAsync("/v2/workflows/closing-reasons/-poOAPBa-jFZA_AWV3zN0");
        var v1 = await _client.GetAsync("/v1/workflows/closing-reasons/-poOAPBa-jFZA_AWV3zN0");

        await v2.AssertStatusAsync(HttpStatusCode.OK);
        await v1.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Multiple(async () =>
        {
            Assert.That((await v1.ReadJsonAsync()).ToJsonString(), Is.EqualTo((await v2.ReadJsonAsync()).ToJsonString()));
            Assert.That(v1.Headers.GetValues("Deprecation"), Is.EqualTo(new[] { "true" }));
            Assert.That(v2.Headers.Contains("Deprecation"), Is.False);
        });
    }

    [TestCase("/v2/workflows/closing-reasons/")]
    [TestCase("/v1/workflows/closing-reasons/")]
    public async Task Get_OfAnUnknownId_Answers404(string prefix)
    {
        var response = await _client.GetAsync(prefix + "x739cew");

        await response.AssertErrorAsync(HttpStatusCode.NotFound, "Closing reason with id 'x739cew' not found");
    }

    [TestCase("/v2/workflows/closing-reasons/")]
    [TestCase("/v1/workflows/closing-reasons/")]
    public async Task Get_OfAnotherOrganizationsReason_Answers404LikeAMissingOne(string prefix)
    {
        using var other = _factory.CreateClientFor(Guid.NewGuid().ToString("N"));
        await (await other.PostAsync("/v1/workflows/closing-reasons", JsonBody("""{"id": "theirs", "title": "t"}"""))).AssertStatusAsync(HttpStatusCode.Created);

        var response = await _client.GetAsync(prefix + "theirs");

        await response.AssertErrorAsync(HttpStatusCode.NotFound, "Closing reason with id 'theirs' not found");
    }

    [Test]
    public async Task Get_IsCaseSensitive()
    {
        await CreateAsync("""{"id": "CaseId", "title": "t"}""");

        var response = await _client.GetAsync("/v2/workflows/closing-reasons/caseid");

        await response.AssertErrorAsync(HttpStatusCode.NotFound);
    }

    [TestCase("/v2/workflows/closing-reasons/a%20b")]
    [TestCase("/v1/workflows/closing-reasons/a.b")]
    [TestCase("/v2/workflows/closing-reasons/%C3%BC")]
    public async Task Get_WithAnInvalidIdSyntax_Answers400(string path)
    {
        var response = await _client.GetAsync(path);

        await response.AssertErrorAsync(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Get_WithAnIdOf129Characters_Answers400()
    {
        var response = await _client.GetAsync("/v2/workflows/closing-reasons/" + new string('a', 129));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "Invalid request: reasonId must be 1-128 characters of A-Z, a-z, 0-9, '_' or '-'");
    }

    // Row 21: updateClosingReason

    [Test]
    public async Task Update_MergesThePatch_AndAnswersTheWholeReason()
    {
        var created = await CreateAsync("""{"id": "r1", "title": "old", "description": "d", "meta": {"a": 1, "b": 2}}""");

        var response = await _client.PatchAsync("/v2/workflows/closing-reasons/r1",
            JsonBody("""{"title": "new", "description": null, "meta": {"b": null, "c": 3}, "id": "ignored", "creationTime": "ignored"}"""));

        await response.AssertStatusAsync(HttpStatusCode.OK);
        var body = await response.ReadJsonAsync();
        Assert.Multiple(() =>
        {
            Assert.That(body["id"]!.GetValue<string>(), Is.EqualTo("r1"));
            Assert.That(body["title"]!.GetValue<string>(), Is.EqualTo("new"));
            Assert.That(body["status"]!.GetValue<string>(), Is.EqualTo("ACTIVE"));
            Assert.That(body.AsObject().ContainsKey("description"), Is.False);
            Assert.That(body["meta"]!.ToJsonString(), Is.EqualTo("""{"a":1,"c":3}"""));
            Assert.That(body["creationTime"]!.GetValue<string>(), Is.EqualTo(created["creationTime"]!.GetValue<string>()));
        });
        var fetched = await (await _client.GetAsync("/v2/workflows/closing-reasons/r1")).ReadJsonAsync();
        Assert.That(fetched.ToJsonString(), Is.EqualTo(body.ToJsonString()));
    }

    [Test]
    public async Task Update_WithAnEmptyPatch_Answers200Unchanged()
    {
        var created = await CreateAsync("""{"id": "r1", "title": "t"}""");

        var response = await _client.PatchAsync("/v2/workflows/closing-reasons/r1", JsonBody("{}"));

        await response.AssertStatusAsync(HttpStatusCode.OK);
        Assert.That((await response.ReadJsonAsync()).ToJsonString(), Is.EqualTo(created.ToJsonString()));
    }

    [TestCase("""{"title": null}""", "Invalid request body: title must not be null")]
    [TestCase("""{"status": null}""", "Invalid request body: status must not be null")]
    [TestCase("""{"title": ""}""", "Invalid request body: title must be a non-empty string")]
    [TestCase("""{"status": "DELETED"}""", "Invalid request body: status must be one of ACTIVE, INACTIVE")]
    [TestCase("""not json""", "Invalid request body: malformed JSON")]
    public async Task Update_WithAnInvalidPatch_Answers400AndChangesNothing(string patch, string message)
    {
        var created = await CreateAsync("""{"id": "r1", "title": "t"}""");

        var response = await _client.PatchAsync("/v2/workflows/closing-reasons/r1", JsonBody(patch));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, message);
        var fetched = await (await _client.GetAsync("/v2/workflows/closing-reasons/r1")).ReadJsonAsync();
        Assert.That(fetched.ToJsonString(), Is.EqualTo(created.ToJsonString()));
    }

    [Test]
    public async Task Update_WithAnInvalidIdSyntax_Answers400()
    {
        var response = await _client.PatchAsync("/v2/workflows/closing-reasons/a%20b", JsonBody("""{"title": "t"}"""));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Update_OfAnUnknownId_Answers404()
    {
        var response = await _client.PatchAsync("/v2/workflows/closing-reasons/missing", JsonBody("""{"title": "t"}"""));

        await response.AssertErrorAsync(HttpStatusCode.NotFound, "Closing reason with id 'missing' not found");
    }

    // Row 22: deleteClosingReason

    [Test]
    public async Task Delete_Answers204WithoutBody_ThenTheReasonIsGone()
    {
        await CreateAsync("""{"id": "r1", "title": "t"}""");

        var response = await _client.DeleteAsync("/v2/workflows/closing-reasons/r1");

        await response.AssertStatusAsync(HttpStatusCode.NoContent);
        Assert.That(await response.Content.ReadAsByteArrayAsync(), Is.Empty);
        await (await _client.GetAsync("/v2/workflows/closing-reasons/r1")).AssertErrorAsync(HttpStatusCode.NotFound);
    }

    [TestCase("missing")]
    [TestCase("a%20b")]
    public async Task Delete_OfAnUnknownOrInvalidId_Answers404(string id)
    {
        var response = await _client.DeleteAsync($"/v2/workflows/closing-reasons/{id}");

        await response.AssertErrorAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Delete_OfAnotherOrganizationsReason_Answers404AndKeepsIt()
    {
        using var other = _factory.CreateClientFor(Guid.NewGuid().ToString("N"));
        await (await other.PostAsync("/v1/workflows/closing-reasons", JsonBody("""{"id": "theirs", "title": "t"}"""))).AssertStatusAsync(HttpStatusCode.Created);

        var response = await _client.DeleteAsync("/v2/workflows/closing-reasons/theirs");

        await response.AssertErrorAsync(HttpStatusCode.NotFound);
        await (await other.GetAsync("/v2/workflows/closing-reasons/theirs")).AssertStatusAsync(HttpStatusCode.OK);
    }

    // Row 24: changeReasonStatus

    [Test]
    public async Task ChangeStatus_Answers202WithoutBody_AndAFollowingReadSeesIt()
    {
        await CreateAsync("""{"id": "r1", "title": "t"}""");

        var response = await _client.PatchAsync("/v1/workflows/closing-reasons/r1", JsonBody("""{"status": "INACTIVE"}"""));

        await response.AssertStatusAsync(HttpStatusCode.Accepted);
        Assert.That(await response.Content.ReadAsByteArrayAsync(), Is.Empty);
        var fetched = await (await _client.GetAsync("/v2/workflows/closing-reasons/r1")).ReadJsonAsync();
        Assert.That(fetched["status"]!.GetValue<string>(), Is.EqualTo("INACTIVE"));
    }

    [Test]
    public async Task ChangeStatus_ToTheCurrentStatus_Answers202AndKeepsLastUpdateTime()
    {
        var created = await CreateAsync("""{"id": "r1", "title": "t"}""");
        await Task.Delay(5);

        var response = await _client.PatchAsync("/v1/workflows/closing-reasons/r1", JsonBody("""{"status": "ACTIVE"}"""));

        await response.AssertStatusAsync(HttpStatusCode.Accepted);
        var fetched = await (await _client.GetAsync("/v2/workflows/closing-reasons/r1")).ReadJsonAsync();
        Assert.That(fetched["lastUpdateTime"]!.GetValue<string>(), Is.EqualTo(created["lastUpdateTime"]!.GetValue<string>()));
    }

    [TestCase("""{}""", "Invalid request body: status is required")]
    [TestCase("""{"status": "inactive"}""", "Invalid request body: status must be one of ACTIVE, INACTIVE")]
    [TestCase("", "Invalid request body: status is required")]
    public async Task ChangeStatus_WithoutAValidStatus_Answers400(string body, string message)
    {
        await CreateAsync("""{"id": "r1", "title": "t"}""");

        var response = await _client.PatchAsync("/v1/workflows/closing-reasons/r1", body.Length == 0 ? null : JsonBody(body));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, message);
    }

    [Test]
    public async Task ChangeStatus_WithAnInvalidIdSyntax_Answers400()
    {
        var response = await _client.PatchAsync("/v1/workflows/closing-reasons/a%20b", JsonBody("""{"status": "ACTIVE"}"""));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task ChangeStatus_OfAnUnknownId_Answers404()
    {
        var response = await _client.PatchAsync("/v1/workflows/closing-reasons/missing", JsonBody("""{"status": "ACTIVE"}"""));

        await response.AssertErrorAsync(HttpStatusCode.NotFound, "Closing reason with id 'missing' not found");
    }

    private async Task<JsonNode> CreateAsync(string json)
    {
        var response = await _client.PostAsync("/v1/workflows/closing-reasons", JsonBody(json));
        await response.AssertStatusAsync(HttpStatusCode.Created);
        return await response.ReadJsonAsync();
    }

    private static IEnumerable<string> Ids(JsonNode catalog) =>
        catalog["reasons"]!.AsArray().Select(r => r!["id"]!.GetValue<string>());
}
