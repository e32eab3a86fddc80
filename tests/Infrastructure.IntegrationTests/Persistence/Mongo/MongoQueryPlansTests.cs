using MongoDB.Bson;

namespace WorkflowDefinitions.Infrastructure.IntegrationTests.Persistence.Mongo;

/// <summary>How <see cref="MongoQueryPlans"/> reads explain answers (the forms MongoDB 7.0 and 8.0 give), without a server.</summary>
public sealed class MongoQueryPlansTests
{
    [Test]
    public void AnIndexedPlan_HasNoProblem_WhateverTheRejectedPlansAndTheCommandEchoSay()
    {
        var explanation = BsonDocument.Parse("""
            {
              "explainVersion": "1",
              "queryPlanner": {
                "namespace": "wd.flowTemplates",
                "parsedQuery": { "organizationId": { "$eq": "org" } },
                "winningPlan": {
                  "stage": "LIMIT", "limitAmount": 25,
                  "inputStage": { "stage": "FETCH", "inputStage": { "stage": "IXSCAN", "indexName": "ix_organization_updated" } }
                },
                "rejectedPlans": [ { "stage": "SORT", "inputStage": { "stage": "COLLSCAN" } } ]
              },
              "command": { "aggregate": "flowTemplates", "pipeline": [ { "$sort": { "updatedAt": -1 } } ] },
              "serverInfo": { "host": "mongo" }
            }
            """);

        Assert.That(MongoQueryPlans.PlanProblems(explanation), Is.Empty);
    }

    [TestCase("""["[MinKey, MaxKey]"]""", true)]
    [TestCase("""["[\"eed\", \"eed\"]"]""", false)]
    [TestCase("""["[undefined, undefined]", "[null, null]"]""", false)]
    public void TheNameIndex_ScannedWithoutTrigramBounds_IsAProblem(string gramBounds, bool problem)
    {
        var explanation = BsonDocument.Parse($$"""
            {
              "queryPlanner": {
                "winningPlan": {
                  "stage": "FETCH",
                  "inputStage": {
                    "stage": "OR",
                    "inputStages": [
                      { "stage": "IXSCAN", "indexName": "ix_organization_name_grams",
                        "indexBounds": { "organizationId": ["[\"org\", \"org\"]"], "nameGrams": {{gramBounds}} } }
                    ]
                  }
                }
              }
            }
            """);

        Assert.That(MongoQueryPlans.PlanProblems(explanation).Any(p => p.Contains("name trigram", StringComparison.Ordinal)), Is.EqualTo(problem));
    }

    [Test]
    public void ACollectionScan_IsAProblem()
    {
        var explanation = BsonDocument.Parse("""
            { "queryPlanner": { "winningPlan": { "stage": "FETCH", "inputStage": { "stage": "COLLSCAN", "direction": "forward" } } } }
            """);

        Assert.That(MongoQueryPlans.PlanProblems(explanation), Is.EqualTo(new[] { "a collection scan (COLLSCAN)" }));
    }

    [Test]
    public void AnInMemorySort_InASlotBasedPlan_IsAProblem()
    {
        var explanation = BsonDocument.Parse("""
            {
              "explainVersion": "2",
              "queryPlanner": {
                "winningPlan": {
                  "queryPlan": { "stage": "SORT", "sortPattern": { "createdAt": -1 }, "inputStage": { "stage": "IXSCAN" } },
                  "slotBasedPlan": { "slots": "$$RESULT=s5", "stages": "[2] sort [s3] [desc]" }
                }
              }
            }
            """);

        Assert.That(MongoQueryPlans.PlanProblems(explanation), Is.EqualTo(new[] { "an in-memory sort (SORT)" }));
    }

    [Test]
    public void AnAggregation_IsReadThroughItsCursorStage_AndASortStageAfterIt_IsAProblem()
    {
        var explanation = BsonDocument.Parse("""
            {
              "explainVersion": "1",
              "stages": [
                { "$cursor": { "queryPlanner": { "winningPlan": { "stage": "PROJECTION_COVERED", "inputStage": { "stage": "IXSCAN" } } } } },
                { "$group": { "_id": "$organizationId" } },
                { "$sort": { "sortKey": { "_id": 1 } } }
              ]
            }
            """);

        Assert.That(MongoQueryPlans.PlanProblems(explanation), Is.EqualTo(new[] { "an in-memory sort ($sort stage)" }));
    }

    [Test]
    public void AnIdLookup_AndAnIndexedUpdate_HaveNoProblem()
    {
        var idLookup = BsonDocument.Parse("""{ "queryPlanner": { "winningPlan": { "stage": "EXPRESS_IXSCAN", "keyPattern": "{ _id: 1 }" } } }""");
        var update = BsonDocument.Parse("""
            { "queryPlanner": { "winningPlan": { "stage": "UPDATE", "inputStage": { "stage": "FETCH", "filter": { "workflows": { "$lt": 5 } }, "inputStage": { "stage": "IXSCAN" } } } } }
            """);

        Assert.Multiple(() =>
        {
            Assert.That(MongoQueryPlans.PlanProblems(idLookup), Is.Empty);
            Assert.That(MongoQueryPlans.PlanProblems(update), Is.Empty);
        });
    }
}
