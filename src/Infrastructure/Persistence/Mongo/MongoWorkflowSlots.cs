using MongoDB.Driver;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Workflows;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Infrastructure.Persistence.Mongo;

/// <summary>
/// The workflow quota on MongoDB. A reservation is one transaction that reclaims expired reservations, increments the
/// organization's counter only while it is below the maximum and registers the new id. Concurrent reservations all
/// write the same counter document, so MongoDB lets only one of them commit at a time (the others retry).
/// </summary>
public sealed class MongoWorkflowSlots(MongoCollections collections, IIdGenerator ids, TimeProvider clock) : IWorkflowSlots
{
    private static readonly FilterDefinitionBuilder<WorkflowQuotaDocument> QuotaFilter = Builders<WorkflowQuotaDocument>.Filter;
    private static readonly FilterDefinitionBuilder<WorkflowIdDocument> IdFilter = Builders<WorkflowIdDocument>.Filter;

    public static FilterDefinition<WorkflowQuotaDocument> QuotaOf(OrganizationId organizationId) =>
        QuotaFilter.Eq(d => d.OrganizationId, organizationId.Value);

    public static FilterDefinition<WorkflowQuotaDocument> QuotaWithRoom(OrganizationId organizationId, int maxAllowed) =>
        QuotaOf(organizationId) & QuotaFilter.Lt(d => d.Workflows, maxAllowed);

    public static FilterDefinition<WorkflowIdDocument> ExpiredReservations(OrganizationId organizationId, DateTime now) =>
        IdFilter.Eq(d => d.OrganizationId, organizationId.Value) & IdFilter.Eq(d => d.Kind, WorkflowKinds.Reserved)
        & IdFilter.Lt(d => d.ReservedUntil, now);

    public static FilterDefinition<WorkflowIdDocument> IdOf(OrganizationId organizationId, string id, string? kind = null)
    {
        var filter = IdFilter.Eq(d => d.OrganizationId, organizationId.Value) & IdFilter.Eq(d => d.Id, id);
        return kind is null ? filter : filter & IdFilter.Eq(d => d.Kind, kind);
    }

    public static FilterDefinition<WorkflowIdDocument> StoredWorkflowsOf(OrganizationId organizationId) =>
        IdFilter.Eq(d => d.OrganizationId, organizationId.Value) & IdFilter.Ne(d => d.Kind, WorkflowKinds.Reserved);

    public async Task<WorkflowSlot> ReserveAsync(OrganizationId organizationId, int maxAllowed, CancellationToken cancellationToken)
    {
        string? reserved = null;
        return await collections.Transactions.RunAsync(
            async (transaction, token) =>
            {
                var now = clock.GetUtcNow().UtcDateTime;
                var expired = await collections.WorkflowIds.DeleteManyAsync(transaction, ExpiredReservations(organizationId, now), cancellationToken: token);
                await collections.WorkflowQuota.UpdateOneAsync(
                    transaction,
                    QuotaOf(organizationId),
                    Builders<WorkflowQuotaDocument>.Update.SetOnInsert(d => d.Workflows, 0),
                    new UpdateOptions { IsUpsert = true },
                    token);
                if (expired.DeletedCount > 0)
                {
                    await collections.WorkflowQuota.UpdateOneAsync(
                        transaction, QuotaOf(organizationId), Builders<WorkflowQuotaDocument>.Update.Inc(d => d.Workflows, -expired.DeletedCount), cancellationToken: token);
                }

                var taken = await collections.WorkflowQuota.UpdateOneAsync(
                    transaction, QuotaWithRoom(organizationId, maxAllowed), Builders<WorkflowQuotaDocument>.Update.Inc(d => d.Workflows, 1), cancellationToken: token);
                if (taken.ModifiedCount == 0)
                {
                    var quota = await collections.WorkflowQuota.Find(transaction, QuotaOf(organizationId)).FirstAsync(token);
                    throw new WorkflowQuotaExceededException((int)quota.Workflows, maxAllowed);
                }

                var id = await UnusedIdAsync(transaction, organizationId, token);
                reserved = id;
                await collections.WorkflowIds.InsertOneAsync(
                    transaction,
                    new WorkflowIdDocument
                    {
                        OrganizationId = organizationId.Value,
                        Id = id,
                        Kind = WorkflowKinds.Reserved,
                        ReservedUntil = now + IWorkflowSlots.ReservationLifetime,
                    },
                    cancellationToken: token);
                return new WorkflowSlot(organizationId, id);
            },
            landed: async token => await collections.WorkflowIds.Find(IdOf(organizationId, reserved!)).AnyAsync(token),
            cancellationToken);
    }

