using MongoDB.Bson;
using MongoDB.Driver;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.LegacyWorkflowDefinitions;
using WorkflowDefinitions.Application.Workflows;
using WorkflowDefinitions.Application.Workflows.History;
using WorkflowDefinitions.Domain.Common;
using WorkflowDefinitions.Domain.LegacyWorkflowDefinitions;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Infrastructure.Persistence.Mongo;

/// <summary>
/// V1 workflow definitions on MongoDB; they share the workflow quota and id registry with V2 flows. Every write records
/// its revision in its transaction (see <see cref="MongoHistory"/>).
/// </summary>
public sealed class MongoWorkflowDefinitionRepository(MongoCollections collections, RevisionsOptions revisions) : IWorkflowDefinitionRepository
{
    private static readonly FilterDefinitionBuilder<WorkflowDefinitionDocument> Filter = Builders<WorkflowDefinitionDocument>.Filter;

    private IMongoCollection<WorkflowDefinitionDocument> Definitions => collections.WorkflowDefinitions;

    public static FilterDefinition<WorkflowDefinitionDocument> ById(OrganizationId organizationId, WorkflowDefinitionId id) =>
        Filter.Eq(d => d.OrganizationId, organizationId.Value) & Filter.Eq(d => d.Id, id.Value);

    public static FilterDefinition<WorkflowDefinitionDocument> ByIdAtRevision(OrganizationId organizationId, WorkflowDefinitionId id, long revision) =>
        ById(organizationId, id) & Filter.Eq(d => d.Revision, revision);

    public static SortDefinition<WorkflowDefinitionDocument> ListOrder { get; } =
        Builders<WorkflowDefinitionDocument>.Sort.Ascending(d => d.CreationTime).Ascending(d => d.Id);

    public async Task<WorkflowDefinition?> FindAsync(OrganizationId organizationId, WorkflowDefinitionId id, CancellationToken cancellationToken) =>
        (await Definitions.Find(ById(organizationId, id)).FirstOrDefaultAsync(cancellationToken))?.ToDomain();

    /// <summary>The keys of the organization's definitions in the list's order, with each document's size.</summary>
    public static PipelineDefinition<WorkflowDefinitionDocument, BsonDocument> ListKeysPipeline(OrganizationId organizationId) =>
        new EmptyPipelineDefinition<WorkflowDefinitionDocument>()
            .Match(Filter.Eq(d => d.OrganizationId, organizationId.Value))
            .Sort(ListOrder)
            .Project(MongoDocumentsByKeys.Keys());

    public Task<UnlessLarger<WorkflowDefinition>> FindUnlessLargerAsync(
        OrganizationId organizationId, WorkflowDefinitionId id, int maxBytes, CancellationToken cancellationToken) =>
        MongoUnlessLarger.FindAsync(Definitions, ById(organizationId, id), maxBytes, d => d.ToDomain(), cancellationToken);

    public IAsyncEnumerable<Listed<WorkflowDefinition>> ListAsync(OrganizationId organizationId, int maxBytes, CancellationToken cancellationToken) =>
        MongoDocumentsByKeys.ReadAsync(
                Definitions,
                token => Definitions.AggregateAsync(ListKeysPipeline(organizationId), new AggregateOptions { Hint = MongoIndexes.DefinitionsByCreation }, token),
                batch => Filter.Eq(d => d.OrganizationId, organizationId.Value) & Filter.In(d => d.Id, batch),
                d => d.Id,
                maxBytes,
                cancellationToken)
            .Select(listed => listed.Select(d => d.ToDomain()));

    public async Task AddAsync(WorkflowDefinition definition, WorkflowSlot slot, RevisionRecord revision, CancellationToken cancellationToken)
    {
        var document = definition.ToDocument();
        await MongoWorkflowSlots.StoreInSlotAsync(
            collections, slot, definition.OrganizationId, definition.Id.Value, WorkflowKinds.Definition,
            async (transaction, token) =>
            {
                await Definitions.InsertOneAsync(transaction, document, cancellationToken: token);
                await MongoHistory.RecordRevisionAsync(
                    collections, transaction, definition.OrganizationId, WorkflowKinds.Definition, definition.Id.Value, revision, revisions.MaxPerWorkflow, token);
            },
            cancellationToken);
    }

    public async Task UpdateAsync(WorkflowDefinition definition, RevisionRecord revision, CancellationToken cancellationToken)
    {
        var document = definition.ToDocument();
        var replaced = await collections.Transactions.RunAsync(
            async (transaction, token) =>
            {
                var result = await Definitions.ReplaceOneAsync(
                    transaction,
                    ByIdAtRevision(definition.OrganizationId, definition.Id, StoredRevisions.Of(definition.StoredRevision)),
                    document,
                    cancellationToken: token);
                if (result.MatchedCount == 0)
                {
                    return false;
                }

                await MongoHistory.RecordRevisionAsync(
                    collections, transaction, definition.OrganizationId, WorkflowKinds.Definition, definition.Id.Value, revision, revisions.MaxPerWorkflow, token);
                return true;
            },
            landed: async token => await Definitions.Find(ByIdAtRevision(definition.OrganizationId, definition.Id, definition.Revision)).AnyAsync(token),
            cancellationToken);
        if (!replaced)
        {
            throw await MissedWrite.ExplainAsync(this, definition, cancellationToken);
        }
    }

    public async Task<bool> DeleteAsync(OrganizationId organizationId, WorkflowDefinitionId id, long? revision, CancellationToken cancellationToken)
    {
        var filter = revision is { } expected ? ByIdAtRevision(organizationId, id, expected) : ById(organizationId, id);
        return await collections.Transactions.RunAsync(
            async (transaction, token) =>
            {
                var deleted = await Definitions.DeleteOneAsync(transaction, filter, cancellationToken: token);
                if (deleted.DeletedCount == 0)
                {
                    return false;
                }

                await MongoWorkflowSlots.FreeAsync(collections, transaction, organizationId, id.Value, WorkflowKinds.Definition, token);
                await MongoHistory.DeleteRevisionsAsync(collections, transaction, organizationId, WorkflowKinds.Definition, id.Value, token);
                return true;
            },
            landed: async token => !await Definitions.Find(ById(organizationId, id)).AnyAsync(token),
            cancellationToken);
    }
}
