using MongoDB.Bson;
using MongoDB.Driver;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.FlowTemplates;
using WorkflowDefinitions.Application.Workflows;
using WorkflowDefinitions.Application.Workflows.History;
using WorkflowDefinitions.Domain.Common;
using WorkflowDefinitions.Domain.FlowTemplates;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Infrastructure.Persistence.Mongo;

/// <summary>
/// Flow templates on MongoDB; list and search filter, count, sort and page on the server through indexes. Every write
/// records its revision and its change of the feed in its transaction (see <see cref="MongoHistory"/>), and wakes this
/// process's feed readers after it.
/// </summary>
public sealed class MongoFlowTemplateRepository(
    MongoCollections collections, RevisionsOptions revisions, ChangeSignals signals, TimeProvider clock) : IFlowTemplateRepository
{
    private static readonly FilterDefinitionBuilder<FlowTemplateDocument> Filter = Builders<FlowTemplateDocument>.Filter;
    private static readonly FilterDefinitionBuilder<FlowTriggerDocument> TriggerFilter = Builders<FlowTriggerDocument>.Filter;
    private static readonly SortDefinitionBuilder<FlowTemplateDocument> Sort = Builders<FlowTemplateDocument>.Sort;

    private IMongoCollection<FlowTemplateDocument> Flows => collections.FlowTemplates;

    public static FilterDefinition<FlowTemplateDocument> ById(OrganizationId organizationId, FlowTemplateId id) =>
        Filter.Eq(d => d.OrganizationId, organizationId.Value) & Filter.Eq(d => d.Id, id.Value);

    public static FilterDefinition<FlowTemplateDocument> ByIdAtRevision(OrganizationId organizationId, FlowTemplateId id, long revision) =>
        ById(organizationId, id) & Filter.Eq(d => d.Revision, revision);

    /// <summary>One trigger must satisfy every set criterion (contract D45): an <c>$elemMatch</c> on the trigger list.</summary>
    public static FilterDefinition<FlowTemplateDocument> Matching(OrganizationId organizationId, TriggerCriteria criteria)
    {
        var filter = Filter.Eq(d => d.OrganizationId, organizationId.Value);
        if (criteria.IsEmpty)
        {
            return filter;
        }

        var trigger = TriggerFilter.Empty;
        if (criteria.Type is not null)
        {
            trigger &= TriggerFilter.Eq(t => t.Type, criteria.Type);
        }

        if (criteria.AutomationId is not null)
        {
            trigger &= TriggerFilter.Eq(t => t.AutomationId, criteria.AutomationId);
        }

        if (criteria.JourneyId is not null)
        {
            trigger &= TriggerFilter.Eq(t => t.JourneyId, criteria.JourneyId);
        }

        if (criteria.AutomationOrJourneyId is not null)
        {
            trigger &= TriggerFilter.Eq(t => t.AutomationId, criteria.AutomationOrJourneyId) | TriggerFilter.Eq(t => t.JourneyId, criteria.AutomationOrJourneyId);
        }

        if (criteria.EntitySchema is not null)
        {
            trigger &= TriggerFilter.Eq(t => t.EntitySchema, criteria.EntitySchema);
        }

        return filter & Filter.ElemMatch(d => d.Triggers, trigger);
    }

    public static FilterDefinition<FlowTemplateDocument> Matching(OrganizationId organizationId, FlowTemplateSearch search)
    {
        var filter = Matching(organizationId, search.Triggers);
        if (!string.IsNullOrEmpty(search.NameContains))
        {
            // In an expression a string starting with '$' is a field path or variable: the client's term goes in as a $literal.
            var term = new BsonDocument("$literal", FlowTemplateDocumentMapper.FoldName(search.NameContains));
            var contains = new BsonDocument("$expr", new BsonDocument("$gte", new BsonArray
            {
                new BsonDocument("$indexOfCP", new BsonArray { "$nameFolded", term }),
                0,
            }));
            filter &= new BsonDocumentFilterDefinition<FlowTemplateDocument>(contains);
        }

        if (search.DefinitionId is not null)
        {
            filter &= Filter.Eq(d => d.Id, search.DefinitionId);
        }

        if (search.Enabled is { } enabled)
        {
            filter &= Filter.Eq(d => d.Enabled, enabled);
        }

        return filter;
    }

    public static SortDefinition<FlowTemplateDocument> ListOrder { get; } = Sort.Descending(d => d.UpdatedAt).Ascending(d => d.Id);

    /// <summary>The index that serves <see cref="SearchOrder"/> (named as the query's hint).</summary>
    public static string SearchIndex(FlowTemplateSearch search) => (search.SortBy, search.Descending) switch
    {
        (FlowTemplateSortField.CreatedAt, true) => MongoIndexes.FlowsByCreatedDescending,
        (FlowTemplateSortField.CreatedAt, false) => MongoIndexes.FlowsByCreatedAscending,
        (_, true) => MongoIndexes.FlowsByUpdatedDescending,
        (_, false) => MongoIndexes.FlowsByUpdatedAscending,
    };

    public static SortDefinition<FlowTemplateDocument> SearchOrder(FlowTemplateSearch search)
    {
        var field = search.SortBy == FlowTemplateSortField.CreatedAt ? "createdAt" : "updatedAt";
        var primary = search.Descending ? Sort.Descending(field) : Sort.Ascending(field);
        return Sort.Combine(primary, Sort.Ascending(d => d.Id));
    }

    public async Task<FlowTemplate?> FindAsync(OrganizationId organizationId, FlowTemplateId id, CancellationToken cancellationToken)
    {
        var document = await Flows.Find(ById(organizationId, id)).FirstOrDefaultAsync(cancellationToken);
        return document?.ToDomain();
    }

    public IAsyncEnumerable<FlowTemplate> ListAsync(OrganizationId organizationId, TriggerCriteria criteria, CancellationToken cancellationToken) =>
        MongoCursors.ReadAsync(
            Flows.Find(Matching(organizationId, criteria), new FindOptions { Hint = MongoIndexes.FlowsByUpdatedDescending }).Sort(ListOrder),
            d => d.ToDomain(),
            cancellationToken);

    public async Task<FlowTemplatePage> SearchAsync(OrganizationId organizationId, FlowTemplateSearch search, CancellationToken cancellationToken)
    {
        var filter = Matching(organizationId, search);
        var hits = await Flows.CountDocumentsAsync(filter, cancellationToken: cancellationToken);
        if (search.Size == 0 || search.From >= hits)
        {
            return new FlowTemplatePage((int)hits, AsyncEnumerable.Empty<FlowTemplate>());
        }

        var page = Flows.Find(filter, new FindOptions { Hint = SearchIndex(search) }).Sort(SearchOrder(search)).Skip(search.From).Limit(search.Size);
        return new FlowTemplatePage((int)hits, MongoCursors.ReadAsync(page, d => d.ToDomain(), cancellationToken));
    }

    public async Task AddAsync(FlowTemplate flow, WorkflowSlot slot, RevisionRecord revision, CancellationToken cancellationToken)
    {
        var document = flow.ToDocument();
        await MongoWorkflowSlots.StoreInSlotAsync(
            collections, slot, flow.OrganizationId, flow.Id.Value, WorkflowKinds.Flow,
            async (transaction, token) =>
            {
                await Flows.InsertOneAsync(transaction, document, cancellationToken: token);
                await RecordAsync(transaction, flow, revision, FlowChangeType.Created, token);
            },
            cancellationToken);
        signals.Notify(flow.OrganizationId);
    }

    public async Task UpdateAsync(FlowTemplate flow, RevisionRecord revision, CancellationToken cancellationToken)
    {
        var document = flow.ToDocument();
        var replaced = await collections.Transactions.RunAsync(
            async (transaction, token) =>
            {
                var result = await Flows.ReplaceOneAsync(
                    transaction, ByIdAtRevision(flow.OrganizationId, flow.Id, StoredRevisions.Of(flow.StoredRevision)), document, cancellationToken: token);
                if (result.MatchedCount == 0)
                {
                    return false;
                }

                await RecordAsync(transaction, flow, revision, FlowChangeTypeNames.Of(revision.Source, created: false), token);
                return true;
            },
            landed: async token => await Flows.Find(ByIdAtRevision(flow.OrganizationId, flow.Id, flow.Revision)).AnyAsync(token),
            cancellationToken);
        if (!replaced)
        {
            throw await MissedWrite.ExplainAsync(this, flow, cancellationToken);
        }

        signals.Notify(flow.OrganizationId);
    }

    public async Task<bool> DeleteAsync(OrganizationId organizationId, FlowTemplateId id, long? revision, CancellationToken cancellationToken)
    {
        var filter = revision is { } expected ? ByIdAtRevision(organizationId, id, expected) : ById(organizationId, id);
        var deleted = await collections.Transactions.RunAsync(
            async (transaction, token) =>
            {
                var deleted = await Flows.DeleteOneAsync(transaction, filter, cancellationToken: token);
                if (deleted.DeletedCount == 0)
                {
                    return false;
                }

                await MongoWorkflowSlots.FreeAsync(collections, transaction, organizationId, id.Value, WorkflowKinds.Flow, token);
                await MongoHistory.DeleteRevisionsAsync(collections, transaction, organizationId, WorkflowKinds.Flow, id.Value, token);
                await MongoHistory.RecordChangeAsync(
                    collections, transaction, organizationId, FlowChangeType.Deleted, id.Value, revision: null, clock.GetUtcNow(), token);
                return true;
            },
            landed: async token => !await Flows.Find(ById(organizationId, id)).AnyAsync(token),
            cancellationToken);
        if (deleted)
        {
            signals.Notify(organizationId);
        }

        return deleted;
    }

    private async Task RecordAsync(
        IClientSessionHandle transaction, FlowTemplate flow, RevisionRecord revision, FlowChangeType change, CancellationToken cancellationToken)
    {
        var number = await MongoHistory.RecordRevisionAsync(
            collections, transaction, flow.OrganizationId, WorkflowKinds.Flow, flow.Id.Value, revision, revisions.MaxPerWorkflow, cancellationToken);
        await MongoHistory.RecordChangeAsync(collections, transaction, flow.OrganizationId, change, flow.Id.Value, number, revision.CreatedAt, cancellationToken);
    }
}
