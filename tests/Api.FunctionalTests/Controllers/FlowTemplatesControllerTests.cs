using System.Net;
using System.Text.Json.Nodes;
using WorkflowDefinitions.Api.FunctionalTests.Support;
using WorkflowDefinitions.TestSupport;
using static WorkflowDefinitions.Api.FunctionalTests.Support.HttpAssertions;

namespace WorkflowDefinitions.Api.FunctionalTests.Controllers;

/// <summary>Contract checklist rows 1 and 9-15: every success and client-error status of the V2 flow operations.</summary>
public class FlowTemplatesControllerTests
{
    private ApiFactory _factory = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public void StartService() => _factory = new ApiFactory(new Dictionary<string, string?>
    {
        ["WorkflowLimits:PerOrg:small-org"] = "2",
        ["FlowLimits:MaxIncomingEdgesPerTask"] = "1",
    });

    [OneTimeTearDown]
    public void StopService() => _factory.Dispose();

    [SetUp]
    public void UseAFreshOrganization() => _client = _factory.CreateClientFor(Guid.NewGuid().ToString("N"));

    [TearDown]
    public void DisposeClient() => _client.Dispose();

    // Row 10: createFlowTemplate

    [Test]
    public async Task Create_TheSpecExample_Answers201WithServerFieldsLocationAndNoWarnings()
    {
        var response = await _client.PostAsync("/v2/flows/templates", JsonBody(FlowSamples.CustomerOnboarding));

        await response.AssertStatusAsync(HttpStatusCode.Created);
        var created = (await response.ReadJsonAsync()).AsObject();
        var id = created.Id();
        Assert.Multiple(() =>
        {
            Assert.That(id, Does.Match("^[0-9a-z]{8}$").And.Match("[a-z]"));
            Assert.That(response.Headers.Location?.AbsolutePath, Is.EqualTo($"/v2/flows/templates/{id}"));
            Assert.That(created["org_id"]!.GetValue<string>(), Is.Not.Empty);
            Assert.That(created["created_at"]!.GetValue<string>(), Does.Match(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$"));
            Assert.That(created["updated_at"]!.GetValue<string>(), Is.EqualTo(created["created_at"]!.GetValue<string>()));
            Assert.That(created["limit_warnings"]!.ToJsonString(), Is.EqualTo("[]"));
            Assert.That(JsonNode.DeepEquals(FlowApi.WithoutServerFields(created), JsonNode.Parse(FlowSamples.CustomerOnboarding)), Is.True, created.ToJsonString());
        });
    }

    [Test]
    public async Task Create_IgnoresClientServerFields_AndDefaultsEnabled()
    {
        var created = await _client.CreateAsync("""
            {"id": "mine", "org_id": "someone-else", "created_at": "2000-01-01T00:00:00.000Z", "updated_at": "x", "limit_warnings": [{"i18nKey": "fake"}],
             "name": "Server fields", "tasks": [], "edges": []}
            """);

        Assert.Multiple(() =>
        {
            Assert.That(created.Id(), Is.Not.EqualTo("mine"));
            Assert.That(created["org_id"]!.GetValue<string>(), Is.Not.EqualTo("someone-else"));
            Assert.That(created["created_at"]!.GetValue<string>(), Does.Not.StartWith("2000"));
            Assert.That(created["limit_warnings"]!.ToJsonString(), Is.EqualTo("[]"));
            Assert.That(created["enabled"]!.GetValue<bool>(), Is.True);
        });
    }

    [Test]
    public async Task Create_ThenGet_RoundTripsUnknownPropertiesAtEveryDepth()
    {
        var sent = JsonNode.Parse(FlowSamples.ReviewLoop)!.AsObject();
        sent["x_top"] = JsonNode.Parse("""{"numbers": [1, 1.0, -2.5e-3, 12345678901234567890123], "text": "ü😀\t", "empty": {}, "nothing": null}""");
        sent["trigger"] = JsonNode.Parse("""{"type": "manual", "x_trigger": [1]}""");
        sent["tasks"]![1]!["x_task"] = new JsonObject { ["deep"] = new JsonArray(new JsonObject { ["deeper"] = true }) };
        sent["tasks"]![1]!["conditions"]![0]!["statements"]![0]!["source"]!["x_source"] = "kept";
        sent["tasks"]![1]!["loop_config"]!["x_loop"] = 1;
        sent["edges"]![0]!["x_edge"] = "e";
        sent["version"] = 3;

        var created = await _client.CreateAsync(sent.ToJsonString());
        var fetched = await _client.GetFlowAsync(created.Id());

        sent["enabled"] = true;
        foreach (var response in new[] { created, fetched })
        {
            Assert.That(JsonNode.DeepEquals(FlowApi.WithoutServerFields(response), sent), Is.True, response.ToJsonString());
        }

        Assert.That(fetched["x_top"]!["numbers"]!.ToJsonString(), Is.EqualTo("[1,1.0,-2.5e-3,12345678901234567890123]"));
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public async Task CreateThenUpdate_GeneratedFlowsFullOfUnknownProperties_ComeBackExactly(int seed)
    {
        var sent = ExtraPropertyInjector.Inject(FlowGenerator.Create(50, $"Generated {seed}"), seed);

        var created = await _client.CreateAsync(sent.ToJsonString());
        var fetched = await _client.GetFlowAsync(created.Id());
        var replacement = ExtraPropertyInjector.Inject(FlowGenerator.Create(20, $"Replaced {seed}"), seed + 100);
        var updated = await _client.PutAsync($"/v2/flows/templates/{created.Id()}", JsonBody(replacement.ToJsonString()));
        var refetched = await _client.GetFlowAsync(created.Id());

        await updated.AssertStatusAsync(HttpStatusCode.OK);
        sent["enabled"] = true;
        replacement["enabled"] = true;
        Assert.Multiple(() =>
        {
            Assert.That(JsonNode.DeepEquals(FlowApi.WithoutServerFields(created), sent), Is.True, "create response");
            Assert.That(JsonNode.DeepEquals(FlowApi.WithoutServerFields(fetched), sent), Is.True, "read back");
            Assert.That(JsonNode.DeepEquals(FlowApi.WithoutServerFields(refetched), replacement), Is.True, "after update");
        });
    }

    [Test]
    public async Task Create_WithAnInvalidGraph_Answers400ListingEveryViolationWithItsPath()
    {
        var response = await _client.PostAsync("/v2/flows/templates", JsonBody("""
            {"name": "Broken", "tasks": [{"id": "a", "name": "A", "task_type": "MANUAL", "phase_id": "p9"}, {"id": "a", "name": "B", "task_type": "SOMETHING"}],
             "edges": [{"id": "e1", "from_id": "a", "to_id": "zz"}]}
            """));

        var body = await response.AssertErrorAsync(HttpStatusCode.BadRequest);
        Assert.Multiple(() =>
        {
            Assert.That(body["message"]!.GetValue<string>(), Does.StartWith("Invalid request body: "));
            Assert.That(body["errors"]!.AsArray().Select(e => e!["path"]!.GetValue<string>()),
                Is.EquivalentTo(new[] { "tasks[1].task_type", "tasks[0].phase_id", "tasks[1].id", "edges[0].to_id" }));
        });
    }

    [TestCase("""{"tasks": [], "edges": []}""", "Invalid request body: name is required")]
    [TestCase("""{"name": "No tasks", "edges": []}""", "Invalid request body: tasks is required")]
    [TestCase("""{"name": 7, "tasks": [], "edges": []}""", "Invalid request body: name must be a string")]
    [TestCase("""{"name": "Flow", "tasks": [], "edges": [], """, "Invalid request body: malformed JSON")]
    public async Task Create_WithABadBody_Answers400(string json, string message)
    {
        var response = await _client.PostAsync("/v2/flows/templates", JsonBody(json));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, message);
    }

    [Test]
    public async Task Create_OverALimit_IsAcceptedWithWarnings_OrRefusedWhenLimitsAreEnforced()
    {
        var fanIn = """
            {"name": "Fan in", "tasks": [{"id": "a", "name": "A", "task_type": "MANUAL"}, {"id": "b", "name": "B", "task_type": "MANUAL"},
                                         {"id": "c", "name": "Review", "task_type": "MANUAL"}],
             "edges": [{"id": "e1", "from_id": "a", "to_id": "c"}, {"id": "e2", "from_id": "b", "to_id": "c"}]}
            """;
        var before = await _client.WorkflowCountAsync();

        var accepted = await _client.CreateAsync(fanIn);
        var refused = await _client.PostAsync("/v2/flows/templates?enforce_limits=true", JsonBody(fanIn));

        var warning = accepted["limit_warnings"]!.AsArray().Single()!;
        Assert.That(JsonNode.DeepEquals(warning, JsonNode.Parse(
            """{"i18nKey":"errors.task_max_incoming_edges","message":"Task 'Review' has 2 incoming connections (max 1)","max":1,"current":2,"node_id":"c","task_name":"Review","path":["tasks",2]}""")),
            Is.True, warning.ToJsonString());
        var error = await refused.AssertErrorAsync(HttpStatusCode.BadRequest, "Flow exceeds its limits: Task 'Review' has 2 incoming connections (max 1)");
        Assert.Multiple(async () =>
        {
            Assert.That(JsonNode.DeepEquals(error["limit_warnings"], accepted["limit_warnings"]), Is.True);
            Assert.That(await _client.WorkflowCountAsync(), Is.EqualTo(before + 1), "the refused flow was not stored");
        });
    }

    [TestCase("yes")]
    [TestCase("1")]
    public async Task Create_WithAnInvalidEnforceLimits_Answers400(string value)
    {
        var response = await _client.PostAsync($"/v2/flows/templates?enforce_limits={value}", JsonBody(FlowApi.Named("Flag")));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, $"Invalid request: enforce_limits has the invalid value '{value}'");
    }

    // Row 1 and §4: getMaxAllowedLimit and the quota

    [Test]
    public async Task MaxAllowedLimit_CountsTheOrganizationsFlows_AndCreatesStopAtTheMaximum()
    {
        using var small = _factory.CreateClientFor("small-org");
        var empty = await (await small.GetAsync("/v1/workflows/limits/max-allowed")).ReadJsonAsync();
        var first = await small.CreateAsync(FlowApi.Named("One"));
        await small.CreateAsync(FlowApi.Named("Two"));

        var third = await small.PostAsync("/v2/flows/templates", JsonBody(FlowApi.Named("Three")));
        var duplicate = await small.PostAsync($"/v2/flows/templates/{first.Id()}/duplicate", null);
        var full = await (await small.GetAsync("/v1/workflows/limits/max-allowed")).ReadJsonAsync();
        await (await small.DeleteAsync($"/v2/flows/templates/{first.Id()}")).AssertStatusAsync(HttpStatusCode.NoContent);
        var afterDelete = await (await small.GetAsync("/v1/workflows/limits/max-allowed")).ReadJsonAsync();

        Assert.Multiple(async () =>
        {
            Assert.That(empty.ToJsonString(), Is.EqualTo("""{"currentNoOfWorkflows":0,"maxAllowed":2}"""));
            await third.AssertErrorAsync(HttpStatusCode.BadRequest, "Maximum number of workflows reached (2/2)");
            await duplicate.AssertErrorAsync(HttpStatusCode.BadRequest, "Maximum number of workflows reached (2/2)");
            Assert.That(full.ToJsonString(), Is.EqualTo("""{"currentNoOfWorkflows":2,"maxAllowed":2}"""));
            Assert.That(afterDelete.ToJsonString(), Is.EqualTo("""{"currentNoOfWorkflows":1,"maxAllowed":2}"""));
        });
        await small.CreateAsync(FlowApi.Named("Three, now that there is room"));
    }

    [Test]
    public async Task MaxAllowedLimit_DefaultsTo1000()
    {
        var limits = await (await _client.GetAsync("/v1/workflows/limits/max-allowed")).ReadJsonAsync();

        Assert.That(limits["maxAllowed"]!.GetValue<int>(), Is.EqualTo(1000));
    }

    // Row 12: getFlowTemplate

    [Test]
    public async Task Get_ReturnsTheStoredFlowWithFreshLimitWarnings()
    {
        var created = await _client.CreateAsync(FlowSamples.ReviewLoop);

        var fetched = await _client.GetFlowAsync(created.Id());

        Assert.Multiple(() =>
        {
            Assert.That(fetched.ToJsonString(), Is.EqualTo(created.ToJsonString()));
            Assert.That(fetched["limit_warnings"]!.AsArray().Single()!["node_id"]!.GetValue<string>(), Is.EqualTo("d1"), "d1 has two incoming edges, the limit here is 1");
        });
    }

    [Test]
    public async Task Get_OfAnUnknownIdOrAnotherOrganizationsFlow_Answers404()
    {
        using var other = _factory.CreateClientFor(Guid.NewGuid().ToString("N"));
        var theirs = await other.CreateAsync(FlowApi.Named("Theirs"));

        var unknown = await _client.GetAsync("/v2/flows/templates/7hj28akg");
        var foreign = await _client.GetAsync($"/v2/flows/templates/{theirs.Id()}");

        await unknown.AssertErrorAsync(HttpStatusCode.NotFound, "Flow template with id '7hj28akg' not found");
        await foreign.AssertErrorAsync(HttpStatusCode.NotFound, $"Flow template with id '{theirs.Id()}' not found");
    }

    [TestCase("a%20b")]
    [TestCase("x.y")]
    public async Task Get_WithAnInvalidIdSyntax_Answers400(string id)
    {
        var response = await _client.GetAsync($"/v2/flows/templates/{id}");

        await response.AssertErrorAsync(HttpStatusCode.BadRequest);
    }

    // Row 9: listFlowTemplates

    [Test]
    public async Task List_ReturnsTheOrganizationsFlowsNewestFirst_FilteredByTriggers()
    {
        var manual = await _client.CreateAsync("""{"name": "Manual one", "trigger": {"type": "manual", "entity_schema": "opportunity"}, "tasks": [], "edges": []}""");
        var journey = await _client.CreateAsync("""{"name": "Journey one", "trigger": {"type": "journey_submission", "journey_id": "j-1"}, "tasks": [], "edges": []}""");
        var both = await _client.CreateAsync("""
            {"name": "Both", "trigger": {"type": "automation", "automation_id": "auto-9"}, "additional_triggers": [{"type": "manual", "entity_schema": "contact"}], "tasks": [], "edges": []}
            """);

        async Task<IEnumerable<string>> Listed(string query)
        {
            var response = await _client.GetAsync("/v2/flows/templates" + query);
            await response.AssertStatusAsync(HttpStatusCode.OK);
            var results = (await response.ReadJsonAsync())["results"]!.AsArray();
            Assert.That(results.All(r => !r!.AsObject().ContainsKey("limit_warnings")), Is.True, "lists carry no limit warnings");
            return results.Select(r => r!["id"]!.GetValue<string>());
        }

        // D19: updated_at descending, then id (two creates within one millisecond share an updated_at).
        var newestFirst = new[] { manual, journey, both }
            .OrderByDescending(f => f["updated_at"]!.GetValue<string>(), StringComparer.Ordinal)
            .ThenBy(f => f.Id(), StringComparer.Ordinal)
            .Select(f => f.Id());
        Assert.Multiple(async () =>
        {
            Assert.That(await Listed(""), Is.EqualTo(newestFirst));
            Assert.That(await Listed("?trigger_type=manual"), Is.EquivalentTo(new[] { manual.Id(), both.Id() }));
            Assert.That(await Listed("?trigger_type=manual&trigger_schema=contact"), Is.EqualTo(new[] { both.Id() }));
            Assert.That(await Listed("?trigger_type=manual&trigger_source_id=ignored-for-manual"), Is.EquivalentTo(new[] { manual.Id(), both.Id() }));
            Assert.That(await Listed("?trigger_type=automation&trigger_source_id=auto-9"), Is.EqualTo(new[] { both.Id() }));
            Assert.That(await Listed("?trigger_type=journey_submission&trigger_source_id=j-1"), Is.EqualTo(new[] { journey.Id() }));
            Assert.That(await Listed("?trigger_source_id=j-1"), Is.EqualTo(new[] { journey.Id() }));
            Assert.That(await Listed("?trigger_schema=contact"), Is.EquivalentTo(new[] { manual.Id(), journey.Id(), both.Id() }), "trigger_schema needs trigger_type=manual");
        });
    }

    [Test]
    public async Task List_OfANewOrganization_IsEmpty()
    {
        var response = await _client.GetAsync("/v2/flows/templates");

        Assert.That((await response.ReadJsonAsync()).ToJsonString(), Is.EqualTo("""{"results":[]}"""));
    }

    [TestCase("journey_automation")]
    [TestCase("MANUAL")]
    public async Task List_WithAnUnknownTriggerType_Answers400(string type)
    {
        var response = await _client.GetAsync($"/v2/flows/templates?trigger_type={type}");

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "Invalid request: trigger_type must be one of automation, manual, journey_submission");
    }

