using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using MongoDB.Driver;
using WorkflowDefinitions.Application.FlowTemplates;
using WorkflowDefinitions.Domain.FlowTemplates;
using WorkflowDefinitions.Domain.Organizations;
using WorkflowDefinitions.Infrastructure.Persistence;
using WorkflowDefinitions.Infrastructure.Persistence.Mongo;
using static WorkflowDefinitions.Infrastructure.IntegrationTests.Persistence.Mongo.MongoRender;

namespace WorkflowDefinitions.Infrastructure.IntegrationTests.Persistence.Mongo;

/// <summary>Server-less checks of the MongoDB flow and quota adapters: stored shape, queries, updates and indexes.</summary>
public class MongoFlowTemplateRenderingTests
{
    private static readonly OrganizationId Organization = new("org-1");

    [OneTimeSetUp]
    public void RegisterMappings() => MongoMappings.Register();

    [Test]
    public void FlowTemplateDocument_HasReadableElementsAndRoundTrips()
    {
        var document = new FlowTemplateDocument
        {
            OrganizationId = "org-1",
            Id = "7hj28akg",
            Name = "Name",
            NameFolded = "name",
            Enabled = true,
            CreatedAt = new DateTime(2026, 1, 1, 0, 0, 0, 1, DateTimeKind.Utc),
            UpdatedAt = new DateTime(2026, 1, 2, 0, 0, 0, 2, DateTimeKind.Utc),
            Revision = 3,
            Triggers = [new FlowTriggerDocument { Type = "automation", AutomationId = "a1" }, new FlowTriggerDocument { Type = "manual", EntitySchema = "contact" }],
            Document = JsonText.FromString("""{"name":"Name","tasks":[],"edges":[]}"""),
        };

        var bson = document.ToBsonDocument();
        var restored = BsonSerializer.Deserialize<FlowTemplateDocument>(bson);

        Assert.Multiple(() =>
        {
            Assert.That(bson.Names, Is.EqualTo(new[]
            {
                "organizationId", "id", "name", "nameFolded", "enabled", "createdAt", "updatedAt", "revision", "triggers", "document", "nameGrams",
            }));
            Assert.That(bson["triggers"][0].AsBsonDocument.Names, Is.EqualTo(new[] { "type", "automationId", "journeyId", "entitySchema" }));
            Assert.That(restored with { Triggers = document.Triggers }, Is.EqualTo(document));
            Assert.That(restored.Triggers, Is.EqualTo(document.Triggers));
        });
    }

    [Test]
    public void TriggerCriteria_BecomeOneElemMatch()
    {
        var filter = MongoFlowTemplateRepository.Matching(Organization, new TriggerCriteria(Type: "manual", EntitySchema: "opportunity"));
        var bySource = MongoFlowTemplateRepository.Matching(Organization, new TriggerCriteria(AutomationOrJourneyId: "x"));

        Assert.Multiple(() =>
        {
            Assert.That(Render(filter), Is.EqualTo(BsonDocument.Parse(
                """{"organizationId": "org-1", "triggers": {"$elemMatch": {"type": "manual", "entitySchema": "opportunity"}}}""")));
            Assert.That(Render(bySource), Is.EqualTo(BsonDocument.Parse(
                """{"organizationId": "org-1", "triggers": {"$elemMatch": {"$or": [{"automationId": "x"}, {"journeyId": "x"}]}}}""")));
            Assert.That(Render(MongoFlowTemplateRepository.Matching(Organization, TriggerCriteria.None)), Is.EqualTo(BsonDocument.Parse("""{"organizationId": "org-1"}""")));
        });
    }

    [Test]
    public void SearchFilter_MatchesTheFoldedNameLiterally()
    {
        var search = new FlowTemplateSearch("Lead.*", "d1", TriggerCriteria.None, true, 0, 10, FlowTemplateSortField.UpdatedAt, true);

        var rendered = Render(MongoFlowTemplateRepository.Matching(Organization, search));

        Assert.That(rendered, Is.EqualTo(BsonDocument.Parse("""
            {"organizationId": "org-1", "$expr": {"$gte": [{"$indexOfCP": ["$nameFolded", {"$literal": "lead.*"}]}, 0]}, "id": "d1", "enabled": true}
            """)));
    }