    public async Task ReleaseAsync(WorkflowSlot slot, CancellationToken cancellationToken)
    {
        await collections.Transactions.RunAsync(
            async (transaction, token) =>
            {
                await FreeAsync(collections, transaction, slot.OrganizationId, slot.WorkflowId, WorkflowKinds.Reserved, token);
                return true;
            },
            landed: async token => !await collections.WorkflowIds.Find(IdOf(slot.OrganizationId, slot.WorkflowId, WorkflowKinds.Reserved)).AnyAsync(token),
            cancellationToken);
    }

    public static FilterDefinition<WorkflowIdDocument> TakenSlotsOf(OrganizationId organizationId, DateTime now) =>
        IdFilter.Eq(d => d.OrganizationId, organizationId.Value)
        & (IdFilter.Ne(d => d.Kind, WorkflowKinds.Reserved) | IdFilter.Gte(d => d.ReservedUntil, now));

    public async Task<int> TakenAsync(OrganizationId organizationId, CancellationToken cancellationToken) =>
        (int)await collections.WorkflowIds.CountDocumentsAsync(TakenSlotsOf(organizationId, clock.GetUtcNow().UtcDateTime), cancellationToken: cancellationToken);

    public async Task<int> CountAsync(OrganizationId organizationId, CancellationToken cancellationToken) =>
        (int)await collections.WorkflowIds.CountDocumentsAsync(StoredWorkflowsOf(organizationId), cancellationToken: cancellationToken);

    /// <summary>
    /// Stores a new workflow in the slot reserved for it, in one transaction: the reservation becomes a stored workflow of
    /// <paramref name="kind"/> and <paramref name="insert"/> writes the workflow.
    /// </summary>
    /// <exception cref="ArgumentException">The slot was reserved for another workflow (a programming error).</exception>
    /// <exception cref="InvalidOperationException">The reservation expired and is gone.</exception>
    internal static async Task StoreInSlotAsync(
        MongoCollections collections,
        WorkflowSlot slot,
        OrganizationId organizationId,
        string workflowId,
        string kind,
        Func<IClientSessionHandle, CancellationToken, Task> insert,
        CancellationToken cancellationToken)
    {
        slot.EnsureHolds(organizationId, workflowId);
        await collections.Transactions.RunAsync(
            async (transaction, token) =>
            {
                await CommitAsync(collections, transaction, slot, kind, token);
                await insert(transaction, token);
                return true;
            },
            landed: async token => await collections.WorkflowIds.Find(IdOf(organizationId, workflowId, kind)).AnyAsync(token),
            cancellationToken);
    }

    /// <summary>Turns the reservation into a stored workflow of <paramref name="kind"/> (inside the caller's transaction).</summary>
    /// <exception cref="InvalidOperationException">The reservation expired and is gone.</exception>
    private static async Task CommitAsync(
        MongoCollections collections, IClientSessionHandle transaction, WorkflowSlot slot, string kind, CancellationToken cancellationToken)
    {
        var committed = await collections.WorkflowIds.UpdateOneAsync(
            transaction,
            IdOf(slot.OrganizationId, slot.WorkflowId, WorkflowKinds.Reserved),
            Builders<WorkflowIdDocument>.Update.Set(d => d.Kind, kind).Unset(d => d.ReservedUntil),
            cancellationToken: cancellationToken);
        if (committed.ModifiedCount != 1)
        {
            throw new InvalidOperationException($"The reservation of workflow '{slot.WorkflowId}' expired before the workflow was stored.");
        }
    }

    /// <summary>Removes a stored workflow's (or reservation's) id and frees its slot (inside the caller's transaction).</summary>
    internal static async Task FreeAsync(
        MongoCollections collections, IClientSessionHandle transaction, OrganizationId organizationId, string id, string kind, CancellationToken cancellationToken)
    {
        var removed = await collections.WorkflowIds.DeleteOneAsync(transaction, IdOf(organizationId, id, kind), cancellationToken: cancellationToken);
        if (removed.DeletedCount == 1)
        {
            await collections.WorkflowQuota.UpdateOneAsync(
                transaction, QuotaOf(organizationId), Builders<WorkflowQuotaDocument>.Update.Inc(d => d.Workflows, -1), cancellationToken: cancellationToken);
        }
    }

    private async Task<string> UnusedIdAsync(IClientSessionHandle transaction, OrganizationId organizationId, CancellationToken cancellationToken)
    {
        while (true)
        {
            var id = ids.NewWorkflowId();
            if (!await collections.WorkflowIds.Find(transaction, IdOf(organizationId, id)).AnyAsync(cancellationToken))
            {
                return id;
            }
        }
    }
}
