using System.Collections.Concurrent;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Application.Workflows.History;

/// <summary>
/// Wakes the change-feed readers of this process that wait for an organization's next change (long poll). The flow
/// repositories signal after each commit; readers also look again at the store at an interval, which is how they learn
/// of changes other replicas commit.
/// </summary>
public sealed class ChangeSignals
{
    private readonly ConcurrentDictionary<OrganizationId, TaskCompletionSource> _next = new();

    /// <summary>
    /// A task that completes at the organization's next change in this process. Take it before reading the feed, so
    /// that a change committed between the read and the wait is not missed.
    /// </summary>
    public Task Next(OrganizationId organizationId) =>
        _next.GetOrAdd(organizationId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Notify(OrganizationId organizationId)
    {
        if (_next.TryRemove(organizationId, out var waiting))
        {
            waiting.TrySetResult();
        }
    }
}
