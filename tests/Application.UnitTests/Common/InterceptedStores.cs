using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.FlowTemplates;
using WorkflowDefinitions.Application.LegacyWorkflowDefinitions;
using WorkflowDefinitions.Application.Workflows;
using WorkflowDefinitions.Application.Workflows.History;
using WorkflowDefinitions.Domain.FlowTemplates;
using WorkflowDefinitions.Domain.LegacyWorkflowDefinitions;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Application.UnitTests.Common;

/// <summary>
/// A real flow store with hooks that run before a write (to make it fail, an outage, or to let another writer win the
/// race first) or after it (the write landed, then the commit's answer was lost or the client went away). A hook runs
/// once and is then cleared.
/// </summary>
public sealed class InterceptedFlowStore(IFlowTemplateRepository store) : IFlowTemplateRepository
{
    public Func<Task>? BeforeAdd { get; set; }

    public Func<Task>? BeforeUpdate { get; set; }

    public Func<Task>? AfterAdd { get; set; }

    public Func<Task>? AfterUpdate { get; set; }

    public IFlowTemplateRepository Store => store;

    public Task<FlowTemplate?> FindAsync(OrganizationId organizationId, FlowTemplateId id, CancellationToken cancellationToken) =>
        store.FindAsync(organizationId, id, cancellationToken);

    public Task<UnlessLarger<FlowTemplate>> FindUnlessLargerAsync(OrganizationId organizationId, FlowTemplateId id, int maxBytes, CancellationToken cancellationToken) =>
        store.FindUnlessLargerAsync(organizationId, id, maxBytes, cancellationToken);

    public IAsyncEnumerable<Listed<FlowTemplate>> ListAsync(
        OrganizationId organizationId, TriggerCriteria criteria, int maxBytes, CancellationToken cancellationToken) =>
        store.ListAsync(organizationId, criteria, maxBytes, cancellationToken);

    public Task<FlowTemplatePage> SearchAsync(OrganizationId organizationId, FlowTemplateSearch search, int maxBytes, CancellationToken cancellationToken) =>
        store.SearchAsync(organizationId, search, maxBytes, cancellationToken);

    public async Task AddAsync(FlowTemplate flow, WorkflowSlot slot, RevisionRecord revision, CancellationToken cancellationToken)
    {
        await RunOnce(BeforeAdd, () => BeforeAdd = null);
        await store.AddAsync(flow, slot, revision, cancellationToken);
        await RunOnce(AfterAdd, () => AfterAdd = null);
    }

    public async Task UpdateAsync(FlowTemplate flow, RevisionRecord revision, CancellationToken cancellationToken)
    {
        await RunOnce(BeforeUpdate, () => BeforeUpdate = null);
        await store.UpdateAsync(flow, revision, cancellationToken);
        await RunOnce(AfterUpdate, () => AfterUpdate = null);
    }

    public Task<bool> DeleteAsync(OrganizationId organizationId, FlowTemplateId id, long? revision, CancellationToken cancellationToken) =>
        store.DeleteAsync(organizationId, id, revision, cancellationToken);

    private static async Task RunOnce(Func<Task>? hook, Action clear)
    {
        if (hook is not null)
        {
            clear();
            await hook();
        }
    }
}

/// <summary>A real definition store whose next insert can be made to fail.</summary>
public sealed class InterceptedDefinitionStore(IWorkflowDefinitionRepository store) : IWorkflowDefinitionRepository
{
    public Exception? NextAddFails { get; set; }

    public Task<WorkflowDefinition?> FindAsync(OrganizationId organizationId, WorkflowDefinitionId id, CancellationToken cancellationToken) =>
        store.FindAsync(organizationId, id, cancellationToken);

    public Task<UnlessLarger<WorkflowDefinition>> FindUnlessLargerAsync(
        OrganizationId organizationId, WorkflowDefinitionId id, int maxBytes, CancellationToken cancellationToken) =>
        store.FindUnlessLargerAsync(organizationId, id, maxBytes, cancellationToken);

    public IAsyncEnumerable<Listed<WorkflowDefinition>> ListAsync(OrganizationId organizationId, int maxBytes, CancellationToken cancellationToken) =>
        store.ListAsync(organizationId, maxBytes, cancellationToken);

    public Task AddAsync(WorkflowDefinition definition, WorkflowSlot slot, RevisionRecord revision, CancellationToken cancellationToken)
    {
        if (NextAddFails is { } failure)
        {
            NextAddFails = null;
            throw failure;
        }

        return store.AddAsync(definition, slot, revision, cancellationToken);
    }

    public Task UpdateAsync(WorkflowDefinition definition, RevisionRecord revision, CancellationToken cancellationToken) =>
        store.UpdateAsync(definition, revision, cancellationToken);

    public Task<bool> DeleteAsync(OrganizationId organizationId, WorkflowDefinitionId id, long? revision, CancellationToken cancellationToken) =>
        store.DeleteAsync(organizationId, id, revision, cancellationToken);
}
