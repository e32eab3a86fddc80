using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using MongoDB.Driver;
using WorkflowDefinitions.Application.FlowTemplates;
using WorkflowDefinitions.Domain.Organizations;
using WorkflowDefinitions.Infrastructure.Persistence;
using WorkflowDefinitions.Infrastructure.Persistence.Mongo;
using static WorkflowDefinitions.Infrastructure.IntegrationTests.Persistence.Mongo.MongoRender;

namespace WorkflowDefinitions.Infrastructure.IntegrationTests.Persistence.Mongo;

/// <summary>Server-less checks of MongoDB's trigram index of flow names: the trigrams, the queries and the backfill.</summary>
public class MongoFlowNameIndexRenderingTests
{
    private static readonly OrganizationId Organization = new("org-1");

    [OneTimeSetUp]
    public void RegisterMappings() => MongoMappings.Register();

    [TestCase("abcabc", new[] { "abc", "bca", "cab" })]
    [TestCase("ab", new string[0])]
    [TestCase("", new string[0])]
    [TestCase("a😀bc", new[] { "a😀b", "😀bc" })]
    [TestCase("ä\u0000b!", new[] { "ä\u0000b", "\u0000b!" })]
    public void Trigrams_AreTheDistinctCodePointTriplesOfTheFoldedName(string folded, string[] grams) =>
        Assert.That(MongoFlowNameIndex.Of(folded), Is.EqualTo(grams));

    [Test]
    public void ATermIsLookedUpByItsFirst32Characters_AndServedFromThreeCharacters()
    {
        var term = string.Concat(Enumerable.Range(0, 1000).Select(i => (char)('a' + (i % 26)))) + "😀😀";

        Assert.Multiple(() =>
        {
            Assert.That(MongoFlowNameIndex.OfTerm(term), Has.Count.EqualTo(26), "32 characters hold 30 trigrams, 26 of them distinct in a-z repeated");
            Assert.That(MongoFlowNameIndex.OfTerm("😀😀😀"), Is.EqualTo(new[] { "😀😀😀" }));
            Assert.That(MongoFlowNameIndex.Serves("😀😀😀"), Is.True, "three code points, six UTF-16 units");
            Assert.That(MongoFlowNameIndex.Serves("😀😀"), Is.False);
            Assert.That(MongoFlowNameIndex.Serves(""), Is.False);
        });
    }

    [Test]
    public void TheStoredFlow_CarriesItsTrigrams_WhichAreNotReadBack()
    {
        var document = new FlowTemplateDocument
        {
            OrganizationId = "org-1",
            Id = "f1",
            Name = "Lead Lead",
            NameFolded = "lead lead",
            Enabled = true,
            CreatedAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            UpdatedAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            Revision = 1,
            Triggers = [],
            Document = JsonText.FromString("""{"name":"Lead Lead"}"""),
        };

        var bson = document.ToBsonDocument();
        bson["nameGrams"] = new BsonArray { "forged" };
        var restored = BsonSerializer.Deserialize<FlowTemplateDocument>(bson);

        Assert.Multiple(() =>
        {
            Assert.That(document.ToBsonDocument()["nameGrams"], Is.EqualTo(new BsonArray { "lea", "ead", "ad ", "d l", " le" }));
            Assert.That(restored with { Triggers = document.Triggers }, Is.EqualTo(document));
            Assert.That(restored.NameGrams, Is.EqualTo(document.NameGrams), "derived from the folded name, whatever was stored");
        });
    }

    [Test]
    public void Candidates_AreTheOrganizationsFlowsWithAllTheTermsTrigrams_OrNoneYet()
    {
        var rendered = MongoFlowNameIndex.Candidates("org-1", "lead$").Render(Args<FlowTemplateDocument>());

        Assert.That(rendered, Is.EqualTo(BsonDocument.Parse("""
            {"$or": [
                {"organizationId": "org-1", "nameGrams": {"$all": ["lea", "ead", "ad$"]}},
                {"organizationId": "org-1", "nameGrams": null}]}
            """)));
    }

    [Test]
    public void TheIndex_LeadsWithTheOrganization_ThenTheTrigrams()
    {
        var index = MongoIndexes.FlowTemplates.Single(i => i.Options.Name == MongoFlowNameIndex.IndexName);

        Assert.That(index.Keys.Render(Args<FlowTemplateDocument>()), Is.EqualTo(BsonDocument.Parse("""{"organizationId": 1, "nameGrams": 1}""")));
    }

