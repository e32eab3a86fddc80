using System.Runtime.CompilerServices;
using MongoDB.Bson;
using MongoDB.Driver;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Workflows.History;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Infrastructure.Persistence.Mongo;

/// <summary>Revisions of flows and definitions on MongoDB (written by the repositories, see <see cref="MongoHistory"/>).</summary>
public sealed class MongoWorkflowRevisions(MongoCollections collections) : IWorkflowRevisions
{
    private static readonly FilterDefinitionBuilder<WorkflowRevisionDocument> Filter = Builders<WorkflowRevisionDocument>.Filter;

    public async Task<RevisionPage> ListAsync(
        OrganizationId organizationId, WorkflowKind kind, string workflowId, int limit, int? before, CancellationToken cancellationToken)
    {
        var filter = MongoHistory.RevisionsOf(organizationId, WorkflowKinds.Of(kind), workflowId);
        if (before is { } number)
        {
            filter &= Filter.Lt(d => d.Number, number);
        }

        var revisions = await collections.WorkflowRevisions.Find(filter)
            .SortByDescending(d => d.Number)
            .Limit(limit + 1)
            .Project(d => new { d.Number, d.CreatedAt, d.Source, d.ETag })
            .ToListAsync(cancellationToken);
        var summaries = revisions
            .Select(d => new RevisionSummary(d.Number, new DateTimeOffset(d.CreatedAt, TimeSpan.Zero), RevisionSourceNames.Parse(d.Source), d.ETag))
            .ToList();
        return summaries.Count > limit
            ? new RevisionPage(summaries[..limit], summaries[limit - 1].Number)
            : new RevisionPage(summaries, NextBefore: null);
    }

    public async Task<WorkflowRevision?> FindAsync(
        OrganizationId organizationId, WorkflowKind kind, string workflowId, int number, CancellationToken cancellationToken)
    {
        var document = await collections.WorkflowRevisions.Find(ByNumber(organizationId, kind, workflowId, number)).FirstOrDefaultAsync(cancellationToken);
        return document is null ? null : ToRevision(document);
    }

    public Task<UnlessLarger<WorkflowRevision>> FindUnlessLargerAsync(
        OrganizationId organizationId, WorkflowKind kind, string workflowId, int number, int maxBytes, CancellationToken cancellationToken) =>
        MongoUnlessLarger.FindAsync(collections.WorkflowRevisions, ByNumber(organizationId, kind, workflowId, number), maxBytes, ToRevision, cancellationToken);

    public static FilterDefinition<WorkflowRevisionDocument> ByNumber(OrganizationId organizationId, WorkflowKind kind, string workflowId, int number) =>
        MongoHistory.RevisionsOf(organizationId, WorkflowKinds.Of(kind), workflowId) & Filter.Eq(d => d.Number, number);

    /// <summary>
    /// Workflows with no revision: one aggregation over the (organization, id) index — it needs nothing else of a workflow,
    /// so it never reads the documents — that looks each workflow's revisions up through their unique index.
    /// </summary>
    public async IAsyncEnumerable<(OrganizationId OrganizationId, string WorkflowId)> WithoutRevisionsAsync(
        WorkflowKind kind, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var workflows = collections.Database.GetCollection<BsonDocument>(
            kind == WorkflowKind.Flow ? MongoCollections.FlowTemplatesName : MongoCollections.WorkflowDefinitionsName);
        var pipeline = new[]
        {
            new BsonDocument("$lookup", new BsonDocument
            {
                { "from", MongoCollections.WorkflowRevisionsName },
                { "let", new BsonDocument { { "organizationId", "$organizationId" }, { "id", "$id" } } },
                {
                    "pipeline", new BsonArray
                    {
                        new BsonDocument("$match", new BsonDocument("$expr", new BsonDocument("$and", new BsonArray
                        {
                            new BsonDocument("$eq", new BsonArray { "$organizationId", "$$organizationId" }),
                            new BsonDocument("$eq", new BsonArray { "$kind", WorkflowKinds.Of(kind) }),
                            new BsonDocument("$eq", new BsonArray { "$workflowId", "$$id" }),
                        }))),
                        new BsonDocument("$limit", 1),
                        new BsonDocument("$project", new BsonDocument("_id", 1)),
                    }
                },
                { "as", "revisions" },
            }),
            new BsonDocument("$match", new BsonDocument("revisions", new BsonDocument("$size", 0))),
            new BsonDocument("$project", new BsonDocument { { "_id", 0 }, { "organizationId", 1 }, { "id", 1 } }),
        };
        using var cursor = await workflows.AggregateAsync<BsonDocument>(
            pipeline, new AggregateOptions { Hint = MongoIndexes.ById }, cancellationToken);
        while (await cursor.MoveNextAsync(cancellationToken))
        {
            foreach (var workflow in cursor.Current)
            {
                yield return (new OrganizationId(workflow["organizationId"].AsString), workflow["id"].AsString);
            }
        }
    }

    public async Task AddFirstAsync(
        OrganizationId organizationId, WorkflowKind kind, string workflowId, RevisionRecord record, CancellationToken cancellationToken)
    {
        var filter = MongoHistory.RevisionsOf(organizationId, WorkflowKinds.Of(kind), workflowId);
        if (await collections.WorkflowRevisions.Find(filter).AnyAsync(cancellationToken))
        {
            return;
        }

        try
        {
            await collections.WorkflowRevisions.InsertOneAsync(
                MongoHistory.Document(organizationId, WorkflowKinds.Of(kind), workflowId, 1, record), cancellationToken: cancellationToken);
        }
        catch (MongoWriteException exception) when (exception.WriteError.Category == ServerErrorCategory.DuplicateKey)
        {
            // Another replica recorded it first.
        }
    }

    private static WorkflowRevision ToRevision(WorkflowRevisionDocument document) =>
        new(
            new RevisionSummary(document.Number, new DateTimeOffset(document.CreatedAt, TimeSpan.Zero), RevisionSourceNames.Parse(document.Source), document.ETag),
            document.Representation.Utf8);
}
