using MongoDB.Bson;
using MongoDB.Driver;
using WorkflowDefinitions.Application.FlowTemplates;
using WorkflowDefinitions.Application.Workflows.History;
using WorkflowDefinitions.Domain.Organizations;
using WorkflowDefinitions.Infrastructure.Persistence;
using WorkflowDefinitions.Infrastructure.Persistence.Mongo;

namespace WorkflowDefinitions.Infrastructure.IntegrationTests.Persistence.Mongo;

/// <summary>The trigram index of flow names on a MongoDB server: the paths a search takes and the start-up backfill.</summary>
[Category("Mongo")]
public sealed class MongoFlowNameIndexTests
{
    private static readonly OrganizationId Organization = new("org-a");
    private readonly MongoTestDatabase _database = new();

    [OneTimeSetUp]
    public Task ConnectAsync() => _database.ConnectAsync();

    [OneTimeTearDown]
    public void Disconnect() => _database.Dispose();

    [TearDown]
    public Task DropAsync() => _database.DropAsync();

    [Test]
    public async Task ACommonTerm_BeyondTheIndexsCandidates_IsFoundThroughThePageOrder_ARareOneThroughTheIndex()
    {
        var collections = await _database.CreateCollectionsAsync();
        var count = MongoFlowNameIndex.MaxCandidates + 50;
        await collections.FlowTemplates.InsertManyAsync(Enumerable.Range(1, count).Select(i => Flow($"f{i:00000}", $"Common {i}", i)));
        var repository = Repository(collections);

        var page = await repository.SearchAsync(Organization, Search("COMMON") with { Size = 3 }, int.MaxValue, CancellationToken.None);
        var rare = await repository.SearchAsync(Organization, Search("common 100") with { Size = 20 }, int.MaxValue, CancellationToken.None);
        var rarePaged = await repository.SearchAsync(
            Organization, Search("common 100") with { From = 2, Size = 3, SortBy = FlowTemplateSortField.UpdatedAt, Descending = false }, int.MaxValue, CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(page.Hits, Is.EqualTo(count));
            Assert.That(await Ids(page), Is.EqualTo(new[] { "f01050", "f01049", "f01048" }), "updated_at descending");
            Assert.That(rare.Hits, Is.EqualTo(11), "common 100 and common 1000 to common 1009");
            Assert.That(await Ids(rare), Is.EqualTo(new[] { "f01009", "f01008", "f01007", "f01006", "f01005", "f01004", "f01003", "f01002", "f01001", "f01000", "f00100" }));
            Assert.That(await Ids(rarePaged), Is.EqualTo(new[] { "f01001", "f01002", "f01003" }), "updated_at ascending, from 2");
        });
    }

    [Test]
    public async Task FlowsWrittenBeforeTheIndex_AreFound_AndTheBackfillGivesThemTheTrigramsTheServiceComputes()
    {
        var collections = await _database.CreateCollectionsAsync();
        string[] names = ["Legacy onboarding", "LEGACY Ärger 😀 flow", "ab", "Legacy legacy legacy"];
        var legacy = names.Select((name, i) => Flow($"old{i}", name, i).ToBsonDocument()).ToList();
        legacy.ForEach(document => document.Remove("nameGrams"));
        var raw = collections.Database.GetCollection<BsonDocument>(collections.FlowTemplates.CollectionNamespace.CollectionName);
        await raw.InsertManyAsync(legacy);
        await collections.FlowTemplates.InsertOneAsync(Flow("new", "Legacy, but indexed", 10));
        var repository = Repository(collections);

        var before = await repository.SearchAsync(Organization, Search("legacy"), int.MaxValue, CancellationToken.None);
        var backfilled = await MongoFlowNameIndex.BackfillAsync(collections.FlowTemplates, CancellationToken.None);
        var after = await repository.SearchAsync(Organization, Search("legacy"), int.MaxValue, CancellationToken.None);
        var stored = await raw.Find(Builders<BsonDocument>.Filter.Empty).ToListAsync();

        Assert.Multiple(async () =>
        {
            Assert.That(await Ids(before), Is.EqualTo(new[] { "new", "old3", "old1", "old0" }));
            Assert.That(backfilled, Is.EqualTo(4));
            Assert.That(await Ids(after), Is.EqualTo(new[] { "new", "old3", "old1", "old0" }));
            foreach (var document in stored)
            {
                var grams = document["nameGrams"].AsBsonArray.Select(gram => gram.AsString);
                Assert.That(grams, Is.EquivalentTo(MongoFlowNameIndex.Of(document["nameFolded"].AsString)), document["name"].AsString);
            }
        });
    }

    private static MongoFlowTemplateRepository Repository(MongoCollections collections) =>
        new(collections, new RevisionsOptions(), new ChangeSignals(), TimeProvider.System);

    private static FlowTemplateDocument Flow(string id, string name, int second) => new()
    {
        OrganizationId = Organization.Value,
        Id = id,
        Name = name,
        NameFolded = FlowTemplateDocumentMapper.FoldName(name),
        Enabled = true,
        CreatedAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        UpdatedAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(second),
        Revision = 1,
        Triggers = [],
        Document = JsonText.FromString("""{"name":"Common","enabled":true}"""),
    };

    private static FlowTemplateSearch Search(string name) =>
        new(name, DefinitionId: null, TriggerCriteria.None, Enabled: null, From: 0, Size: 25, FlowTemplateSortField.UpdatedAt, Descending: true);

    private static Task<List<string>> Ids(FlowTemplatePage page) => page.Results.Select(f => f.Id).ToListAsync().AsTask();
}
