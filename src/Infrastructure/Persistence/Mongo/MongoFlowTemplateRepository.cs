using System.Runtime.CompilerServices;
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
        var term = FoldedTerm(search);
        if (term.Length > 0)
        {
            filter &= new BsonDocumentFilterDefinition<FlowTemplateDocument>(new BsonDocument("$expr", NameContains(term)));
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

    /// <summary>
    /// Whether the folded name contains <paramref name="folded"/>, as an expression. In an expression a string starting
    /// with '$' is a field path or variable: the client's term goes in as a <c>$literal</c>.
    /// </summary>
    public static BsonDocument NameContains(string folded) => new("$gte", new BsonArray
    {
        new BsonDocument("$indexOfCP", new BsonArray { "$nameFolded", new BsonDocument("$literal", folded) }),
        0,
    });

    /// <summary>
    /// How many flows of the organization the name index offers for the search's term and match its other filters, counted
    /// up to one beyond <see cref="MongoFlowNameIndex.MaxCandidates"/>, and how many of them contain the term.
    /// </summary>
    public static PipelineDefinition<FlowTemplateDocument, BsonDocument> CandidatesPipeline(OrganizationId organizationId, FlowTemplateSearch search)
    {
        var term = FoldedTerm(search);
        var offered = Matching(organizationId, search with { NameContains = null }) & MongoFlowNameIndex.Candidates(organizationId.Value, term);
        return new EmptyPipelineDefinition<FlowTemplateDocument>()
            .Match(offered)
            .Limit(MongoFlowNameIndex.MaxCandidates + 1)
            .Group(new BsonDocument
            {
                { "_id", BsonNull.Value },
                { "candidates", new BsonDocument("$sum", 1) },
                { "hits", new BsonDocument("$sum", new BsonDocument("$cond", new BsonArray { NameContains(term), 1, 0 })) },
            });
    }

    /// <summary>
    /// The keys of the search's page among the candidates the name index offers (at most
    /// <see cref="MongoFlowNameIndex.MaxCandidates"/>, sorted in memory as keys), with each document's size.
    /// </summary>
    public static PipelineDefinition<FlowTemplateDocument, BsonDocument> CandidatePagePipeline(OrganizationId organizationId, FlowTemplateSearch search)
    {
        var field = SortField(search);
        return new EmptyPipelineDefinition<FlowTemplateDocument>()
            .Match(Matching(organizationId, search) & MongoFlowNameIndex.Candidates(organizationId.Value, FoldedTerm(search)))
            .Project(MongoDocumentsByKeys.Keys(field))
            .Sort(new BsonDocument { { field, search.Descending ? -1 : 1 }, { "id", 1 } })
            .Skip(search.From)
            .Limit(search.Size);
    }

    public static SortDefinition<FlowTemplateDocument> ListOrder { get; } = Sort.Descending(d => d.UpdatedAt).Ascending(d => d.Id);

    /// <summary>The keys of the organization's flows whose triggers match <paramref name="criteria"/>, in the list's order, with each document's size.</summary>
    public static PipelineDefinition<FlowTemplateDocument, BsonDocument> ListKeysPipeline(OrganizationId organizationId, TriggerCriteria criteria) =>
        new EmptyPipelineDefinition<FlowTemplateDocument>()
            .Match(Matching(organizationId, criteria))
            .Sort(ListOrder)
            .Project(MongoDocumentsByKeys.Keys());

    /// <summary>The keys of a search's page, sorted and paged through the index of its order, with each document's size.</summary>
    public static PipelineDefinition<FlowTemplateDocument, BsonDocument> PageKeysPipeline(OrganizationId organizationId, FlowTemplateSearch search) =>
        new EmptyPipelineDefinition<FlowTemplateDocument>()
            .Match(Matching(organizationId, search))
            .Sort(SearchOrder(search))
            .Skip(search.From)
            .Limit(search.Size)
            .Project(MongoDocumentsByKeys.Keys());

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
        var field = SortField(search);
        var primary = search.Descending ? Sort.Descending(field) : Sort.Ascending(field);
        return Sort.Combine(primary, Sort.Ascending(d => d.Id));
    }

    public async Task<FlowTemplate?> FindAsync(OrganizationId organizationId, FlowTemplateId id, CancellationToken cancellationToken)
    {
        var document = await Flows.Find(ById(organizationId, id)).FirstOrDefaultAsync(cancellationToken);
        return document?.ToDomain();
    }

    public Task<UnlessLarger<FlowTemplate>> FindUnlessLargerAsync(
        OrganizationId organizationId, FlowTemplateId id, int maxBytes, CancellationToken cancellationToken) =>
        MongoUnlessLarger.FindAsync(Flows, ById(organizationId, id), maxBytes, d => d.ToDomain(), cancellationToken);

    public IAsyncEnumerable<Listed<FlowTemplate>> ListAsync(
        OrganizationId organizationId, TriggerCriteria criteria, int maxBytes, CancellationToken cancellationToken) =>
        ReadByKeysAsync(
            organizationId,
            token => Flows.AggregateAsync(ListKeysPipeline(organizationId, criteria), new AggregateOptions { Hint = MongoIndexes.FlowsByUpdatedDescending }, token),
            maxBytes,
            cancellationToken);

    /// <summary>
    /// Counts the matches at once; the page is read when it is enumerated. A name term the trigram index serves is first
    /// looked up there (<see cref="MongoFlowNameIndex"/>): when it offers at most <see cref="MongoFlowNameIndex.MaxCandidates"/>
    /// flows of the organization, they are the search — its cost follows the matches, not the organization's size; when it
    /// offers more, the term is common and the page is read through the index of its order, which finds it at once.
    /// </summary>
    public async Task<FlowTemplatePage> SearchAsync(OrganizationId organizationId, FlowTemplateSearch search, int maxBytes, CancellationToken cancellationToken)
    {
        var filter = Matching(organizationId, search);
        var term = FoldedTerm(search);
        long hits;
        if (MongoFlowNameIndex.Serves(term))
        {
            var offered = await (await Flows.AggregateAsync(
                CandidatesPipeline(organizationId, search), new AggregateOptions { Hint = MongoFlowNameIndex.IndexName }, cancellationToken))
                .FirstOrDefaultAsync(cancellationToken);
            if (offered is null || offered["candidates"].ToInt64() <= MongoFlowNameIndex.MaxCandidates)
            {
                hits = offered?["hits"].ToInt64() ?? 0;
                return new FlowTemplatePage((int)hits, Pages(hits, search) ? CandidatePageAsync(organizationId, search, maxBytes, cancellationToken) : AsyncEnumerable.Empty<Listed<FlowTemplate>>());
            }

            hits = await Flows.CountDocumentsAsync(
                filter & MongoFlowNameIndex.Candidates(organizationId.Value, term), new CountOptions { Hint = MongoFlowNameIndex.IndexName }, cancellationToken);
        }
        else
        {
            hits = await Flows.CountDocumentsAsync(filter, cancellationToken: cancellationToken);
        }

        if (!Pages(hits, search))
        {
            return new FlowTemplatePage((int)hits, AsyncEnumerable.Empty<Listed<FlowTemplate>>());
        }

        var page = ReadByKeysAsync(
            organizationId,
            token => Flows.AggregateAsync(PageKeysPipeline(organizationId, search), new AggregateOptions { Hint = SearchIndex(search) }, token),
            maxBytes,
            cancellationToken);
        return new FlowTemplatePage((int)hits, page);
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

    /// <summary>The page's documents in its order, fetched by key in batches (see <see cref="MongoDocumentsByKeys"/>).</summary>
    private IAsyncEnumerable<Listed<FlowTemplate>> CandidatePageAsync(
        OrganizationId organizationId, FlowTemplateSearch search, int maxBytes, CancellationToken cancellationToken) =>
        ReadByKeysAsync(
            organizationId,
            token => Flows.AggregateAsync(
                CandidatePagePipeline(organizationId, search),
                new AggregateOptions { Hint = MongoFlowNameIndex.IndexName, Comment = MongoFlowNameIndex.BoundedSortComment },
                token),
            maxBytes,
            cancellationToken);

    private IAsyncEnumerable<Listed<FlowTemplate>> ReadByKeysAsync(
        OrganizationId organizationId, Func<CancellationToken, Task<IAsyncCursor<BsonDocument>>> keys, int maxBytes, CancellationToken cancellationToken) =>
        MongoDocumentsByKeys.ReadAsync(
                Flows, keys, batch => Filter.Eq(d => d.OrganizationId, organizationId.Value) & Filter.In(d => d.Id, batch), d => d.Id, maxBytes, cancellationToken)
            .Select(listed => listed.Select(d => d.ToDomain()));

    private static bool Pages(long hits, FlowTemplateSearch search) => search.Size > 0 && search.From < hits;

    private static string FoldedTerm(FlowTemplateSearch search) =>
        string.IsNullOrEmpty(search.NameContains) ? string.Empty : FlowTemplateDocumentMapper.FoldName(search.NameContains);

    private static string SortField(FlowTemplateSearch search) => search.SortBy == FlowTemplateSortField.CreatedAt ? "createdAt" : "updatedAt";
}
