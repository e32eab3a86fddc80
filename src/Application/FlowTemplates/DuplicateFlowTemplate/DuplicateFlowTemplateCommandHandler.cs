using System.Text.Json.Nodes;
using Mediator;
using WorkflowDefinitions.Application.Automations;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Common.Metrics;
using WorkflowDefinitions.Domain.Common;
using WorkflowDefinitions.Domain.FlowTemplates;

namespace WorkflowDefinitions.Application.FlowTemplates.DuplicateFlowTemplate;

/// <summary>
/// Contract §6.1 / D47: copy, check the copy against today's rules, then (<see cref="NewFlowTemplates"/>) reserve a slot,
/// clone the referenced automations, point the copy at its clones and store it.
/// </summary>
public sealed class DuplicateFlowTemplateCommandHandler(
    IFlowTemplateRepository flows, NewFlowTemplates newFlows, FlowLimits flowLimits, HardLimits caps, FlowAutomations automations, WorkflowMetrics metrics)
    : ICommandHandler<DuplicateFlowTemplateCommand, JsonObject>
{
    public async ValueTask<JsonObject> Handle(DuplicateFlowTemplateCommand command, CancellationToken cancellationToken)
    {
        var source = await flows.FindAsync(command.OrganizationId, new FlowTemplateId(command.FlowId), cancellationToken)
            ?? throw NotFoundException.FlowTemplate(command.FlowId);
        FlowDocument copy;
        try
        {
            copy = source.DuplicateDocument(caps);
        }
        catch (InvalidDocumentException exception)
        {
            throw new InvalidDocumentException(exception.Violations, "Source template contains invalid data: ");
        }

        var (flow, _) = await newFlows.StoreAsync(
            command.OrganizationId,
            WorkflowOrigin.Duplicate,
            flowId => automations.CloneAsync(command.OrganizationId, source.Id.Value, flowId, copy.ReferencedAutomationIds, cancellationToken),
            (flowId, work) => copy.WithReferencesReplaced(work.ClonedIds, source.Id.Value, flowId),
            cancellationToken);
        var warnings = copy.EvaluateLimits(flowLimits);
        metrics.LimitWarningsIssued(warnings, enforced: false);
        return FlowTemplateJson.Render(flow, warnings);
    }
}