    [TestCase("$x", "$x")]
    [TestCase("$name", "$name")]
    [TestCase("$$ROOT", "$$root")]
    public void SearchTerm_ThatLooksLikeAFieldPathOrVariable_IsAStringToTheServer(string term, string folded)
    {
        var search = new FlowTemplateSearch(term, null, TriggerCriteria.None, null, 0, 10, FlowTemplateSortField.UpdatedAt, true);

        var indexOf = Render(MongoFlowTemplateRepository.Matching(Organization, search))["$expr"]["$gte"][0]["$indexOfCP"].AsBsonArray;

        Assert.That(indexOf[1], Is.EqualTo(new BsonDocument("$literal", folded)));
    }

    [Test]
    public void Orders_EndWithIdAscending()
    {
        var createdAscending = new FlowTemplateSearch(null, null, TriggerCriteria.None, null, 0, 10, FlowTemplateSortField.CreatedAt, false);

        Assert.Multiple(() =>
        {
            Assert.That(MongoFlowTemplateRepository.ListOrder.Render(Args<FlowTemplateDocument>()), Is.EqualTo(BsonDocument.Parse("""{"updatedAt": -1, "id": 1}""")));
            Assert.That(MongoFlowTemplateRepository.SearchOrder(createdAscending).Render(Args<FlowTemplateDocument>()), Is.EqualTo(BsonDocument.Parse("""{"createdAt": 1, "id": 1}""")));
        });
    }

    [Test]
    public void ListsAndScannedPages_ReadKeysInTheirOrder_ThenTheDocuments()
    {
        var search = new FlowTemplateSearch(null, null, TriggerCriteria.None, Enabled: true, From: 5, Size: 10, FlowTemplateSortField.CreatedAt, Descending: false);
        var keys = BsonDocument.Parse("""{"$project": {"_id": 0, "id": 1, "size": {"$bsonSize": "$$ROOT"}}}""");

        var list = MongoFlowTemplateRepository.ListKeysPipeline(Organization, TriggerCriteria.None).Render(Args<FlowTemplateDocument>()).Documents;
        var page = MongoFlowTemplateRepository.PageKeysPipeline(Organization, search).Render(Args<FlowTemplateDocument>()).Documents;

        Assert.Multiple(() =>
        {
            Assert.That(list, Is.EqualTo(new[]
            {
                BsonDocument.Parse("""{"$match": {"organizationId": "org-1"}}"""),
                BsonDocument.Parse("""{"$sort": {"updatedAt": -1, "id": 1}}"""),
                keys,
            }));
            Assert.That(page, Is.EqualTo(new[]
            {
                BsonDocument.Parse("""{"$match": {"organizationId": "org-1", "enabled": true}}"""),
                BsonDocument.Parse("""{"$sort": {"createdAt": 1, "id": 1}}"""),
                BsonDocument.Parse("""{"$skip": 5}"""),
                BsonDocument.Parse("""{"$limit": 10}"""),
                keys,
            }));
        });
    }

    [Test]
    public void ConditionalWrites_FilterOnOrganizationIdAndRevision()
    {
        var filter = MongoFlowTemplateRepository.ByIdAtRevision(Organization, new FlowTemplateId("f1"), 7);

        Assert.That(Render(filter), Is.EqualTo(BsonDocument.Parse("""{"organizationId": "org-1", "id": "f1", "revision": {"$numberLong": "7"}}""")));
    }

