using System.Text.Json.Nodes;
using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using MongoDB.Driver;
using WorkflowDefinitions.Domain.ClosingReasons;
using WorkflowDefinitions.Domain.Organizations;
using WorkflowDefinitions.Infrastructure.Automations;
using WorkflowDefinitions.Infrastructure.Persistence;
using WorkflowDefinitions.Infrastructure.Persistence.Mongo;
using static WorkflowDefinitions.Infrastructure.IntegrationTests.Persistence.Mongo.MongoRender;

namespace WorkflowDefinitions.Infrastructure.IntegrationTests.Persistence.Mongo;

/// <summary>Checks of the MongoDB adapter that need no server: BSON shape and round trip, rendered queries and indexes.</summary>
public class MongoMappingTests
{
    private static readonly ClosingReasonDocument Document = new()
    {
        OrganizationId = "org-1",
        Id = "x739cew",
        Title = "Better offer",
        Status = "INACTIVE",
        CreationTime = new DateTime(2026, 3, 1, 12, 0, 0, 123, DateTimeKind.Utc),
        LastUpdateTime = new DateTime(2026, 3, 2, 12, 0, 0, 456, DateTimeKind.Utc),
        Revision = 7,
        ExtraProperties = StoredJson.Serialize(
            JsonNode.Parse("""{"$where":1,"a.b":[1,1.0,12345678901234567890123],"\u0000":"nul","😀":"x"}""")!.AsObject()),
    };

    [OneTimeSetUp]
    public void RegisterMappings() => MongoMappings.Register();

    [Test]
    public void ClosingReasonDocument_SerializesToCamelCaseElementsWithoutAnId()
    {
        var bson = Document.ToBsonDocument();

        Assert.Multiple(() =>
        {
            Assert.That(bson.Names, Is.EqualTo(new[]
            {
                "organizationId", "id", "title", "status", "creationTime", "lastUpdateTime", "revision", "extraProperties",
            }));
            Assert.That(bson["creationTime"].BsonType, Is.EqualTo(BsonType.DateTime));
            Assert.That(bson["revision"].BsonType, Is.EqualTo(BsonType.Int64));
            Assert.That(bson["extraProperties"].BsonType, Is.EqualTo(BsonType.String));
        });
    }

    [Test]
    public void ClosingReasonDocument_RoundTripsThroughBsonBytes_IncludingKeysBsonCannotHold()
    {
        var bytes = Document.ToBson();

        var restored = BsonSerializer.Deserialize<ClosingReasonDocument>(bytes);

        Assert.Multiple(() =>
        {
            Assert.That(restored, Is.EqualTo(Document));
            Assert.That(restored.CreationTime.Kind, Is.EqualTo(DateTimeKind.Utc));
        });
    }

    [Test]
    public void ClosingReasonDocument_WithServerAddedElements_StillDeserializes()
    {
        var bson = Document.ToBsonDocument();
        bson.InsertAt(0, new BsonElement("_id", ObjectId.GenerateNewId()));
        bson.Add("addedByALaterVersion", 1);

        var restored = BsonSerializer.Deserialize<ClosingReasonDocument>(bson);

        Assert.That(restored, Is.EqualTo(Document));
    }

    [Test]
    public void ClosingReasonDocument_MapsBackToTheSameDomainReason()
    {
        var reason = Document.ToDomain();

        Assert.Multiple(() =>
        {
            Assert.That(reason.ToDocument() with { Revision = Document.Revision }, Is.EqualTo(Document));
            Assert.That(reason.Status, Is.EqualTo(ClosingReasonStatus.Inactive));
        });
    }

    [Test]
    public void ById_FiltersOnOrganizationAndId()
    {
        var filter = MongoClosingReasonRepository.ById(new OrganizationId("org-1"), new ClosingReasonId("r1"));

        Assert.That(Render(filter), Is.EqualTo(BsonDocument.Parse("""{"organizationId": "org-1", "id": "r1"}""")));
    }

    [Test]
    public void ByIdAtRevision_AddsTheRevision_SoStaleWritesMatchNothing()
    {
        var filter = MongoClosingReasonRepository.ByIdAtRevision(new OrganizationId("org-1"), new ClosingReasonId("r1"), 4);

        Assert.That(Render(filter),
            Is.EqualTo(BsonDocument.Parse("""{"organizationId": "org-1", "id": "r1", "revision": {"$numberLong": "4"}}""")));
    }

    [Test]
    public void EmbeddedAutomationReplacements_AreConditionalOnTheRevisionRead_ZeroMeaningNoneYet()
    {
        var organization = new OrganizationId("org-1");
        var args = Args<AutomationFlowDocument>();

        Assert.Multiple(() =>
        {
            Assert.That(MongoAutomationClient.ByIdAtRevision(organization, "a1", 3).Render(args),
                Is.EqualTo(BsonDocument.Parse("""{"organizationId": "org-1", "id": "a1", "revision": {"$numberLong": "3"}}""")));
            Assert.That(MongoAutomationClient.ByIdAtRevision(organization, "a1", 0).Render(args),
                Is.EqualTo(BsonDocument.Parse("""{"organizationId": "org-1", "id": "a1", "$or": [{"revision": {"$numberLong": "0"}}, {"revision": {"$exists": false}}]}""")));
        });
    }

    [Test]
    public void Catalog_FiltersByOrganization_AndByStatusUnlessInactiveIncluded()
    {
        var organization = new OrganizationId("org-1");

        Assert.Multiple(() =>
        {
            Assert.That(Render(MongoClosingReasonRepository.Catalog(organization, includeInactive: true)),
                Is.EqualTo(BsonDocument.Parse("""{"organizationId": "org-1"}""")));
            Assert.That(Render(MongoClosingReasonRepository.Catalog(organization, includeInactive: false)),
                Is.EqualTo(BsonDocument.Parse("""{"organizationId": "org-1", "status": "ACTIVE"}""")));
        });
    }

    [Test]
    public void CatalogOrder_SortsByCreationTimeThenId()
    {
        var sort = MongoClosingReasonRepository.CatalogOrder.Render(Args<ClosingReasonDocument>());

        Assert.That(sort, Is.EqualTo(BsonDocument.Parse("""{"creationTime": 1, "id": 1}""")));
    }

    [Test]
    public void Indexes_AreUniqueOnOrganizationAndId_AndCoverTheCatalogOrder()
    {
        var rendered = MongoIndexes.ClosingReasons.Select(index => (Keys: index.Keys.Render(Args<ClosingReasonDocument>()), index.Options)).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(rendered[0].Keys, Is.EqualTo(BsonDocument.Parse("""{"organizationId": 1, "id": 1}""")));
            Assert.That(rendered[0].Options.Unique, Is.True);
            Assert.That(rendered[1].Keys, Is.EqualTo(BsonDocument.Parse("""{"organizationId": 1, "creationTime": 1, "id": 1}""")));
        });
    }

    private static BsonDocument Render(FilterDefinition<ClosingReasonDocument> filter) => filter.Render(Args<ClosingReasonDocument>());
}
