using WorkflowDefinitions.Application.Workflows;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Api.FunctionalTests.Support;

/// <summary>A quota store whose reservation fails with <paramref name="failure"/>: every create fails there, before anything is stored.</summary>
public sealed class FailingSlots(Exception failure) : IWorkflowSlots
{
    public Task<WorkflowSlot> ReserveAsync(OrganizationId organizationId, int maxAllowed, CancellationToken cancellationToken) => Task.FromException<WorkflowSlot>(failure);

    public Task ReleaseAsync(WorkflowSlot slot, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<int> TakenAsync(OrganizationId organizationId, CancellationToken cancellationToken) => Task.FromResult(0);

    public Task<int> CountAsync(OrganizationId organizationId, CancellationToken cancellationToken) => Task.FromResult(0);
}
