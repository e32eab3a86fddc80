using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Application.Workflows;

/// <summary>
/// Reserves a slot of an organization's workflow quota (contract §4) at the organization's maximum, for one new workflow
/// (V1 definition or V2 flow) whose id is the slot's.
/// </summary>
public sealed class WorkflowQuota(IWorkflowSlots slots, IWorkflowLimits limits)
{
    /// <exception cref="WorkflowQuotaExceededException">The organization has no free slot.</exception>
    public async Task<QuotaReservation> ReserveAsync(OrganizationId organizationId, CancellationToken cancellationToken) =>
        new(slots, await slots.ReserveAsync(organizationId, limits.GetMaxAllowed(organizationId), cancellationToken));
}

/// <summary>
/// A reserved slot that gives itself back when disposed, unless <see cref="Complete"/> says the workflow was stored in
/// it (the store commits the slot in the same transaction). Use it with <c>await using</c>.
/// </summary>
public sealed class QuotaReservation(IWorkflowSlots slots, WorkflowSlot slot) : IAsyncDisposable
{
    private bool _completed;

    public WorkflowSlot Slot { get; } = slot;

    /// <summary>The id the new workflow takes.</summary>
    public string WorkflowId => Slot.WorkflowId;

    /// <summary>The workflow is stored: the slot stays taken.</summary>
    public void Complete() => _completed = true;

    public async ValueTask DisposeAsync()
    {
        if (!_completed)
        {
            _completed = true;
            await slots.ReleaseAsync(Slot, CancellationToken.None);
        }
    }
}
