using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Application.Workflows;

/// <summary>
/// Reserves a slot of an organization's workflow quota (contract §4) at the organization's maximum, for one new workflow
/// (V1 definition or V2 flow) whose id is the slot's.
/// </summary>
public sealed class WorkflowQuota(IWorkflowSlots slots, IWorkflowLimits limits, IIdGenerator ids)
{
    /// <summary>
    /// A slot for a new workflow. A dry run takes none: it checks that a reservation would succeed, and the id it gives
    /// is not reserved.
    /// </summary>
    /// <exception cref="WorkflowQuotaExceededException">The organization has no free slot.</exception>
    public async Task<QuotaReservation> ReserveAsync(OrganizationId organizationId, WriteMode mode, CancellationToken cancellationToken)
    {
        var maxAllowed = limits.GetMaxAllowed(organizationId);
        if (mode == WriteMode.Commit)
        {
            return new QuotaReservation(slots, await slots.ReserveAsync(organizationId, maxAllowed, cancellationToken), mode);
        }

        var taken = await slots.TakenAsync(organizationId, cancellationToken);
        return taken < maxAllowed
            ? new QuotaReservation(slots, new WorkflowSlot(organizationId, ids.NewWorkflowId()), mode)
            : throw new WorkflowQuotaExceededException(taken, maxAllowed);
    }
}

/// <summary>
/// A reserved slot that gives itself back when disposed, unless <see cref="Complete"/> says the workflow was stored in
/// it (the store commits the slot in the same transaction). Use it with <c>await using</c>. A dry run's slot was never
/// taken and is not given back.
/// </summary>
public sealed class QuotaReservation(IWorkflowSlots slots, WorkflowSlot slot, WriteMode mode) : IAsyncDisposable
{
    private bool _completed = mode == WriteMode.DryRun;

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
