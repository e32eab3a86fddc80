using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using MongoDB.Driver;
using WorkflowDefinitions.Domain.LegacyWorkflowDefinitions;
using WorkflowDefinitions.Domain.Organizations;
using WorkflowDefinitions.Infrastructure.Persistence;
using WorkflowDefinitions.Infrastructure.Persistence.Mongo;
using static WorkflowDefinitions.Infrastructure.IntegrationTests.Persistence.Mongo.MongoRender;

namespace WorkflowDefinitions.Infrastructure.IntegrationTests.Persistence.Mongo;

/// <summary>Server-less checks of the MongoDB V1 definition adapter: stored shape, queries and indexes.</summary>
public class MongoWorkflowDefinitionRenderingTests
{
    private static readonly OrganizationId Organization = new("org-1");

    [OneTimeSetUp]
    public void RegisterMappings() => MongoMappings.Register();

    [Test]
    public void WorkflowDefinitionDocument_HasReadableElementsAndRoundTrips()
    {
        var document = new WorkflowDefinitionDocument
        {
            OrganizationId = "org-1",
            Id = "7hj28akg",
            Name = "Lead Qualification",
            CreationTime = new DateTime(2026, 1, 1, 0, 0, 0, 1, DateTimeKind.Utc),
            LastUpdateTime = new DateTime(2026, 1, 2, 0, 0, 0, 2, DateTimeKind.Utc),
            Revision = 3,
            Document = JsonText.FromString("""{"name":"Lead Qualification","flow":[],"$odd key":1.50}"""),
        };

        var bson = document.ToBsonDocument();
        var restored = BsonSerializer.Deserialize<WorkflowDefinitionDocument>(BsonSerializer.Deserialize<BsonDocument>(bson.ToBson()));

        Assert.Multiple(() =>
        {
            Assert.That(bson.Names, Is.EqualTo(new[] { "organizationId", "id", "name", "creationTime", "lastUpdateTime", "revision", "document" }));
            Assert.That(bson["creationTime"].BsonType, Is.EqualTo(BsonType.DateTime));
            Assert.That(restored, Is.EqualTo(document));
        });
    }

    [Test]
    public void Queries_FilterOnOrganizationIdAndRevision_AndListOldestFirst()
    {
        var id = new WorkflowDefinitionId("d1");

        Assert.Multiple(() =>
        {
            Assert.That(Render(MongoWorkflowDefinitionRepository.ById(Organization, id)), Is.EqualTo(BsonDocument.Parse("""{"organizationId": "org-1", "id": "d1"}""")));
            Assert.That(Render(MongoWorkflowDefinitionRepository.ByIdAtRevision(Organization, id, 7)),
                Is.EqualTo(BsonDocument.Parse("""{"organizationId": "org-1", "id": "d1", "revision": {"$numberLong": "7"}}""")));
            Assert.That(MongoWorkflowDefinitionRepository.ListOrder.Render(Args<WorkflowDefinitionDocument>()), Is.EqualTo(BsonDocument.Parse("""{"creationTime": 1, "id": 1}""")));
            Assert.That(MongoWorkflowDefinitionRepository.ListKeysPipeline(Organization).Render(Args<WorkflowDefinitionDocument>()).Documents, Is.EqualTo(new[]
            {
                BsonDocument.Parse("""{"$match": {"organizationId": "org-1"}}"""),
                BsonDocument.Parse("""{"$sort": {"creationTime": 1, "id": 1}}"""),
                BsonDocument.Parse("""{"$project": {"_id": 0, "id": 1, "size": {"$bsonSize": "$$ROOT"}}}"""),
            }), "keys only, in the list's order; the documents are fetched by id");
        });
    }

    [Test]
    public void Indexes_AreUniqueOnOrganizationAndId_AndCoverTheListOrder()
    {
        var keys = string.Join(" | ", MongoIndexes.WorkflowDefinitions.Select(i => i.Keys.Render(Args<WorkflowDefinitionDocument>()).ToJson()));

        Assert.Multiple(() =>
        {
            Assert.That(keys, Is.EqualTo("""{ "organizationId" : 1, "id" : 1 } | { "organizationId" : 1, "creationTime" : 1, "id" : 1 }"""));
            Assert.That(MongoIndexes.WorkflowDefinitions[0].Options.Unique, Is.True);
        });
    }

    private static BsonDocument Render(FilterDefinition<WorkflowDefinitionDocument> filter) => filter.Render(Args<WorkflowDefinitionDocument>());
}