    // Row 11: searchFlowTemplates

    [Test]
    public async Task Search_FiltersSortsAndPages_CountingHitsBeforePaging()
    {
        var lead = await _client.CreateAsync("""{"name": "Lead Qualification", "trigger": {"type": "journey_submission", "journey_id": "j"}, "tasks": [], "edges": []}""");
        var disabled = await _client.CreateAsync("""{"name": "lead nurturing", "enabled": false, "tasks": [], "edges": []}""");
        await _client.CreateAsync(FlowApi.Named("Onboarding"));

        async Task<(int Hits, string[] Ids)> Search(string body)
        {
            var response = await _client.PostAsync("/v2/flows/templates:search", JsonBody(body));
            await response.AssertStatusAsync(HttpStatusCode.OK);
            var page = await response.ReadJsonAsync();
            return (page["hits"]!.GetValue<int>(), page["results"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()).ToArray());
        }

        Assert.Multiple(async () =>
        {
            Assert.That(await Search("""{"name": "LEAD"}"""), Is.EqualTo((2, new[] { disabled.Id(), lead.Id() })));
            Assert.That(await Search("""{"name": "lead", "sort_order": "asc", "sort_by": "created_at"}"""), Is.EqualTo((2, new[] { lead.Id(), disabled.Id() })));
            Assert.That(await Search("""{"name": "Lead", "enabled": true}"""), Is.EqualTo((1, new[] { lead.Id() })));
            Assert.That(await Search($$"""{"definition_id": "{{lead.Id()}}"}"""), Is.EqualTo((1, new[] { lead.Id() })));
            Assert.That(await Search("""{"trigger_type": "journey_submission"}"""), Is.EqualTo((1, new[] { lead.Id() })));
            Assert.That(await Search("""{"name": "lead", "from": 1, "size": 1}"""), Is.EqualTo((2, new[] { lead.Id() })));
            Assert.That(await Search("""{"size": 0}"""), Is.EqualTo((3, Array.Empty<string>())));
            Assert.That((await Search("{}")).Hits, Is.EqualTo(3));
        });
    }