    [Test]
    public void CandidatesPipeline_CountsUpToOneBeyondTheCap_AndJudgesTheTermLiterally()
    {
        var search = Search("$Lead") with { Enabled = true };

        var stages = MongoFlowTemplateRepository.CandidatesPipeline(Organization, search).Render(Args<FlowTemplateDocument>()).Documents;

        Assert.Multiple(() =>
        {
            Assert.That(stages.Select(stage => stage.GetElement(0).Name), Is.EqualTo(new[] { "$match", "$limit", "$group" }));
            Assert.That(stages[0]["$match"]["enabled"], Is.EqualTo(BsonBoolean.True));
            Assert.That(stages[0]["$match"].AsBsonDocument.Contains("$expr"), Is.False, "the term is judged in the count, not the match");
            Assert.That(stages[1]["$limit"].ToInt32(), Is.EqualTo(MongoFlowNameIndex.MaxCandidates + 1));
            Assert.That(stages[2]["$group"]["hits"], Is.EqualTo(BsonDocument.Parse("""
                {"$sum": {"$cond": [{"$gte": [{"$indexOfCP": ["$nameFolded", {"$literal": "$lead"}]}, 0]}, 1, 0]}}
                """)));
        });
    }

    [Test]
    public void CandidatePagePipeline_SortsOnlyKeys_InTheSearchsOrder()
    {
        var search = Search("lead") with { From = 5, Size = 10, SortBy = FlowTemplateSortField.CreatedAt, Descending = false };

        var stages = MongoFlowTemplateRepository.CandidatePagePipeline(Organization, search).Render(Args<FlowTemplateDocument>()).Documents;

        Assert.That(stages.Skip(1), Is.EqualTo(new[]
        {
            BsonDocument.Parse("""{"$project": {"_id": 0, "id": 1, "createdAt": 1, "size": {"$bsonSize": "$$ROOT"}}}"""),
            BsonDocument.Parse("""{"$sort": {"createdAt": 1, "id": 1}}"""),
            BsonDocument.Parse("""{"$skip": 5}"""),
            BsonDocument.Parse("""{"$limit": 10}"""),
        }));
    }

    [Test]
    public void ThePagesDocuments_AreFetchedInBatchesOfAQuarterMiB_ALargerOneAlone_InPageOrder()
    {
        const int KiB = 1024;
        var keys = new[] { ("a", 6 * 1024 * KiB), ("b", 100 * KiB), ("c", 100 * KiB), ("d", 56 * KiB), ("e", 1), ("f", 300 * KiB), ("g", 2) }
            .Select(key => new BsonDocument { { "id", key.Item1 }, { "size", key.Item2 } });

        var batches = MongoDocumentsByKeys.Batches(keys, int.MaxValue).Select(batch => batch.Select(key => key.Id)).ToList();
        var unread = MongoDocumentsByKeys.Batches(keys, 64 * KiB).Select(batch => batch.Select(key => key.Id)).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(batches, Is.EqualTo(new[] { new[] { "a" }, new[] { "b", "c", "d" }, new[] { "e" }, new[] { "f" }, new[] { "g" } }));
            Assert.That(unread, Is.EqualTo(new[] { new[] { "a" }, new[] { "b" }, new[] { "c" }, new[] { "d", "e" }, new[] { "f" }, new[] { "g" } }),
                "a document larger than the list reads is alone, so that it is listed unread");
        });
    }

    [Test]
    public void Backfill_ComputesTheTrigramsOnTheServer_ForFlowsWithoutThem()
    {
        var stage = MongoFlowNameIndex.Backfill.Render(Args<FlowTemplateDocument>()).AsBsonArray.Single();

        Assert.Multiple(() =>
        {
            Assert.That(MongoFlowNameIndex.NotIndexed.Render(Args<FlowTemplateDocument>()), Is.EqualTo(BsonDocument.Parse("""{"nameGrams": null}""")));
            Assert.That(stage, Is.EqualTo(BsonDocument.Parse("""
                {"$set": {"nameGrams": {"$setUnion": [{"$map": {
                    "input": {"$range": [0, {"$max": [0, {"$subtract": [{"$strLenCP": "$nameFolded"}, 2]}]}]},
                    "as": "start",
                    "in": {"$substrCP": ["$nameFolded", "$$start", 3]}}}]}}}
                """)));
        });
    }

    private static FlowTemplateSearch Search(string name) =>
        new(name, DefinitionId: null, TriggerCriteria.None, Enabled: null, From: 0, Size: 25, FlowTemplateSortField.UpdatedAt, Descending: true);
}
