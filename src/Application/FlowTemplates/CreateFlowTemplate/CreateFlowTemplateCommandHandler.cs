using System.Text.Json.Nodes;
using Mediator;
using WorkflowDefinitions.Application.Automations;
using WorkflowDefinitions.Application.Common.Metrics;
using WorkflowDefinitions.Application.Workflows;
using WorkflowDefinitions.Domain.FlowTemplates;

namespace WorkflowDefinitions.Application.FlowTemplates.CreateFlowTemplate;

/// <summary>
/// Checks in the contract's order (D13): structure, limits, quota; then the automation side effects, then storage.
/// A failure after the slot is reserved undoes the automations and gives the slot back.
/// </summary>
public sealed class CreateFlowTemplateCommandHandler(
    IFlowTemplateRepository flows,
    IWorkflowSlots slots,
    IWorkflowLimits workflowLimits,
    FlowLimits flowLimits,
    FlowAutomations automations,
    WorkflowMetrics metrics,
    TimeProvider clock) : ICommandHandler<CreateFlowTemplateCommand, JsonObject>
{
    public async ValueTask<JsonObject> Handle(CreateFlowTemplateCommand command, CancellationToken cancellationToken)
    {
        var document = FlowDocument.Parse(command.Body);
        var warnings = document.EvaluateLimits(flowLimits);
        if (command.EnforceLimits && warnings.Count > 0)
        {
            throw new FlowLimitsExceededException(warnings);
        }

        var slot = await slots.ReserveAsync(command.OrganizationId, workflowLimits.GetMaxAllowed(command.OrganizationId), cancellationToken);
        FlowAutomations.AutomationWork? work = null;
        try
        {
            work = await automations.ProcessAsync(command.OrganizationId, slot.WorkflowId, document, cancellationToken);
            var flow = FlowTemplate.Create(
                command.OrganizationId, new FlowTemplateId(slot.WorkflowId), document.WithAutomations(work.Results), clock.GetUtcNow());
            await flows.AddAsync(flow, slot, cancellationToken);
            metrics.WorkflowCreated(command.OrganizationId, WorkflowModel.Flow, WorkflowOrigin.Create);
            metrics.LimitWarningsIssued(warnings, enforced: false);
            return FlowTemplateJson.Render(flow, warnings);
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
