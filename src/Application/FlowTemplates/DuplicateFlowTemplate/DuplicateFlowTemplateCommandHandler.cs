using System.Text.Json.Nodes;
using Mediator;
using WorkflowDefinitions.Application.Automations;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Common.Metrics;
using WorkflowDefinitions.Application.Workflows;
using WorkflowDefinitions.Domain.Common;
using WorkflowDefinitions.Domain.FlowTemplates;

namespace WorkflowDefinitions.Application.FlowTemplates.DuplicateFlowTemplate;

/// <summary>
/// Contract §6.1 / D47: copy, check the copy against today's rules, reserve a slot, clone the referenced automations,
/// point the copy at its clones, store. A failure after the reservation undoes the clones and gives the slot back.
/// </summary>
public sealed class DuplicateFlowTemplateCommandHandler(
    IFlowTemplateRepository flows,
    IWorkflowSlots slots,
    IWorkflowLimits workflowLimits,
    FlowLimits flowLimits,
    FlowAutomations automations,
    WorkflowMetrics metrics,
    TimeProvider clock) : ICommandHandler<DuplicateFlowTemplateCommand, JsonObject>
{
    public async ValueTask<JsonObject> Handle(DuplicateFlowTemplateCommand command, CancellationToken cancellationToken)
    {
        var source = await flows.FindAsync(command.OrganizationId, new FlowTemplateId(command.FlowId), cancellationToken)
            ?? throw NotFoundException.FlowTemplate(command.FlowId);
        FlowDocument copy;
        try
        {
            copy = source.DuplicateDocument();
        }
        catch (InvalidDocumentException exception)
        {
            throw new InvalidDocumentException(exception.Violations, "Source template contains invalid data: ");
        }

        var slot = await slots.ReserveAsync(command.OrganizationId, workflowLimits.GetMaxAllowed(command.OrganizationId), cancellationToken);
        FlowAutomations.AutomationWork? work = null;
        try
        {
            work = await automations.CloneAsync(command.OrganizationId, source.Id.Value, slot.WorkflowId, copy.ReferencedAutomationIds, cancellationToken);
            var flow = FlowTemplate.Create(
                command.OrganizationId,
                new FlowTemplateId(slot.WorkflowId),
                copy.WithReferencesReplaced(work.ClonedIds, source.Id.Value, slot.WorkflowId),
                clock.GetUtcNow());
            await flows.AddAsync(flow, slot, cancellationToken);
            var warnings = copy.EvaluateLimits(flowLimits);
            metrics.WorkflowCreated(command.OrganizationId, WorkflowModel.Flow, WorkflowOrigin.Duplicate);
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
