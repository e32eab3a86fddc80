using MongoDB.Driver;
using WorkflowDefinitions.Application.Workflows.History;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Infrastructure.Persistence.Mongo;

/// <summary>
/// The change feed of flows on MongoDB: changes carry their organization's sequence, taken in the write's transaction
/// (see <see cref="MongoHistory"/> for why a sequence and not change streams); the sequence document also remembers how
/// far the feed was purged, which is how an expired cursor is told apart.
/// </summary>
public sealed class MongoFlowChangeFeed(MongoCollections collections) : IFlowChangeFeed
{
    private static readonly FilterDefinitionBuilder<FlowChangeDocument> Filter = Builders<FlowChangeDocument>.Filter;
    private static readonly FilterDefinitionBuilder<FlowChangeSequenceDocument> SequenceFilter = Builders<FlowChangeSequenceDocument>.Filter;

    public static FilterDefinition<FlowChangeDocument> After(OrganizationId organizationId, long after) =>
        Filter.Eq(d => d.OrganizationId, organizationId.Value) & Filter.Gt(d => d.Sequence, after);

    public async Task<FlowChangePage> ReadAsync(OrganizationId organizationId, long? after, int limit, CancellationToken cancellationToken)
    {
        var position = await collections.FlowChangeSequences
            .Find(SequenceFilter.Eq(d => d.OrganizationId, organizationId.Value))
            .FirstOrDefaultAsync(cancellationToken);
        var horizon = position?.PurgedThrough ?? 0;
        if (after < horizon)
        {
            throw new ChangeCursorExpiredException(after.Value);
        }

        var start = after ?? horizon;
        var documents = await collections.FlowChanges.Find(After(organizationId, start))
            .SortBy(d => d.Sequence)
            .Limit(limit)
            .ToListAsync(cancellationToken);
        var changes = documents
            .Select(d => new FlowChange(d.Sequence, FlowChangeTypeNames.Parse(d.Type), d.FlowId, d.Revision, new DateTimeOffset(d.At, TimeSpan.Zero)))
            .ToList();
        return new FlowChangePage(changes, changes.Count > 0 ? changes[^1].Sequence : start);
    }

    /// <summary>Per organization: first moves its horizon past the last expired change, then deletes up to it.</summary>
    public async Task PurgeAsync(DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        var cutoff = olderThan.UtcDateTime;
        var expired = await collections.FlowChanges.Aggregate()
            .Match(Filter.Lt(d => d.At, cutoff))
            .Group(d => d.OrganizationId, group => new { OrganizationId = group.Key, Through = group.Max(d => d.Sequence) })
            .ToListAsync(cancellationToken);
        foreach (var organization in expired)
        {
            await collections.FlowChangeSequences.UpdateOneAsync(
                SequenceFilter.Eq(d => d.OrganizationId, organization.OrganizationId),
                Builders<FlowChangeSequenceDocument>.Update.Max(d => d.PurgedThrough, organization.Through),
                cancellationToken: cancellationToken);
            await collections.FlowChanges.DeleteManyAsync(
                Filter.Eq(d => d.OrganizationId, organization.OrganizationId) & Filter.Lte(d => d.Sequence, organization.Through),
                cancellationToken);
        }
    }
}