    [Test]
    public async Task Search_Repeated_AnswersTheSameBytes_AndEveryWriteBetweenRepeats()
    {
        var lead = await _client.CreateAsync(FlowApi.Named("Lead one"));
        await _client.CreateAsync(FlowApi.Named("Onboarding"));
        using var other = _factory.CreateClientFor(Guid.NewGuid().ToString("N"));

        async Task<string> Search(string body = """{"name": "lead", "enabled": true}""")
        {
            var response = await _client.PostAsync("/v2/flows/templates:search", JsonBody(body));
            await response.AssertStatusAsync(HttpStatusCode.OK);
            return await response.Content.ReadAsStringAsync();
        }

        string[] Ids(string page) => JsonNode.Parse(page)!["results"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()).ToArray();

        var first = await Search();
        var repeated = await Search();
        await other.CreateAsync(FlowApi.Named("Lead of another organization"));
        var afterAnotherOrganizationsWrite = await Search();
        var second = await _client.CreateAsync(FlowApi.Named("Lead two"));
        var afterCreate = await Search();
        var renamed = FlowApi.WithoutServerFields(lead);
        renamed["name"] = "Lead one, renamed";
        await (await _client.PutAsync($"/v2/flows/templates/{lead.Id()}", JsonBody(renamed.ToJsonString()))).AssertStatusAsync(HttpStatusCode.OK);
        var afterRename = await Search();
        var disabled = FlowApi.WithoutServerFields(second);
        disabled["enabled"] = false;
        await (await _client.PutAsync($"/v2/flows/templates/{second.Id()}", JsonBody(disabled.ToJsonString()))).AssertStatusAsync(HttpStatusCode.OK);
        var afterDisable = await Search();
        await (await _client.DeleteAsync($"/v2/flows/templates/{lead.Id()}")).AssertStatusAsync(HttpStatusCode.NoContent);
        var afterDelete = await Search();
        var countOnly = await Search("""{"size": 0}""");
        await _client.CreateAsync(FlowApi.Named("Third"));
        var countAfterCreate = await Search("""{"size": 0}""");

        Assert.Multiple(() =>
        {
            Assert.That(repeated, Is.EqualTo(first));
            Assert.That(afterAnotherOrganizationsWrite, Is.EqualTo(first));
            Assert.That(Ids(afterCreate), Is.EqualTo(new[] { second.Id(), lead.Id() }));
            Assert.That(JsonNode.Parse(afterRename)!["results"]![0]!["name"]!.GetValue<string>(), Is.EqualTo("Lead one, renamed"));
            Assert.That(Ids(afterDisable), Is.EqualTo(new[] { lead.Id() }));
            Assert.That(afterDelete, Is.EqualTo("""{"hits":0,"results":[]}"""));
            Assert.That(countOnly, Is.EqualTo("""{"hits":2,"results":[]}"""));
            Assert.That(countAfterCreate, Is.EqualTo("""{"hits":3,"results":[]}"""));
        });
    }

