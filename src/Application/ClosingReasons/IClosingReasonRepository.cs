using WorkflowDefinitions.Domain.ClosingReasons;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Application.ClosingReasons;

/// <summary>The organization's closing-reason catalog. Every call names the organization it reads or writes.</summary>
public interface IClosingReasonRepository
{
    Task<ClosingReason?> FindAsync(OrganizationId organizationId, ClosingReasonId id, CancellationToken cancellationToken);

    /// <summary>Ordered by creation time, then id (contract D22), read one by one as enumerated.</summary>
    IAsyncEnumerable<ClosingReason> ListAsync(OrganizationId organizationId, bool includeInactive, CancellationToken cancellationToken);

    /// <summary>Stores a new reason unless the organization's catalog already holds <paramref name="maxReasons"/> (checked atomically).</summary>
    /// <exception cref="Common.DuplicateIdException">The organization already has a reason with this id.</exception>
    /// <exception cref="ClosingReasonCatalogFullException">The catalog is full.</exception>
    Task AddAsync(ClosingReason reason, int maxReasons, CancellationToken cancellationToken);

    /// <summary>Replaces the stored reason, at <see cref="ClosingReason.Revision"/>, if it is still at <see cref="ClosingReason.StoredRevision"/>.</summary>
    /// <exception cref="Domain.Common.ConcurrencyConflictException">The stored revision changed since it was read.</exception>
    /// <exception cref="Common.NotFoundException">The reason was deleted since it was read.</exception>
    Task UpdateAsync(ClosingReason reason, CancellationToken cancellationToken);

    /// <summary>Deletes the reason (only while it is at <paramref name="revision"/>, when one is given); false when nothing was deleted.</summary>
    Task<bool> DeleteAsync(OrganizationId organizationId, ClosingReasonId id, long? revision, CancellationToken cancellationToken);
}
