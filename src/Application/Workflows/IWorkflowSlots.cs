using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Application.Workflows;

/// <summary>
/// The per-organization quota of workflows (contract §4), shared by V1 definitions and V2 flows, and the registry
/// that keeps their ids unique across both (D09). Reserving checks and takes a slot in one atomic step, so concurrent
/// creates never push an organization past its maximum; storing a workflow commits its slot in the same transaction,
/// deleting one frees it.
/// </summary>
public interface IWorkflowSlots
{
    /// <summary>How long an uncommitted reservation holds its slot before it is reclaimed.</summary>
    public static readonly TimeSpan ReservationLifetime = TimeSpan.FromMinutes(10);

    /// <summary>Takes a slot under a freshly generated workflow id.</summary>
    /// <exception cref="WorkflowQuotaExceededException">The organization already has <paramref name="maxAllowed"/> workflows.</exception>
    Task<WorkflowSlot> ReserveAsync(OrganizationId organizationId, int maxAllowed, CancellationToken cancellationToken);

    /// <summary>Gives back a slot that will not be used (the create failed after reserving it).</summary>
    Task ReleaseAsync(WorkflowSlot slot, CancellationToken cancellationToken);

    /// <summary>
    /// The slots the organization has taken as a reservation would count them: stored workflows and reservations that
    /// have not expired (a dry run checks the quota with it).
    /// </summary>
    Task<int> TakenAsync(OrganizationId organizationId, CancellationToken cancellationToken);

    /// <summary>The workflows the organization has (stored V1 definitions and V2 flows; reservations not counted).</summary>
    Task<int> CountAsync(OrganizationId organizationId, CancellationToken cancellationToken);
}
