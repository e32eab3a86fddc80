using MongoDB.Driver;
using WorkflowDefinitions.Application.Workflows.History;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Infrastructure.Persistence.Mongo;

/// <summary>
/// Revisions and the change feed on MongoDB, written inside the caller's transaction, so a workflow, its revision and
/// its change are committed together or not at all.
/// </summary>
/// <remarks>
/// The feed takes its sequence from a counter document per organization, incremented in the write's transaction. The
/// alternative, change streams with resume tokens, would cost the writes nothing, but its positions are the oplog's:
/// they say nothing about an organization, live only as long as the oplog window, and a reader must watch the whole
/// collection. With the counter, every flow write of one organization touches one document, so MongoDB lets those
/// transactions commit one at a time (the others retry): the sequence follows the commit order, a reader that follows it
/// misses nothing, and cursors stay valid for as long as the changes are retained. Writes of different organizations do
/// not wait for each other.
/// </remarks>
internal static class MongoHistory
{
    private static readonly FilterDefinitionBuilder<WorkflowRevisionDocument> RevisionFilter = Builders<WorkflowRevisionDocument>.Filter;

    public static FilterDefinition<WorkflowRevisionDocument> RevisionsOf(OrganizationId organizationId, string kind, string workflowId) =>
        RevisionFilter.Eq(d => d.OrganizationId, organizationId.Value) & RevisionFilter.Eq(d => d.Kind, kind) & RevisionFilter.Eq(d => d.WorkflowId, workflowId);

    /// <summary>
    /// Records <paramref name="record"/> as the workflow's next revision unless its content equals the latest one's,
    /// keeps the newest <paramref name="maxRevisions"/>, and returns the number of the latest revision.
    /// </summary>
    public static async Task<int> RecordRevisionAsync(
        MongoCollections collections,
        IClientSessionHandle transaction,
        OrganizationId organizationId,
        string kind,
        string workflowId,
        RevisionRecord record,
        int maxRevisions,
        CancellationToken cancellationToken)
    {
        var filter = RevisionsOf(organizationId, kind, workflowId);
        var latest = await collections.WorkflowRevisions.Find(transaction, filter)
            .SortByDescending(d => d.Number)
            .Project(d => new { d.Number, d.ContentHash })
            .FirstOrDefaultAsync(cancellationToken);
        if (latest?.ContentHash == record.ContentHash)
        {
            return latest.Number;
        }

        var number = (latest?.Number ?? 0) + 1;
        await collections.WorkflowRevisions.InsertOneAsync(transaction, Document(organizationId, kind, workflowId, number, record), cancellationToken: cancellationToken);
        await collections.WorkflowRevisions.DeleteManyAsync(
            transaction, filter & RevisionFilter.Lte(d => d.Number, number - maxRevisions), cancellationToken: cancellationToken);
        return number;
    }

    public static WorkflowRevisionDocument Document(OrganizationId organizationId, string kind, string workflowId, int number, RevisionRecord record) => new()
    {
        OrganizationId = organizationId.Value,
        Kind = kind,
        WorkflowId = workflowId,
        Number = number,
        CreatedAt = record.CreatedAt.UtcDateTime,
        Source = record.Source.ToName(),
        ETag = record.Tag.Value,
        ContentHash = record.ContentHash,
        Representation = new JsonText(record.Representation),
    };

    public static Task DeleteRevisionsAsync(
        MongoCollections collections, IClientSessionHandle transaction, OrganizationId organizationId, string kind, string workflowId, CancellationToken cancellationToken) =>
        collections.WorkflowRevisions.DeleteManyAsync(transaction, RevisionsOf(organizationId, kind, workflowId), cancellationToken: cancellationToken);

    /// <summary>Appends a change of a flow to the feed with the organization's next sequence.</summary>
    public static async Task RecordChangeAsync(
        MongoCollections collections,
        IClientSessionHandle transaction,
        OrganizationId organizationId,
        FlowChangeType type,
        string flowId,
        int? revision,
        DateTimeOffset at,
        CancellationToken cancellationToken)
    {
        var position = await collections.FlowChangeSequences.FindOneAndUpdateAsync(
            transaction,
            Builders<FlowChangeSequenceDocument>.Filter.Eq(d => d.OrganizationId, organizationId.Value),
            Builders<FlowChangeSequenceDocument>.Update.Inc(d => d.Last, 1).SetOnInsert(d => d.PurgedThrough, 0),
            new FindOneAndUpdateOptions<FlowChangeSequenceDocument> { IsUpsert = true, ReturnDocument = ReturnDocument.After },
            cancellationToken);
        await collections.FlowChanges.InsertOneAsync(
            transaction,
            new FlowChangeDocument
            {
                OrganizationId = organizationId.Value,
                Sequence = position.Last,
                Type = type.ToName(),
                FlowId = flowId,
                Revision = revision,
                At = at.UtcDateTime,
            },
            cancellationToken: cancellationToken);
    }
}
