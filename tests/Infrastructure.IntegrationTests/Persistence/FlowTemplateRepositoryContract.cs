using System.Text.Json.Nodes;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.FlowTemplates;
using WorkflowDefinitions.Domain.Common;
using WorkflowDefinitions.Domain.FlowTemplates;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Infrastructure.IntegrationTests.Persistence;

/// <summary>What every <see cref="IFlowTemplateRepository"/> adapter must do. Written once, run per store.</summary>
public abstract class FlowTemplateRepositoryContract
{
    private static readonly OrganizationId OrganizationA = new("org-a");
    private static readonly OrganizationId OrganizationB = new("org-b");
    private static readonly DateTimeOffset T0 = new(2026, 4, 1, 9, 0, 0, 250, TimeSpan.Zero);

    private WorkflowStore _store = null!;

    protected abstract Task<WorkflowStore> CreateEmptyStoreAsync();

    [SetUp]
    public async Task CreateStoreAsync() => _store = await CreateEmptyStoreAsync();

    [Test]
    public async Task Add_ThenFind_RoundTripsTheDocumentExactly()
    {
        var document = """
            {"name": "Round trip", "description": "ü😀\u0000", "version": 2, "x": {"$where": [1, 1.0, 1e3, 12345678901234567890123, null], "a.b": {}},
             "trigger": {"type": "automation", "automation_id": "a1", "x_trigger": true},
             "tasks": [{"id": "t1", "name": "T", "task_type": "MANUAL", "x_task": [{"deep": "v"}]}],
             "edges": [{"id": "e1", "from_id": "t1", "to_id": null}]}
            """;
        var flow = await AddAsync(OrganizationA, document);

        var found = await _store.Flows.FindAsync(OrganizationA, flow.Id, CancellationToken.None);

        Assert.That(found, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(found!.OrganizationId, Is.EqualTo(OrganizationA));
            Assert.That(found.CreatedAt, Is.EqualTo(flow.CreatedAt));
            Assert.That(found.UpdatedAt, Is.EqualTo(flow.UpdatedAt));
            Assert.That(JsonNode.DeepEquals(found.Document.ToJsonObject(), flow.Document.ToJsonObject()), Is.True, found.Document.ToJsonObject().ToJsonString());
            Assert.That(found.Document.ToJsonObject()["x"]!["$where"]!.ToJsonString(), Is.EqualTo("[1,1.0,1e3,12345678901234567890123,null]"));
        });
    }

    [Test]
    public async Task Find_WithAnotherOrganization_ReturnsNull()
    {
        var flow = await AddAsync(OrganizationA, Named("Mine"));

        Assert.That(await _store.Flows.FindAsync(OrganizationB, flow.Id, CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task FindUnlessLarger_ReadsAFlowUpToTheSize_AndOfALargerOneOnlyItsSize_NothingForAnotherOrganization()
    {
        var flow = await AddAsync(OrganizationA, Named("Small"));
        var large = await AddAsync(OrganizationA, $$"""{"name": "Large", "tasks": [], "edges": [], "x_padding": "{{new string('x', 100_000)}}"}""");

        var small = await _store.Flows.FindUnlessLargerAsync(OrganizationA, flow.Id, 64 * 1024, CancellationToken.None);
        var larger = await _store.Flows.FindUnlessLargerAsync(OrganizationA, large.Id, 64 * 1024, CancellationToken.None);
        var foreign = await _store.Flows.FindUnlessLargerAsync(OrganizationB, flow.Id, 64 * 1024, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(small.IsLarger, Is.False);
            Assert.That(small.Value?.Document.Name, Is.EqualTo("Small"));
            Assert.That(larger.Value, Is.Null, "a larger flow is not read");
            Assert.That(larger.LargerBytes, Is.GreaterThan(100_000));
            Assert.That(foreign, Is.EqualTo(default(UnlessLarger<FlowTemplate>)));
        });
    }

    [Test]
    public async Task ListAndSearch_ListALargerFlowUnread_ByIdAndSize_InItsPlace()
    {
        var older = await AddAsync(OrganizationA, Named("Older"), T0);
        var large = await AddAsync(OrganizationA, $$"""{"name": "Large", "tasks": [], "edges": [], "x_padding": "{{new string('x', 100_000)}}"}""", T0.AddMinutes(1));
        var newer = await AddAsync(OrganizationA, Named("Newer"), T0.AddMinutes(2));

        var listed = await _store.Flows.ListAsync(OrganizationA, TriggerCriteria.None, 64 * 1024, CancellationToken.None).ToListAsync();
        var searched = await (await _store.Flows.SearchAsync(OrganizationA, new SearchBuilder().Build(), 64 * 1024, CancellationToken.None)).Results.ToListAsync();

        foreach (var items in new[] { listed, searched })
        {
            Assert.That(items.Select(item => item.Id), Is.EqualTo(new[] { newer.Id.Value, large.Id.Value, older.Id.Value }));
            Assert.That(items.Select(item => item.Value?.Document.Name), Is.EqualTo(new[] { "Newer", null, "Older" }));
            Assert.That(items[1].LargerBytes, Is.GreaterThan(100_000));
        }
    }

    [Test]
    public async Task List_OrdersByLastUpdateDescending_ThenId_AndHidesOtherOrganizations()
    {
        var older = await AddAsync(OrganizationA, Named("Older"), T0);
        var newer = await AddAsync(OrganizationA, Named("Newer"), T0.AddMinutes(5));
        var sameTime = await AddAsync(OrganizationA, Named("Same time"), T0.AddMinutes(5));
        await AddAsync(OrganizationB, Named("Other org"), T0.AddMinutes(9));

        var listed = await List(OrganizationA, TriggerCriteria.None).ToListAsync();

        var expectedTop = new[] { newer.Id.Value, sameTime.Id.Value }.Order(StringComparer.Ordinal);
        Assert.That(listed.Select(f => f.Id.Value), Is.EqualTo(expectedTop.Append(older.Id.Value)));
    }

    [Test]
    public async Task List_ByTriggerCriteria_OneTriggerMustMatchThemAll()
    {
        var automation = await AddAsync(OrganizationA, WithTriggers("""{"type": "automation", "automation_id": "auto-1"}"""));
        var journey = await AddAsync(OrganizationA, WithTriggers("""{"type": "journey_submission", "journey_id": "journey-1", "automation_id": "auto-2"}"""));
        var manual = await AddAsync(OrganizationA, WithTriggers("""{"type": "manual", "entity_schema": "opportunity"}"""));
        var mixed = await AddAsync(OrganizationA, WithTriggers("""{"type": "manual", "entity_schema": "contact"}""", """{"type": "automation", "automation_id": "auto-3"}"""));
        await AddAsync(OrganizationA, Named("No trigger"));

        async Task<IEnumerable<string>> Listed(TriggerCriteria criteria) =>
            (await List(OrganizationA, criteria).ToListAsync()).Select(f => f.Id.Value);

        Assert.Multiple(async () =>
        {
            Assert.That(await Listed(new(Type: "automation")), Is.EquivalentTo(new[] { automation.Id.Value, mixed.Id.Value }));
            Assert.That(await Listed(new(Type: "automation", AutomationId: "auto-3")), Is.EquivalentTo(new[] { mixed.Id.Value }));
            Assert.That(await Listed(new(Type: "journey_submission", JourneyId: "journey-1")), Is.EquivalentTo(new[] { journey.Id.Value }));
            Assert.That(await Listed(new(Type: "manual", EntitySchema: "opportunity")), Is.EquivalentTo(new[] { manual.Id.Value }));
            Assert.That(await Listed(new(Type: "manual")), Is.EquivalentTo(new[] { manual.Id.Value, mixed.Id.Value }));
            Assert.That(await Listed(new(AutomationOrJourneyId: "auto-2")), Is.EquivalentTo(new[] { journey.Id.Value }));
            Assert.That(await Listed(new(AutomationOrJourneyId: "journey-1")), Is.EquivalentTo(new[] { journey.Id.Value }));
            Assert.That(await Listed(new(Type: "manual", AutomationId: "auto-3")), Is.Empty, "the manual and the automation trigger are different triggers");
            Assert.That(await Listed(new(Type: "automation", AutomationId: "AUTO-1")), Is.Empty, "comparisons are case-sensitive");
        });
    }

    [Test]
    public async Task Search_FiltersCombineWithAnd_AndHitsCountBeforePaging()
    {
        var lead = await AddAsync(OrganizationA, WithTriggers("""{"type": "journey_submission", "journey_id": "j"}""", name: "Lead Qualification"), T0);
        await AddAsync(OrganizationA, Named("Lead Follow-up", enabled: false), T0.AddMinutes(1));
        var second = await AddAsync(OrganizationA, Named("Second LEAD flow"), T0.AddMinutes(2));
        await AddAsync(OrganizationA, Named("Onboarding"), T0.AddMinutes(3));
        await AddAsync(OrganizationB, Named("Lead of another org"), T0.AddMinutes(4));

        Assert.Multiple(async () =>
        {
            Assert.That(await Search(new() { NameContains = "lead" }), Is.EqualTo((3, new[] { second.Id.Value, "*", lead.Id.Value })).Using<(int, string[])>(Same));
            Assert.That(await Search(new() { NameContains = "lead", Enabled = true }), Is.EqualTo((2, new[] { second.Id.Value, lead.Id.Value })).Using<(int, string[])>(Same));
            Assert.That(await Search(new() { Triggers = new(Type: "journey_submission") }), Is.EqualTo((1, new[] { lead.Id.Value })).Using<(int, string[])>(Same));
            Assert.That(await Search(new() { DefinitionId = second.Id.Value }), Is.EqualTo((1, new[] { second.Id.Value })).Using<(int, string[])>(Same));
            Assert.That(await Search(new() { NameContains = "lead", Size = 1, From = 1 }), Is.EqualTo((3, new[] { "*" })).Using<(int, string[])>(Same));
            Assert.That(await Search(new() { NameContains = "lead", Size = 0 }), Is.EqualTo((3, Array.Empty<string>())).Using<(int, string[])>(Same));
            Assert.That(await Search(new() { NameContains = "lead", From = 10 }), Is.EqualTo((3, Array.Empty<string>())).Using<(int, string[])>(Same));
            Assert.That(await Search(new() { NameContains = "nothing like this" }), Is.EqualTo((0, Array.Empty<string>())).Using<(int, string[])>(Same));
        });
    }

    [Test]
    public async Task Search_NameMatch_IsCaseInsensitiveBeyondAscii_AndLiteral()
    {
        var umlaut = await AddAsync(OrganizationA, Named("Über ÄNDERUNG"));
        var special = await AddAsync(OrganizationA, Named("Costs (50%) [a.*]"));
        var dollars = await AddAsync(OrganizationA, Named("Pay $x to $name"));

        Assert.Multiple(async () =>
        {
            Assert.That((await Search(new() { NameContains = "änderung" })).Ids, Is.EqualTo(new[] { umlaut.Id.Value }));
            Assert.That((await Search(new() { NameContains = "(50%) [A.*]" })).Ids, Is.EqualTo(new[] { special.Id.Value }));
            Assert.That((await Search(new() { NameContains = ".*" })).Ids, Is.EqualTo(new[] { special.Id.Value }));
            Assert.That((await Search(new() { NameContains = "$x" })).Ids, Is.EqualTo(new[] { dollars.Id.Value }), "a field path to MongoDB unless quoted");
            Assert.That((await Search(new() { NameContains = "$NAME" })).Ids, Is.EqualTo(new[] { dollars.Id.Value }), "the document's own name to MongoDB unless quoted");
            Assert.That((await Search(new() { NameContains = "$$ROOT" })).Ids, Is.Empty, "a variable to MongoDB unless quoted");
        });
    }

    [Test]
    public async Task Search_ByName_FollowsRenamesAndDeletes_ForShortAndLongTerms()
    {
        var renamed = await AddAsync(OrganizationA, Named("Alpha contract"), T0);
        var deleted = await AddAsync(OrganizationA, Named("Alpha offer"), T0.AddMinutes(1));
        var nul = await AddAsync(OrganizationA, Named("a\u0000bc split"), T0.AddMinutes(2));
        var quoted = await AddAsync(OrganizationA, Named("Say \"hi\" to ü"), T0.AddMinutes(3));
        await AddAsync(OrganizationA, Named("0123456789 defghijklmnopqrstuvwxyz one"), T0.AddMinutes(3));
        var longer = await AddAsync(OrganizationA, Named("0123456789 defghijklmnopqrstuvwxyz two"), T0.AddMinutes(3));
        var operators = await AddAsync(OrganizationA, Named("a*b NEAR(c d) x:y ^z OR -w"), T0.AddMinutes(3));
        await AddAsync(OrganizationB, Named("Alpha elsewhere"), T0.AddMinutes(4));
        var stored = (await _store.Flows.FindAsync(OrganizationA, renamed.Id, CancellationToken.None))!;
        stored.Replace(Document(Named("Omega contract")), T0.AddMinutes(5));
        await _store.Flows.UpdateAsync(stored, CancellationToken.None);
        await _store.Flows.DeleteAsync(OrganizationA, deleted.Id, revision: null, CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(await Search(new() { NameContains = "alpha" }), Is.EqualTo((0, Array.Empty<string>())).Using<(int, string[])>(Same));
            Assert.That((await Search(new() { NameContains = "OMEGA" })).Ids, Is.EqualTo(new[] { renamed.Id.Value }));
            Assert.That((await Search(new() { NameContains = "ontrac" })).Ids, Is.EqualTo(new[] { renamed.Id.Value }));
            Assert.That((await Search(new() { NameContains = "abc" })).Ids, Is.Empty, "a NUL character is part of the name");
            Assert.That((await Search(new() { NameContains = "a\u0000b" })).Ids, Is.EqualTo(new[] { nul.Id.Value }));
            Assert.That((await Search(new() { NameContains = "bc split" })).Ids, Is.EqualTo(new[] { nul.Id.Value }));
            Assert.That((await Search(new() { NameContains = "\"hi\"" })).Ids, Is.EqualTo(new[] { quoted.Id.Value }));
            Assert.That((await Search(new() { NameContains = "Ü" })).Ids, Is.EqualTo(new[] { quoted.Id.Value }));
            Assert.That((await Search(new() { NameContains = "om" })).Ids, Is.EqualTo(new[] { renamed.Id.Value }));
            Assert.That((await Search(new() { NameContains = "0123456789 DEFGHIJKLMNOPQRSTUVWXYZ TWO" })).Ids, Is.EqualTo(new[] { longer.Id.Value }),
                "a term longer than what the index looks up is still matched whole");
            foreach (var term in new[] { "a*b", "NEAR(c", "x:y", "^z", "OR -w" })
            {
                Assert.That((await Search(new() { NameContains = term })).Ids, Is.EqualTo(new[] { operators.Id.Value }), term);
            }
        });
    }

    [Test]
    public async Task Search_SortsByEitherTimestampInEitherDirection_TieBreakingOnId_WithOrWithoutAName()
    {
        var first = await AddAsync(OrganizationA, Named("First step"), T0);
        var second = await AddAsync(OrganizationA, Named("Second step"), T0.AddMinutes(1));
        var third = await AddAsync(OrganizationA, Named("Third step"), T0.AddMinutes(1));
        var stored = (await _store.Flows.FindAsync(OrganizationA, first.Id, CancellationToken.None))!;
        stored.Replace(stored.Document, T0.AddMinutes(10));
        await _store.Flows.UpdateAsync(stored, CancellationToken.None);
        var tied = new[] { second.Id.Value, third.Id.Value }.Order(StringComparer.Ordinal).ToArray();

        Assert.Multiple(async () =>
        {
            Assert.That((await Search(new())).Ids, Is.EqualTo(new[] { first.Id.Value }.Concat(tied)));
            Assert.That((await Search(new() { Descending = false })).Ids, Is.EqualTo(tied.Append(first.Id.Value)));
            Assert.That((await Search(new() { SortBy = FlowTemplateSortField.CreatedAt, Descending = false })).Ids, Is.EqualTo(new[] { first.Id.Value }.Concat(tied)));
            Assert.That((await Search(new() { SortBy = FlowTemplateSortField.CreatedAt })).Ids, Is.EqualTo(tied.Prepend(first.Id.Value).Skip(1).Concat([first.Id.Value])));
            Assert.That((await Search(new() { NameContains = "STEP" })).Ids, Is.EqualTo(new[] { first.Id.Value }.Concat(tied)));
            Assert.That(await Search(new() { NameContains = "step", Descending = false, From = 1, Size = 1 }),
                Is.EqualTo((3, new[] { tied[1] })).Using<(int, string[])>(Same));
            Assert.That((await Search(new() { NameContains = "step", SortBy = FlowTemplateSortField.CreatedAt, Descending = false })).Ids,
                Is.EqualTo(new[] { first.Id.Value }.Concat(tied)));
            Assert.That((await Search(new() { NameContains = "step", SortBy = FlowTemplateSortField.CreatedAt, From = 2 })).Ids, Is.EqualTo(new[] { first.Id.Value }));
        });
    }

    [Test]
    public async Task Update_AtTheStoredRevision_ReplacesTheDocumentAndItsTriggers()
    {
        var flow = await AddAsync(OrganizationA, WithTriggers("""{"type": "manual"}"""));
        var loaded = (await _store.Flows.FindAsync(OrganizationA, flow.Id, CancellationToken.None))!;

        loaded.Replace(Document(WithTriggers("""{"type": "automation", "automation_id": "after-update"}""", name: "Renamed")), T0.AddMinutes(1));
        await _store.Flows.UpdateAsync(loaded, CancellationToken.None);

        var reloaded = (await _store.Flows.FindAsync(OrganizationA, flow.Id, CancellationToken.None))!;
        Assert.Multiple(async () =>
        {
            Assert.That(reloaded.Document.Name, Is.EqualTo("Renamed"));
            Assert.That(reloaded.Revision, Is.EqualTo(loaded.StoredRevision + 1).And.EqualTo(loaded.Revision));
            Assert.That(reloaded.UpdatedAt, Is.EqualTo(T0.AddMinutes(1)));
            Assert.That(await List(OrganizationA, new(Type: "manual")).ToListAsync(), Is.Empty);
            Assert.That((await List(OrganizationA, new(AutomationId: "after-update")).ToListAsync()).Single().Id, Is.EqualTo(flow.Id));
            Assert.That((await Search(new() { NameContains = "renamed" })).Ids, Is.EqualTo(new[] { flow.Id.Value }));
        });
    }

    [Test]
    public async Task Update_WithAStaleRevision_IsAConflict_AndTheWinnerStays()
    {
        var flow = await AddAsync(OrganizationA, Named("Original"));
        var first = (await _store.Flows.FindAsync(OrganizationA, flow.Id, CancellationToken.None))!;
        var second = (await _store.Flows.FindAsync(OrganizationA, flow.Id, CancellationToken.None))!;
        first.Replace(Document(Named("First")), T0.AddMinutes(1));
        second.Replace(Document(Named("Second")), T0.AddMinutes(1));

        await _store.Flows.UpdateAsync(first, CancellationToken.None);

        Assert.ThrowsAsync<ConcurrencyConflictException>(() => _store.Flows.UpdateAsync(second, CancellationToken.None));
        Assert.That((await _store.Flows.FindAsync(OrganizationA, flow.Id, CancellationToken.None))!.Document.Name, Is.EqualTo("First"));
    }

    [Test]
    public async Task ConcurrentUpdates_FromTheSameRevision_ExactlyOneSucceeds()
    {
        var flow = await AddAsync(OrganizationA, Named("Contended"));
        var copies = new List<FlowTemplate>();
        for (var i = 0; i < 8; i++)
        {
            var copy = (await _store.Flows.FindAsync(OrganizationA, flow.Id, CancellationToken.None))!;
            copy.Replace(Document(Named($"Writer {i}")), T0.AddMinutes(1));
            copies.Add(copy);
        }

        var outcomes = await Task.WhenAll(copies.Select(async copy =>
        {
            try
            {
                await _store.Flows.UpdateAsync(copy, CancellationToken.None);
                return true;
            }
            catch (ConcurrencyConflictException)
            {
                return false;
            }
        }));

        Assert.That(outcomes.Count(won => won), Is.EqualTo(1));
    }

    [Test]
    public async Task Update_OfADeletedFlow_IsNotFound()
    {
        var flow = await AddAsync(OrganizationA, Named("Doomed"));
        var loaded = (await _store.Flows.FindAsync(OrganizationA, flow.Id, CancellationToken.None))!;
        await _store.Flows.DeleteAsync(OrganizationA, flow.Id, revision: null, CancellationToken.None);
        loaded.Replace(loaded.Document, T0.AddMinutes(1));

        Assert.ThrowsAsync<NotFoundException>(() => _store.Flows.UpdateAsync(loaded, CancellationToken.None));
    }

    [Test]
    public async Task Delete_AtARevision_DeletesOnlyWhileTheFlowIsAtIt()
    {
        var flow = await AddAsync(OrganizationA, Named("Versioned"));
        var loaded = (await _store.Flows.FindAsync(OrganizationA, flow.Id, CancellationToken.None))!;
        loaded.Replace(loaded.Document, T0.AddMinutes(1));
        await _store.Flows.UpdateAsync(loaded, CancellationToken.None);

        var atTheOldRevision = await _store.Flows.DeleteAsync(OrganizationA, flow.Id, flow.Revision, CancellationToken.None);
        var stillThere = await _store.Flows.FindAsync(OrganizationA, flow.Id, CancellationToken.None);
        var atTheCurrentRevision = await _store.Flows.DeleteAsync(OrganizationA, flow.Id, loaded.Revision, CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That((atTheOldRevision, atTheCurrentRevision), Is.EqualTo((false, true)));
            Assert.That(stillThere?.Revision, Is.EqualTo(loaded.Revision));
            Assert.That(await _store.Flows.FindAsync(OrganizationA, flow.Id, CancellationToken.None), Is.Null);
            Assert.That(await List(OrganizationA, TriggerCriteria.None).ToListAsync(), Is.Empty);
        });
    }

    [Test]
    public async Task Delete_RemovesOnlyThatFlow_AndOnlyInItsOrganization()
    {
        var doomed = await AddAsync(OrganizationA, Named("Doomed"));
        var neighbour = await AddAsync(OrganizationA, Named("Neighbour"));

        var byOtherOrganization = await _store.Flows.DeleteAsync(OrganizationB, doomed.Id, revision: null, CancellationToken.None);
        var first = await _store.Flows.DeleteAsync(OrganizationA, doomed.Id, revision: null, CancellationToken.None);
        var second = await _store.Flows.DeleteAsync(OrganizationA, doomed.Id, revision: null, CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That((byOtherOrganization, first, second), Is.EqualTo((false, true, false)));
            Assert.That(await _store.Flows.FindAsync(OrganizationA, doomed.Id, CancellationToken.None), Is.Null);
            Assert.That(await _store.Flows.FindAsync(OrganizationA, neighbour.Id, CancellationToken.None), Is.Not.Null);
            Assert.That(await List(OrganizationA, new(Type: "manual")).ToListAsync(), Is.Empty);
        });
    }

    [Test]
    public async Task Add_IntoASlotOfAnotherId_IsRefused()
    {
        var slot = await _store.Slots.ReserveAsync(OrganizationA, 10, CancellationToken.None);
        var flow = FlowTemplate.Create(OrganizationA, new FlowTemplateId("other-id"), Document(Named("Misfiled")), T0);

        Assert.ThrowsAsync<ArgumentException>(() => _store.Flows.AddAsync(flow, slot, CancellationToken.None));
    }

    private static bool Same((int Hits, string[] Ids) actual, (int Hits, string[] Ids) expected) =>
        actual.Hits == expected.Hits && actual.Ids.Length == expected.Ids.Length
        && actual.Ids.Zip(expected.Ids).All(pair => pair.Second == "*" || pair.First == pair.Second);

    private async Task<(int Hits, string[] Ids)> Search(SearchBuilder search)
    {
        var page = await _store.Flows.SearchAsync(OrganizationA, search.Build(), int.MaxValue, CancellationToken.None);
        return (page.Hits, await page.Results.Select(f => f.Value!.Id.Value).ToArrayAsync());
    }

    private async Task<FlowTemplate> AddAsync(OrganizationId organization, string json, DateTimeOffset? now = null)
    {
        var slot = await _store.Slots.ReserveAsync(organization, 1000, CancellationToken.None);
        var flow = FlowTemplate.Create(organization, new FlowTemplateId(slot.WorkflowId), Document(json), now ?? T0);
        await _store.Flows.AddAsync(flow, slot, CancellationToken.None);
        return flow;
    }

    /// <summary>The flows listed, every one read whatever its size.</summary>
    private IAsyncEnumerable<FlowTemplate> List(OrganizationId organization, TriggerCriteria criteria) =>
        _store.Flows.ListAsync(organization, criteria, int.MaxValue, CancellationToken.None).Select(listed => listed.Value!);

    private static FlowDocument Document(string json) => FlowDocument.Parse(JsonNode.Parse(json)!.AsObject(), HardLimits.Default);

    private static string Named(string name, bool enabled = true) =>
        new JsonObject { ["name"] = name, ["enabled"] = enabled, ["tasks"] = new JsonArray(), ["edges"] = new JsonArray() }.ToJsonString();

    private static string WithTriggers(string trigger, string? additional = null, string name = "Triggered")
    {
        var flow = JsonNode.Parse(Named(name))!.AsObject();
        flow["trigger"] = JsonNode.Parse(trigger);
        if (additional is not null)
        {
            flow["additional_triggers"] = new JsonArray(JsonNode.Parse(additional));
        }

        return flow.ToJsonString();
    }

    private sealed record SearchBuilder
    {
        public string? NameContains { get; init; }

        public string? DefinitionId { get; init; }

        public TriggerCriteria Triggers { get; init; } = TriggerCriteria.None;

        public bool? Enabled { get; init; }

        public int From { get; init; }

        public int Size { get; init; } = 25;

        public FlowTemplateSortField SortBy { get; init; } = FlowTemplateSortField.UpdatedAt;

        public bool Descending { get; init; } = true;

        public FlowTemplateSearch Build() => new(NameContains, DefinitionId, Triggers, Enabled, From, Size, SortBy, Descending);
    }
}
