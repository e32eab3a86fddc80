using System.Text;
using WorkflowDefinitions.Application.FlowTemplates;
using WorkflowDefinitions.Application.Workflows.History;
using WorkflowDefinitions.Domain.Organizations;
using WorkflowDefinitions.Infrastructure.Persistence;
using WorkflowDefinitions.Infrastructure.Persistence.Sqlite;

namespace WorkflowDefinitions.Infrastructure.IntegrationTests.Persistence.Sqlite;

/// <summary>
/// Searches answered again while their organization's flows have not changed: what is kept and dropped, and — on a
/// database — that the organization's feed position decides. The rows here are written with SQL, so the tests decide
/// when the feed moves; the service's own writes move it in their transaction (the API tests repeat a search after each).
/// </summary>
public sealed class SqliteSearchCacheTests
{
    private const long Budget = 80_000;

    private static readonly OrganizationId Organization = new("org-a");

    [Test]
    public void AKeptSearch_IsFoundAtItsPosition_AndDroppedWhenAskedAtAnother()
    {
        var cache = new SqliteSearchCache(Budget);
        var key = Key("needle");
        cache.Keep(key, position: 7, hits: 1, [Flow("f1", 100)]);

        var found = cache.TryGet(key, 7, out var search);
        var heldBefore = cache.HeldBytes;
        var moved = cache.TryGet(key, 8, out _);

        Assert.Multiple(() =>
        {
            Assert.That(found, Is.True);
            Assert.That(search.Hits, Is.EqualTo(1));
            Assert.That(search.Flows.Select(f => f.Id), Is.EqualTo(new[] { "f1" }));
            Assert.That(heldBefore, Is.EqualTo(key.Cost + SqliteSearchCache.CostOf(Flow("f1", 100))));
            Assert.That(moved, Is.False);
            Assert.That(cache.HeldBytes, Is.Zero, "the search read at 7 is dropped once the position is 8");
            Assert.That(cache.TryGet(key, 7, out _), Is.False);
        });
    }

    [Test]
    public void SearchesDifferingInAnyCriterion_OrInTheOrganization_AreKeptApart()
    {
        var cache = new SqliteSearchCache(Budget);
        cache.Keep(Key("needle"), 1, 1, [Flow("f1", 10)]);

        Assert.Multiple(() =>
        {
            Assert.That(cache.TryGet(Key("needle"), 1, out _), Is.True);
            Assert.That(cache.TryGet(Key("Needle"), 1, out _), Is.False);
            Assert.That(cache.TryGet(Key("needle") with { OrganizationId = "org-b" }, 1, out _), Is.False);
            Assert.That(cache.TryGet(Key("needle") with { MaxBytes = 10 }, 1, out _), Is.False);
            Assert.That(cache.TryGet(Key("needle") with { Search = Search("needle") with { From = 1 } }, 1, out _), Is.False);
            Assert.That(cache.TryGet(Key("needle") with { Search = Search("needle") with { Triggers = new TriggerCriteria(Type: "manual") } }, 1, out _), Is.False);
        });
    }

    [Test]
    public void ASearchCostingMoreThanAnEighthOfTheBudget_IsNotKept()
    {
        var cache = new SqliteSearchCache(Budget);

        cache.Keep(Key("large"), 1, 1, [Flow("f1", (int)(Budget / 8))]);

        Assert.Multiple(() =>
        {
            Assert.That(cache.TryGet(Key("large"), 1, out _), Is.False);
            Assert.That(cache.HeldBytes, Is.Zero);
        });
    }

    [Test]
    public void ASearchWhoseTermAloneCostsMoreThanAnEighthOfTheBudget_IsNotKept()
    {
        var cache = new SqliteSearchCache(Budget);
        var key = Key(new string('n', (int)(Budget / 16)));

        cache.Keep(key, 1, 0, []);

        Assert.Multiple(() =>
        {
            Assert.That(key.Cost, Is.GreaterThan(cache.MaxSearchBytes), "two bytes a character");
            Assert.That(cache.TryGet(key, 1, out _), Is.False);
            Assert.That(cache.HeldBytes, Is.Zero);
        });
    }

    [Test]
    public void BeyondTheBudget_TheLeastRecentlyUsedSearchesAreDropped()
    {
        var cache = new SqliteSearchCache(Budget);
        var size = (int)(Budget / 10);
        for (var i = 0; i < 9; i++)
        {
            cache.Keep(Key($"term {i}"), 1, 1, [Flow($"f{i}", size)]);
        }

        var firstStillKept = cache.TryGet(Key("term 0"), 1, out _);
        cache.Keep(Key("term 9"), 1, 1, [Flow("f9", size)]);
        cache.Keep(Key("term 10"), 1, 1, [Flow("f10", size)]);

        Assert.Multiple(() =>
        {
            Assert.That(firstStillKept, Is.True);
            Assert.That(cache.HeldBytes, Is.LessThanOrEqualTo(Budget));
            Assert.That(cache.TryGet(Key("term 0"), 1, out _), Is.True, "used last before the new ones came");
            Assert.That(cache.TryGet(Key("term 1"), 1, out _), Is.False, "the least recently used");
            Assert.That(cache.TryGet(Key("term 10"), 1, out _), Is.True);
        });
    }