    [Test]
    public void Quota_TakesASlotOnlyWhileBelowTheMaximum()
    {
        Assert.Multiple(() =>
        {
            Assert.That(MongoWorkflowSlots.QuotaWithRoom(Organization, 5).Render(Args<WorkflowQuotaDocument>()),
                Is.EqualTo(BsonDocument.Parse("""{"organizationId": "org-1", "workflows": {"$lt": {"$numberLong": "5"}}}""")));
            Assert.That(MongoWorkflowSlots.ExpiredReservations(Organization, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)).Render(Args<WorkflowIdDocument>()),
                Is.EqualTo(BsonDocument.Parse("""{"organizationId": "org-1", "kind": "reserved", "reservedUntil": {"$lt": {"$date": "2026-01-01T00:00:00Z"}}}""")));
            Assert.That(MongoWorkflowSlots.StoredWorkflowsOf(Organization).Render(Args<WorkflowIdDocument>()),
                Is.EqualTo(BsonDocument.Parse("""{"organizationId": "org-1", "kind": {"$ne": "reserved"}}""")));
            Assert.That(MongoWorkflowSlots.TakenSlotsOf(Organization, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)).Render(Args<WorkflowIdDocument>()),
                Is.EqualTo(BsonDocument.Parse(
                    """{"organizationId": "org-1", "$or": [{"kind": {"$ne": "reserved"}}, {"reservedUntil": {"$gte": {"$date": "2026-01-01T00:00:00Z"}}}]}""")));
        });
    }

    [Test]
    public void Indexes_AreNamedAndUniqueWhereIdsAre()
    {
        Assert.Multiple(() =>
        {
            Assert.That(MongoIndexes.FlowTemplates.Select(i => i.Options.Name), Is.All.Match("^(ux|ix)_"));
            Assert.That(MongoIndexes.FlowTemplates.Select(i => i.Options.Name), Is.Unique);
            Assert.That(MongoIndexes.FlowTemplates[0].Options.Unique, Is.True);
            Assert.That(MongoIndexes.WorkflowIds[0].Options.Unique, Is.True);
            Assert.That(MongoIndexes.WorkflowQuota[0].Options.Unique, Is.True);
        });
    }

    [TestCase(FlowTemplateSortField.UpdatedAt, true)]
    [TestCase(FlowTemplateSortField.UpdatedAt, false)]
    [TestCase(FlowTemplateSortField.CreatedAt, true)]
    [TestCase(FlowTemplateSortField.CreatedAt, false)]
    public void EverySearchOrder_IsServedByTheIndexItNamesAsItsHint(FlowTemplateSortField field, bool descending)
    {
        var search = new FlowTemplateSearch(null, null, TriggerCriteria.None, null, 0, 10, field, descending);

        var index = MongoIndexes.FlowTemplates.Single(i => i.Options.Name == MongoFlowTemplateRepository.SearchIndex(search));

        Assert.That(index.Keys.Render(Args<FlowTemplateDocument>()), Is.EqualTo(ServingKeys(MongoFlowTemplateRepository.SearchOrder(search).Render(Args<FlowTemplateDocument>()))));
    }

    [Test]
    public void TheSortedLists_AreServedByTheIndexesTheyNameAsHints()
    {
        Assert.Multiple(() =>
        {
            Assert.That(
                MongoIndexes.FlowTemplates.Single(i => i.Options.Name == MongoIndexes.FlowsByUpdatedDescending).Keys.Render(Args<FlowTemplateDocument>()),
                Is.EqualTo(ServingKeys(MongoFlowTemplateRepository.ListOrder.Render(Args<FlowTemplateDocument>()))));
            Assert.That(
                MongoIndexes.WorkflowDefinitions.Single(i => i.Options.Name == MongoIndexes.DefinitionsByCreation).Keys.Render(Args<WorkflowDefinitionDocument>()),
                Is.EqualTo(ServingKeys(MongoWorkflowDefinitionRepository.ListOrder.Render(Args<WorkflowDefinitionDocument>()))));
            Assert.That(
                MongoIndexes.ClosingReasons.Single(i => i.Options.Name == MongoIndexes.ClosingReasonsByCreation).Keys.Render(Args<ClosingReasonDocument>()),
                Is.EqualTo(ServingKeys(MongoClosingReasonRepository.CatalogOrder.Render(Args<ClosingReasonDocument>()))));
        });
    }

    [TestCase("""{"isWritablePrimary": true, "setName": "rs0"}""", true)]
    [TestCase("""{"isWritablePrimary": true, "msg": "isdbgrid"}""", true)]
    [TestCase("""{"isWritablePrimary": true}""", false)]
    public void StartUp_RequiresTransactions(string hello, bool supported) =>
        Assert.That(MongoIndexInitializer.SupportsTransactions(BsonDocument.Parse(hello)), Is.EqualTo(supported));

    private static BsonDocument Render(FilterDefinition<FlowTemplateDocument> filter) => filter.Render(Args<FlowTemplateDocument>());

    /// <summary>The keys of an index that serves an organization's query in <paramref name="sort"/> order.</summary>
    private static BsonDocument ServingKeys(BsonDocument sort) => new BsonDocument("organizationId", 1).AddRange(sort);
}