    [Test]
    public async Task Search_AfterAnAcknowledgedRename_FindsIt_WhileTheSameSearchRunsWithoutPause()
    {
        var renamed = await _client.CreateAsync(FlowApi.Named("needle 0"));
        await _client.CreateAsync(FlowApi.Named("needle other"));
        const string search = """{"name": "needle", "size": 1}""";
        using var stop = new CancellationTokenSource();
        var searchers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            var answered = 0;
            while (!stop.IsCancellationRequested)
            {
                using var response = await _client.PostAsync("/v2/flows/templates:search", JsonBody(search));
                await response.AssertStatusAsync(HttpStatusCode.OK);
                answered++;
            }

            return answered;
        })).ToArray();

        var stale = new List<string>();
        for (var round = 1; round <= 40; round++)
        {
            var body = FlowApi.WithoutServerFields(renamed);
            body["name"] = $"needle {round}";
            await (await _client.PutAsync($"/v2/flows/templates/{renamed.Id()}", JsonBody(body.ToJsonString()))).AssertStatusAsync(HttpStatusCode.OK);
            var page = await (await _client.PostAsync("/v2/flows/templates:search", JsonBody(search))).ReadJsonAsync();
            var first = page["results"]![0]!["name"]!.GetValue<string>();
            if (first != $"needle {round}")
            {
                stale.Add($"round {round}: {first}");
            }
        }

        await stop.CancelAsync();
        var answeredBeside = (await Task.WhenAll(searchers)).Sum();

        Assert.Multiple(() =>
        {
            Assert.That(stale, Is.Empty, "the most recently updated flow is the one just renamed");
            Assert.That(answeredBeside, Is.GreaterThan(40), "the same search ran beside the renames");
        });
    }

    [Test]
    public async Task Search_WithoutABody_SearchesEverything()
    {
        await _client.CreateAsync(FlowApi.Named("Anything"));

        var response = await _client.PostAsync("/v2/flows/templates:search", null);

        await response.AssertStatusAsync(HttpStatusCode.OK);
        Assert.That((await response.ReadJsonAsync())["hits"]!.GetValue<int>(), Is.EqualTo(1));
    }

    [Test]
    public async Task Search_ThroughThePercentEncodedColon_IsTheSameRoute()
    {
        var response = await _client.PostAsync("/v2/flows/templates%3Asearch", JsonBody("{}"));

        await response.AssertStatusAsync(HttpStatusCode.OK);
    }

    [TestCase("""{"size": 101}""", "size")]
    [TestCase("""{"size": -1}""", "size")]
    [TestCase("""{"size": 2.5}""", "size")]
    [TestCase("""{"from": -1}""", "from")]
    [TestCase("""{"from": "0"}""", "from")]
    [TestCase("""{"sort_by": "name"}""", "sort_by")]
    [TestCase("""{"sort_order": "DESC"}""", "sort_order")]
    [TestCase("""{"trigger_type": "journey_automation"}""", "trigger_type")]
    [TestCase("""{"enabled": "true"}""", "enabled")]
    [TestCase("""{"name": 5}""", "name")]
    public async Task Search_WithAnOutOfRangeValue_Answers400(string body, string path)
    {
        var response = await _client.PostAsync("/v2/flows/templates:search", JsonBody(body));

        var error = await response.AssertErrorAsync(HttpStatusCode.BadRequest);
        Assert.That(error["errors"]!.AsArray().Single()!["path"]!.GetValue<string>(), Is.EqualTo(path));
    }

    // Row 13: updateFlowTemplate

    [Test]
    public async Task Update_ReplacesTheWholeDocument_KeepingIdOrganizationAndCreation()
    {
        var created = await _client.CreateAsync("""{"name": "Original", "description": "goes away", "enabled": false, "taxonomies": ["t"], "tasks": [], "edges": []}""");
        await Task.Delay(5);

        var response = await _client.PutAsync($"/v2/flows/templates/{created.Id()}", JsonBody("""{"id": "ignored", "name": "Replaced", "tasks": [], "edges": []}"""));

        await response.AssertStatusAsync(HttpStatusCode.OK);
        var updated = (await response.ReadJsonAsync()).AsObject();
        Assert.Multiple(() =>
        {
            Assert.That(updated.Id(), Is.EqualTo(created.Id()));
            Assert.That(updated["org_id"]!.ToJsonString(), Is.EqualTo(created["org_id"]!.ToJsonString()));
            Assert.That(updated["created_at"]!.ToJsonString(), Is.EqualTo(created["created_at"]!.ToJsonString()));
            Assert.That(string.CompareOrdinal(updated["updated_at"]!.GetValue<string>(), created["updated_at"]!.GetValue<string>()), Is.Positive);
            Assert.That(updated.ContainsKey("description"), Is.False);
            Assert.That(updated.ContainsKey("taxonomies"), Is.False);
            Assert.That(updated["enabled"]!.GetValue<bool>(), Is.True, "enabled re-defaults to true");
            Assert.That(updated["limit_warnings"]!.ToJsonString(), Is.EqualTo("[]"));
        });
        Assert.That((await _client.GetFlowAsync(created.Id())).ToJsonString(), Is.EqualTo(updated.ToJsonString()));
    }

    [Test]
    public async Task Update_WithTheStoredUpdatedAt_Succeeds_WithAStaleOne_Answers409()
    {
        var created = await _client.CreateAsync(FlowApi.Named("Versioned"));
        var current = FlowApi.WithoutServerFields(created);
        current["updated_at"] = created["updated_at"]!.GetValue<string>();

        var first = await _client.PutAsync($"/v2/flows/templates/{created.Id()}", JsonBody(current.ToJsonString()));
        var stale = await _client.PutAsync($"/v2/flows/templates/{created.Id()}", JsonBody(current.ToJsonString()));

        await first.AssertStatusAsync(HttpStatusCode.OK);
        await stale.AssertErrorAsync(HttpStatusCode.Conflict, $"Flow template '{created.Id()}' was modified by another user since it was last loaded");
    }

    [Test]
    public async Task Update_WithAnUnparseableUpdatedAt_Answers400()
    {
        var created = await _client.CreateAsync(FlowApi.Named("Versioned"));

        var response = await _client.PutAsync($"/v2/flows/templates/{created.Id()}", JsonBody("""{"updated_at": "yesterday", "name": "Versioned", "tasks": [], "edges": []}"""));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "Invalid request body: updated_at must be an ISO-8601 date-time with a time zone");
    }

    [Test]
    public async Task Update_ConcurrentRequestsFromOneVersion_ExactlyOneSucceeds()
    {
        var created = await _client.CreateAsync(FlowApi.Named("Contended"));

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
        {
            var body = new JsonObject
            {
                ["name"] = $"Writer {i}", ["tasks"] = new JsonArray(), ["edges"] = new JsonArray(), ["updated_at"] = created["updated_at"]!.GetValue<string>(),
            };
            return _client.PutAsync($"/v2/flows/templates/{created.Id()}", JsonBody(body.ToJsonString()));
        }));

        Assert.Multiple(() =>
        {
            Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.OK), Is.EqualTo(1));
            Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.Conflict), Is.EqualTo(9));
        });
    }

    [Test]
    public async Task Update_WithEnforcedLimits_ToleratesExistingViolations_ButNotNewOrWorseOnes()
    {
        var created = await _client.CreateAsync("""
            {"name": "Fan in", "tasks": [{"id": "a", "name": "A", "task_type": "MANUAL"}, {"id": "b", "name": "B", "task_type": "MANUAL"},
                                         {"id": "c", "name": "C", "task_type": "MANUAL"}, {"id": "d", "name": "D", "task_type": "MANUAL"}],
             "edges": [{"id": "e1", "from_id": "a", "to_id": "d"}, {"id": "e2", "from_id": "b", "to_id": "d"}]}
            """);
        var unchanged = FlowApi.WithoutServerFields(created);
        unchanged["description"] = "only the description changed";
        var worse = FlowApi.WithoutServerFields(created);
        worse["edges"]!.AsArray().Add(JsonNode.Parse("""{"id": "e3", "from_id": "c", "to_id": "d"}"""));

        var tolerated = await _client.PutAsync($"/v2/flows/templates/{created.Id()}?enforce_limits=true", JsonBody(unchanged.ToJsonString()));
        var refused = await _client.PutAsync($"/v2/flows/templates/{created.Id()}?enforce_limits=true", JsonBody(worse.ToJsonString()));

        await tolerated.AssertStatusAsync(HttpStatusCode.OK);
        Assert.That((await tolerated.ReadJsonAsync())["limit_warnings"]!.AsArray(), Has.Count.EqualTo(1));
        var error = await refused.AssertErrorAsync(HttpStatusCode.BadRequest);
        Assert.That(error["limit_warnings"]!.AsArray().Single()!["current"]!.GetValue<int>(), Is.EqualTo(3));
        Assert.That((await _client.GetFlowAsync(created.Id()))["description"]!.GetValue<string>(), Is.EqualTo("only the description changed"));
    }

    [Test]
    public async Task Update_WithAnInvalidGraph_Answers400AndChangesNothing()
    {
        var created = await _client.CreateAsync(FlowSamples.Minimal);

        var response = await _client.PutAsync($"/v2/flows/templates/{created.Id()}", JsonBody("""{"name": "Broken", "tasks": [], "edges": [{"id": "e", "from_id": "nowhere"}]}"""));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "Invalid request body: edges[0].from_id 'nowhere' does not reference an existing task or trigger (edge 'e')");
        Assert.That((await _client.GetFlowAsync(created.Id())).ToJsonString(), Is.EqualTo(created.ToJsonString()));
    }

    [Test]
    public async Task Update_OfAnUnknownOrForeignFlow_Answers404_AndAnInvalidId400()
    {
        var unknown = await _client.PutAsync("/v2/flows/templates/7hj28akg", JsonBody(FlowApi.Named("x y z")));
        var invalid = await _client.PutAsync("/v2/flows/templates/a%20b", JsonBody(FlowApi.Named("x y z")));

        await unknown.AssertErrorAsync(HttpStatusCode.NotFound, "Flow template with id '7hj28akg' not found");
        await invalid.AssertErrorAsync(HttpStatusCode.BadRequest);
    }

    // Row 14: deleteFlowTemplate

    [Test]
    public async Task Delete_Answers204_ThenTheFlowIsGoneAndItsSlotFree()
    {
        var created = await _client.CreateAsync(FlowApi.Named("Doomed"));

        var response = await _client.DeleteAsync($"/v2/flows/templates/{created.Id()}");

        await response.AssertStatusAsync(HttpStatusCode.NoContent);
        Assert.That(await response.Content.ReadAsByteArrayAsync(), Is.Empty);
        await (await _client.GetAsync($"/v2/flows/templates/{created.Id()}")).AssertErrorAsync(HttpStatusCode.NotFound);
        Assert.That(await _client.WorkflowCountAsync(), Is.Zero);
    }

    [TestCase("7hj28akg")]
    [TestCase("a%20b")]
    public async Task Delete_OfAnUnknownOrInvalidId_Answers404(string id)
    {
        var response = await _client.DeleteAsync($"/v2/flows/templates/{id}");

        await response.AssertErrorAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Delete_OfAnotherOrganizationsFlow_Answers404AndKeepsIt()
    {
        using var other = _factory.CreateClientFor(Guid.NewGuid().ToString("N"));
        var theirs = await other.CreateAsync(FlowApi.Named("Theirs"));

        var response = await _client.DeleteAsync($"/v2/flows/templates/{theirs.Id()}");

        await response.AssertErrorAsync(HttpStatusCode.NotFound);
        await other.GetFlowAsync(theirs.Id());
    }

    // Row 15: duplicateFlowTemplate

    [Test]
    public async Task Duplicate_CreatesAnIndependentCopyNamedCopy()
    {
        var source = await _client.CreateAsync("""
            {"name": "Original", "enabled": false, "_manifest": ["m1"], "x_extra": {"k": [1]}, "tasks": [{"id": "t1", "name": "T", "task_type": "MANUAL"}], "edges": []}
            """);

        var response = await _client.PostAsync($"/v2/flows/templates/{source.Id()}/duplicate", null);

        await response.AssertStatusAsync(HttpStatusCode.Created);
        var copy = (await response.ReadJsonAsync()).AsObject();
        Assert.Multiple(() =>
        {
            Assert.That(copy.Id(), Is.Not.EqualTo(source.Id()));
            Assert.That(response.Headers.Location?.AbsolutePath, Is.EqualTo($"/v2/flows/templates/{copy.Id()}"));
            Assert.That(copy["name"]!.GetValue<string>(), Is.EqualTo("Original (Copy)"));
            Assert.That(copy.ContainsKey("_manifest"), Is.False);
            Assert.That(copy["enabled"]!.GetValue<bool>(), Is.False);
            Assert.That(copy["x_extra"]!.ToJsonString(), Is.EqualTo("""{"k":[1]}"""));
            Assert.That(copy["tasks"]!.ToJsonString(), Is.EqualTo(source["tasks"]!.ToJsonString()));
            Assert.That(copy["limit_warnings"]!.ToJsonString(), Is.EqualTo("[]"));
        });

        await (await _client.PutAsync($"/v2/flows/templates/{copy.Id()}", JsonBody(FlowApi.Named("Changed copy")))).AssertStatusAsync(HttpStatusCode.OK);
        Assert.That((await _client.GetFlowAsync(source.Id()))["name"]!.GetValue<string>(), Is.EqualTo("Original"));
    }

    [Test]
    public async Task Duplicate_OfAnUnknownFlow_Answers404_AndAnInvalidId400()
    {
        var unknown = await _client.PostAsync("/v2/flows/templates/7hj28akg/duplicate", null);
        var invalid = await _client.PostAsync("/v2/flows/templates/a%20b/duplicate", null);

        await unknown.AssertErrorAsync(HttpStatusCode.NotFound, "Flow template with id '7hj28akg' not found");
        await invalid.AssertErrorAsync(HttpStatusCode.BadRequest);
    }
}
