using MongoDB.Driver;
using WorkflowDefinitions.Application.ClosingReasons;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Domain.ClosingReasons;
using WorkflowDefinitions.Domain.Common;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Infrastructure.Persistence.Mongo;

public sealed class MongoClosingReasonRepository(MongoCollections collections) : IClosingReasonRepository
{
    private static readonly FilterDefinitionBuilder<ClosingReasonDocument> Filter = Builders<ClosingReasonDocument>.Filter;

    private IMongoCollection<ClosingReasonDocument> Reasons => collections.ClosingReasons;

    public static FilterDefinition<ClosingReasonDocument> ById(OrganizationId organizationId, ClosingReasonId id) =>
        Filter.Eq(d => d.OrganizationId, organizationId.Value) & Filter.Eq(d => d.Id, id.Value);

    public static FilterDefinition<ClosingReasonDocument> ByIdAtRevision(
        OrganizationId organizationId, ClosingReasonId id, long revision) =>
        ById(organizationId, id) & Filter.Eq(d => d.Revision, revision);

    public static FilterDefinition<ClosingReasonDocument> Catalog(OrganizationId organizationId, bool includeInactive)
    {
        var filter = Filter.Eq(d => d.OrganizationId, organizationId.Value);
        return includeInactive ? filter : filter & Filter.Eq(d => d.Status, ClosingReasonStatusNames.Active);
    }

    public static FilterDefinition<ClosingReasonCatalogDocument> CatalogOf(OrganizationId organizationId) =>
        Builders<ClosingReasonCatalogDocument>.Filter.Eq(d => d.OrganizationId, organizationId.Value);

    public static UpdateDefinition<ClosingReasonCatalogDocument> CountCreate { get; } =
        Builders<ClosingReasonCatalogDocument>.Update.Inc(d => d.Creates, 1);

    public static SortDefinition<ClosingReasonDocument> CatalogOrder { get; } =
        Builders<ClosingReasonDocument>.Sort.Ascending(d => d.CreationTime).Ascending(d => d.Id);

    public async Task<ClosingReason?> FindAsync(
        OrganizationId organizationId, ClosingReasonId id, CancellationToken cancellationToken)
    {
        var document = await Reasons.Find(ById(organizationId, id)).FirstOrDefaultAsync(cancellationToken);
        return document?.ToDomain();
    }

    public IAsyncEnumerable<ClosingReason> ListAsync(OrganizationId organizationId, bool includeInactive, CancellationToken cancellationToken) =>
        MongoCursors.ReadAsync(
            Reasons.Find(Catalog(organizationId, includeInactive), new FindOptions { Hint = MongoIndexes.ClosingReasonsByCreation }).Sort(CatalogOrder),
            d => d.ToDomain(),
            cancellationToken);

    /// <summary>
    /// One transaction writes the organization's catalog document (so creates of one catalog commit one at a time and
    /// retry on conflict), counts the reasons and inserts the new one only below the cap.
    /// </summary>
    public async Task AddAsync(ClosingReason reason, int maxReasons, CancellationToken cancellationToken)
    {
        var document = reason.ToDocument();
        try
        {
            await collections.Transactions.RunAsync(
                async (transaction, token) =>
                {
                    await collections.ClosingReasonCatalogs.UpdateOneAsync(
                        transaction, CatalogOf(reason.OrganizationId), CountCreate, new UpdateOptions { IsUpsert = true }, token);
                    var count = await Reasons.CountDocumentsAsync(transaction, Catalog(reason.OrganizationId, includeInactive: true), cancellationToken: token);
                    if (count >= maxReasons)
                    {
                        throw new ClosingReasonCatalogFullException((int)count, maxReasons);
                    }

                    await Reasons.InsertOneAsync(transaction, document, cancellationToken: token);
                    return true;
                },
                landed: async token => await Reasons.Find(ById(reason.OrganizationId, reason.Id)).AnyAsync(token),
                cancellationToken);
        }
        catch (MongoWriteException exception) when (exception.WriteError.Category == ServerErrorCategory.DuplicateKey)
        {
            throw new DuplicateIdException("Closing reason", document.Id);
        }
    }

    public async Task UpdateAsync(ClosingReason reason, CancellationToken cancellationToken)
    {
        var result = await Reasons.ReplaceOneAsync(
            ByIdAtRevision(reason.OrganizationId, reason.Id, StoredRevisions.Of(reason.StoredRevision)),
            reason.ToDocument(),
            cancellationToken: cancellationToken);
        if (result.MatchedCount == 1)
        {
            return;
        }

        throw await MissedWrite.ExplainAsync(this, reason, cancellationToken);
    }

    public async Task<bool> DeleteAsync(
        OrganizationId organizationId, ClosingReasonId id, long? revision, CancellationToken cancellationToken)
    {
        var filter = revision is { } expected ? ByIdAtRevision(organizationId, id, expected) : ById(organizationId, id);
        var result = await Reasons.DeleteOneAsync(filter, cancellationToken);
        return result.DeletedCount == 1;
    }
}