    [Test]
    public void ASearchReadAtAnEarlierPosition_DoesNotReplaceOneReadLater()
    {
        var cache = new SqliteSearchCache(Budget);
        cache.Keep(Key("needle"), 5, 2, [Flow("f1", 10), Flow("f2", 10)]);

        cache.Keep(Key("needle"), 4, 1, [Flow("f1", 10)]);

        Assert.Multiple(() =>
        {
            Assert.That(cache.TryGet(Key("needle"), 5, out var kept), Is.True);
            Assert.That(kept.Hits, Is.EqualTo(2));
        });
    }

    [Test]
    public void ABudgetOf0_KeepsNothing()
    {
        var cache = new SqliteSearchCache(0);

        cache.Keep(Key("needle"), 1, 0, []);

        Assert.Multiple(() =>
        {
            Assert.That(cache.IsOn, Is.False);
            Assert.That(cache.TryGet(Key("needle"), 1, out _), Is.False);
        });
    }

    [Test]
    public async Task ASearch_IsAnsweredAgainFromWhatItRead_UntilItsOrganizationsFeedMoves()
    {
        using var database = new SqliteTestDatabase();
        var connections = await database.CreateAsync();
        var cache = new SqliteSearchCache(8 << 20);
        var repository = Repository(connections, cache);
        await SqlScript.RunAsync(connections, Insert("f1", "Needle one", second: 1) + Insert("f2", "Needle two", second: 2));
        var first = await IdsAsync(repository, Search("needle"));

        await SqlScript.RunAsync(connections, "DELETE FROM flow_templates WHERE id = 'f1';" + Change("org-b"));
        var unmoved = await IdsAsync(repository, Search("needle"));
        await SqlScript.RunAsync(connections, Change("org-a"));
        var moved = await IdsAsync(repository, Search("needle"));

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo((2, new[] { "f2", "f1" })));
            Assert.That(unmoved, Is.EqualTo(first), "the rows changed without a change of the feed (no write of the service does that), and another organization's feed moved");
            Assert.That(moved, Is.EqualTo((1, new[] { "f2" })), "read again once the organization's feed moved");
        });
    }

    [Test]
    public async Task AWriteCommittedWhileASearchIsRead_IsFoundByTheNextSearch()
    {
        using var database = new SqliteTestDatabase();
        var connections = await database.CreateAsync();
        var cache = new SqliteSearchCache(8 << 20);
        var repository = Repository(connections, cache);
        await SqlScript.RunAsync(connections, Insert("f1", "Needle one", second: 1) + Insert("f2", "Needle two", second: 2));

        var reading = await repository.SearchAsync(Organization, Search("needle"), int.MaxValue, CancellationToken.None);
        await SqlScript.RunAsync(connections, Insert("f3", "Needle three", second: 3) + Change("org-a"));
        var read = (reading.Hits, (await reading.Results.Select(f => f.Id).ToListAsync()).ToArray());
        var heldAfterRead = cache.HeldBytes;
        var next = await IdsAsync(repository, Search("needle"));

        Assert.Multiple(() =>
        {
            Assert.That(read, Is.EqualTo((2, new[] { "f2", "f1" })), "counted before the write, its page read after it");
            Assert.That(heldAfterRead, Is.Positive, "kept, at the position read before the write");
            Assert.That(next, Is.EqualTo((3, new[] { "f3", "f2", "f1" })), "the feed moved after the position the kept search was read at");
        });
    }

    [Test]
    public async Task APurgeOfTheFeed_LeavesItsPosition_AndTheNextChangeMovesIt()
    {
        using var database = new SqliteTestDatabase();
        var connections = await database.CreateAsync();
        await SqlScript.RunAsync(connections, Change("org-a") + Change("org-a") + Change("org-b"));
        var before = await PositionAsync(connections, "org-a");

        await new SqliteFlowChangeFeed(connections).PurgeAsync(DateTimeOffset.UtcNow.AddYears(1), CancellationToken.None);
        var purged = await PositionAsync(connections, "org-a");
        await SqlScript.RunAsync(connections, Change("org-a"));
        var after = await PositionAsync(connections, "org-a");

        Assert.Multiple(async () =>
        {
            Assert.That(before, Is.EqualTo(2));
            Assert.That(purged, Is.EqualTo(before), "every change purged; the horizon is the last one");
            Assert.That(after, Is.EqualTo(4));
            Assert.That(await PositionAsync(connections, "org-c"), Is.Zero, "an organization without changes");
        });
    }

    [Test]
    public async Task ThePosition_IsTwoLookupsByKey_HoweverManyChangesOtherOrganizationsMadeSince()
    {
        using var database = new SqliteTestDatabase();
        var connections = await database.CreateAsync();
        await using var connection = await connections.OpenAsync(CancellationToken.None);
        await using var position = connection.CreateCommand();
        position.CommandText = SqliteFlowChangeFeed.PositionQuery;
        position.Parameters.AddWithValue("@organization_id", Organization.Value);

        var plan = await QueryPlan.OfAsync(position);

        Assert.Multiple(() =>
        {
            Assert.That(plan, Has.Some.StartsWith("SEARCH flow_changes USING COVERING INDEX ix_flow_changes_organization (organization_id=?)"), string.Join(" | ", plan));
            Assert.That(plan, Has.Some.StartsWith("SEARCH flow_change_horizons USING PRIMARY KEY (organization_id=?)"), string.Join(" | ", plan));
            Assert.That(plan, Has.None.StartsWith("SCAN flow_changes"), string.Join(" | ", plan));
        });
    }

    [Test]
    public async Task APageHoldingAFlowListedUnread_OrNotReadToItsEnd_IsNotKept()
    {
        using var database = new SqliteTestDatabase();
        var connections = await database.CreateAsync();
        var cache = new SqliteSearchCache(8 << 20);
        var repository = Repository(connections, cache);
        await SqlScript.RunAsync(connections, Insert("f1", "Needle one", second: 1) + Insert("f2", "Needle two", second: 2, padding: 2_000));

        var withALargeFlow = await repository.SearchAsync(Organization, Search("needle"), maxBytes: 1_000, CancellationToken.None);
        var listed = await withALargeFlow.Results.Select(f => f.IsLarger).ToListAsync();
        var heldAfterLarge = cache.HeldBytes;
        var partly = await repository.SearchAsync(Organization, Search("needle"), int.MaxValue, CancellationToken.None);
        await using (var reading = partly.Results.GetAsyncEnumerator())
        {
            await reading.MoveNextAsync();
        }

        Assert.Multiple(() =>
        {
            Assert.That(listed, Is.EqualTo(new[] { true, false }));
            Assert.That(heldAfterLarge, Is.Zero);
            Assert.That(cache.HeldBytes, Is.Zero);
        });
    }

    [Test]
    public async Task WithABudgetOf0_SearchesAreReadEveryTime()
    {
        using var database = new SqliteTestDatabase();
        var connections = await database.CreateAsync();
        var repository = Repository(connections, new SqliteSearchCache(0));
        await SqlScript.RunAsync(connections, Insert("f1", "Needle one", second: 1) + Insert("f2", "Needle two", second: 2));
        var first = await IdsAsync(repository, Search("needle"));

        await SqlScript.RunAsync(connections, "DELETE FROM flow_templates WHERE id = 'f1';");

        Assert.Multiple(async () =>
        {
            Assert.That(first, Is.EqualTo((2, new[] { "f2", "f1" })));
            Assert.That(await IdsAsync(repository, Search("needle")), Is.EqualTo((1, new[] { "f2" })));
        });
    }

    private static SqliteFlowTemplateRepository Repository(SqliteConnectionFactory connections, SqliteSearchCache cache) =>
        new(connections, cache, new RevisionsOptions(), new ChangeSignals(), TimeProvider.System);

    private static async Task<(int Hits, string[] Ids)> IdsAsync(SqliteFlowTemplateRepository repository, FlowTemplateSearch search)
    {
        var page = await repository.SearchAsync(Organization, search, int.MaxValue, CancellationToken.None);
        return (page.Hits, (await page.Results.Select(f => f.Id).ToListAsync()).ToArray());
    }

    private static async Task<long> PositionAsync(SqliteConnectionFactory connections, string organizationId)
    {
        await using var connection = await connections.OpenAsync(CancellationToken.None);
        await using var position = connection.CreateCommand();
        position.CommandText = SqliteFlowChangeFeed.PositionQuery;
        position.Parameters.AddWithValue("@organization_id", organizationId);
        return (long)(await position.ExecuteScalarAsync())!;
    }

    private static string Insert(string id, string name, int second, int padding = 0) => $$"""
        INSERT INTO flow_templates (organization_id, id, name, name_folded, enabled, created_at, updated_at, revision, document)
        VALUES ('org-a', '{{id}}', '{{name}}', lower('{{name}}'), 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:0{{second}}.000Z', 1,
                '{"name":"{{name}}","description":"{{new string('x', padding)}}"}');
        """;

    private static string Change(string organizationId) =>
        $"INSERT INTO flow_changes (organization_id, type, flow_id, at) VALUES ('{organizationId}', 'updated', 'f', '2026-01-01T00:00:00.000Z');";

    private static SqliteSearchCache.Key Key(string name) => new(Organization.Value, Search(name), int.MaxValue);

    private static FlowTemplateSearch Search(string name) =>
        new(name, DefinitionId: null, TriggerCriteria.None, Enabled: null, From: 0, Size: 25, FlowTemplateSortField.UpdatedAt, Descending: true);

    private static FlowTemplateDocument Flow(string id, int documentBytes) => new()
    {
        OrganizationId = Organization.Value,
        Id = id,
        Name = "Needle",
        NameFolded = "needle",
        Enabled = true,
        CreatedAt = DateTime.UnixEpoch,
        UpdatedAt = DateTime.UnixEpoch,
        Revision = 1,
        Triggers = [],
        Document = new JsonText(Encoding.UTF8.GetBytes(new string('x', documentBytes))),
    };
}
