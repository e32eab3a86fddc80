using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using MongoDB.Driver;
using WorkflowDefinitions.Application.Workflows.History;
using WorkflowDefinitions.Domain.FlowTemplates;
using WorkflowDefinitions.Domain.Organizations;
using WorkflowDefinitions.Infrastructure.Persistence;
using WorkflowDefinitions.Infrastructure.Persistence.Mongo;
using static WorkflowDefinitions.Infrastructure.IntegrationTests.Persistence.Mongo.MongoRender;

namespace WorkflowDefinitions.Infrastructure.IntegrationTests.Persistence.Mongo;

/// <summary>
/// Server-less checks of reads that leave a large document unread (<see cref="MongoUnlessLarger"/>): the pipeline the
/// server runs, and what is read from the answers it gives — the document within the size, its size alone beyond it.
/// </summary>
public class MongoUnlessLargerTests
{
    private static readonly OrganizationId Organization = new("org-1");

    private static readonly FlowTemplateDocument Flow = new()
    {
        OrganizationId = "org-1",
        Id = "7hj28akg",
        Name = "Name",
        NameFolded = "name",
        Enabled = true,
        CreatedAt = new DateTime(2026, 1, 1, 0, 0, 0, 1, DateTimeKind.Utc),
        UpdatedAt = new DateTime(2026, 1, 2, 0, 0, 0, 2, DateTimeKind.Utc),
        Revision = 3,
        Triggers = [],
        Document = JsonText.FromString("""{"name":"Name","tasks":[],"edges":[]}"""),
    };

    [OneTimeSetUp]
    public void RegisterMappings() => MongoMappings.Register();

    [Test]
    public void TheServerSendsTheDocumentOnlyWithinTheSize_AndItsSizeAlways()
    {
        var stages = MongoUnlessLarger.Pipeline(MongoFlowTemplateRepository.ById(Organization, new FlowTemplateId("7hj28akg")), 65_536)
            .Render(Args<FlowTemplateDocument>()).Documents;

        Assert.That(stages, Is.EqualTo(new[]
        {
            BsonDocument.Parse("""{"$match": {"organizationId": "org-1", "id": "7hj28akg"}}"""),
            BsonDocument.Parse("""{"$limit": 1}"""),
            BsonDocument.Parse("""
                {"$project": {"_id": 0, "size": {"$bsonSize": "$$ROOT"},
                              "document": {"$cond": [{"$lte": [{"$bsonSize": "$$ROOT"}, 65536]}, "$$ROOT", "$$REMOVE"]}}}
                """),
        }));
    }

    [Test]
    public void ARevisionIsFoundByItsWorkflowAndNumber()
    {
        var stages = MongoUnlessLarger.Pipeline(MongoWorkflowRevisions.ByNumber(Organization, WorkflowKind.Definition, "d1", 4), 0)
            .Render(Args<WorkflowRevisionDocument>()).Documents;

        Assert.That(stages[0], Is.EqualTo(BsonDocument.Parse("""{"$match": {"organizationId": "org-1", "kind": "definition", "workflowId": "d1", "number": 4}}""")));
    }

    [Test]
    public void AnAnswerWithTheDocument_IsTheStoredDocument_AndOneWithoutIt_OnlyItsSize()
    {
        var stored = new BsonDocument("_id", ObjectId.GenerateNewId()).AddRange(Flow.ToBsonDocument());
        var size = stored.ToBson().Length;

        var within = BsonSerializer.Deserialize<SizedDocument<FlowTemplateDocument>>(new BsonDocument { { "size", size }, { "document", stored } });
        var beyond = BsonSerializer.Deserialize<SizedDocument<FlowTemplateDocument>>(new BsonDocument("size", size));

        Assert.Multiple(() =>
        {
            Assert.That(within.Size, Is.EqualTo(size));
            Assert.That(within.Document! with { Triggers = Flow.Triggers }, Is.EqualTo(Flow), "the server's _id is not read");
            Assert.That(beyond.Size, Is.EqualTo(size));
            Assert.That(beyond.Document, Is.Null);
        });
    }
}
