using MongoDB.Bson;
using WorkflowDefinitions.Infrastructure.Persistence;
using WorkflowDefinitions.Infrastructure.Persistence.Mongo;

namespace WorkflowDefinitions.Infrastructure.IntegrationTests.Persistence.Mongo;

/// <summary>How start-up brings a collection's indexes to the service's definitions, computed without a server.</summary>
public class MongoIndexPlanTests
{
    private static readonly MongoIndexSpec ById = new("ux_organization_id", BsonDocument.Parse("""{"organizationId": 1, "id": 1}"""), Unique: true);
    private static readonly MongoIndexSpec ByUpdated = new("ix_organization_updated", BsonDocument.Parse("""{"organizationId": 1, "updatedAt": -1, "id": 1}"""), Unique: false);

    [OneTimeSetUp]
    public void RegisterMappings() => MongoMappings.Register();

    private static BsonDocument Existing(string name, string keys, bool unique = false)
    {
        var index = new BsonDocument { { "v", 2 }, { "key", BsonDocument.Parse(keys) }, { "name", name } };
        if (unique)
        {
            index["unique"] = true;
        }

        return index;
    }

    private static readonly BsonDocument IdIndex = Existing("_id_", """{"_id": 1}""");

    [Test]
    public void AnEmptyCollection_GetsEveryIndex()
    {
        var plan = MongoIndexPlan.For([], [ById, ByUpdated]);

        Assert.That((plan.Drops, plan.Creates), Is.EqualTo((Array.Empty<string>(), new[] { "ux_organization_id", "ix_organization_updated" })));
    }

    [Test]
    public void IndexesAsDefined_AreLeftAsTheyAre_WhateverTheNumberTypeOfTheirKeys()
    {
        var plan = MongoIndexPlan.For(
            [IdIndex, Existing("ux_organization_id", """{"organizationId": 1.0, "id": 1}""", unique: true), Existing("ix_organization_updated", """{"organizationId": 1, "updatedAt": -1.0, "id": 1}""")],
            [ById, ByUpdated]);

        Assert.That(plan.IsEmpty, Is.True);
    }

    [TestCase("""{"organizationId": 1, "updatedAt": 1, "id": 1}""", false, TestName = "Other direction")]
    [TestCase("""{"organizationId": 1, "updatedAt": -1}""", false, TestName = "Fewer keys")]
    [TestCase("""{"organizationId": 1, "updatedAt": -1, "id": 1}""", true, TestName = "Now unique")]
    public void AnIndexChangedUnderItsName_IsDroppedAndCreatedAgain(string keys, bool unique)
    {
        var plan = MongoIndexPlan.For([IdIndex, Existing("ix_organization_updated", keys, unique)], [ByUpdated]);

        Assert.That((plan.Drops, plan.Creates), Is.EqualTo((new[] { "ix_organization_updated" }, new[] { "ix_organization_updated" })));
    }

    [Test]
    public void AnIndexTheServiceNoLongerDefines_IsDropped_ButAnOperatorsOwnIsLeftAlone()
    {
        var plan = MongoIndexPlan.For(
            [IdIndex, Existing("ix_organization_old", """{"organizationId": 1, "name": 1}"""), Existing("reporting", """{"createdAt": 1}"""), Existing("ux_organization_id", """{"organizationId": 1, "id": 1}""", unique: true)],
            [ById]);

        Assert.That((plan.Drops, plan.Creates), Is.EqualTo((new[] { "ix_organization_old" }, Array.Empty<string>())));
    }

    [Test]
    public void TheKeysOfAnIndexUnderAnotherName_AreFreedForTheServicesName()
    {
        var plan = MongoIndexPlan.For([IdIndex, Existing("organizationId_1_updatedAt_-1_id_1", """{"organizationId": 1, "updatedAt": -1, "id": 1}""")], [ByUpdated]);

        Assert.That((plan.Drops, plan.Creates), Is.EqualTo((new[] { "organizationId_1_updatedAt_-1_id_1" }, new[] { "ix_organization_updated" })));
    }

    [Test]
    public void TheServicesIndexes_RenderToTheirSpecs()
    {
        var specs = MongoIndexes.FlowTemplates.Select(MongoIndexSpec.Of).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(specs[0], Is.EqualTo(ById).Using<MongoIndexSpec>((a, b) => a.Name == b.Name && MongoIndexPlan.SameKeys(a.Keys, b.Keys) && a.Unique == b.Unique));
            Assert.That(MongoIndexPlan.For([], specs).Creates, Has.Count.EqualTo(MongoIndexes.FlowTemplates.Count));
        });
    }

    [Test]
    public void TheMigrationLock_IsFreeWhenExpiredOrHeldByItsOwner()
    {
        var filter = MongoMigrationLock.Free("indexes", "me", new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        Assert.That(filter.Render(MongoRender.Args<BsonDocument>()),
            Is.EqualTo(BsonDocument.Parse("""{"_id": "indexes", "$or": [{"expiresAt": {"$lt": {"$date": "2026-01-01T00:00:00Z"}}}, {"owner": "me"}]}""")));
    }
}
