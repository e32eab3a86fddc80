using WorkflowDefinitions.Application.Automations;
using WorkflowDefinitions.Application.Common.Metrics;
using WorkflowDefinitions.Application.Workflows;
using WorkflowDefinitions.Domain.FlowTemplates;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Application.FlowTemplates;

/// <summary>
/// How every new flow is stored (create, duplicate, import; contract §4): a slot of the organization's quota is reserved
/// first, and its id becomes the flow's; then the automation work the flow needs is done, then the flow is stored. A
/// failure anywhere after the reservation undoes the automation work and gives the slot back.
/// </summary>
public sealed class NewFlowTemplates(
    IFlowTemplateRepository flows, IWorkflowSlots slots, IWorkflowLimits workflowLimits, WorkflowMetrics metrics, TimeProvider clock)
{
    /// <param name="automate">The automation work for the flow, given its id.</param>
    /// <param name="document">The document to store, given the flow's id and what the automation work did.</param>
    /// <returns>The stored flow and the automation work done for it.</returns>
    public async Task<(FlowTemplate Flow, FlowAutomations.AutomationWork Automations)> StoreAsync(
        OrganizationId organizationId,
        WorkflowOrigin origin,
        Func<string, Task<FlowAutomations.AutomationWork>> automate,
        Func<string, FlowAutomations.AutomationWork, FlowDocument> document,
        CancellationToken cancellationToken)
    {
        var slot = await slots.ReserveAsync(organizationId, workflowLimits.GetMaxAllowed(organizationId), cancellationToken);
        FlowAutomations.AutomationWork? work = null;
        try
        {
            work = await automate(slot.WorkflowId);
            var flow = FlowTemplate.Create(organizationId, new FlowTemplateId(slot.WorkflowId), document(slot.WorkflowId, work), clock.GetUtcNow());
            await flows.AddAsync(flow, slot, cancellationToken);
            metrics.WorkflowCreated(organizationId, WorkflowModel.Flow, origin);
            return (flow, work);
        }
        catch
        {
            if (work is not null)
            {
                await work.RollBackAsync();
            }

            await slots.ReleaseAsync(slot, CancellationToken.None);
            throw;
        }
    }
}
