using System.Text.Json.Nodes;
using Mediator;
using WorkflowDefinitions.Application.Automations;
using WorkflowDefinitions.Application.Common.Metrics;
using WorkflowDefinitions.Domain.Common;
using WorkflowDefinitions.Domain.FlowTemplates;

namespace WorkflowDefinitions.Application.FlowTemplates.CreateFlowTemplate;

/// <summary>
/// Checks in the contract's order (D13): structure, limits, quota; then the automation side effects (transient fields),
/// then storage, as <see cref="NewFlowTemplates"/> does them.
/// </summary>
public sealed class CreateFlowTemplateCommandHandler(
    NewFlowTemplates newFlows, FlowLimits flowLimits, HardLimits caps, FlowAutomations automations, WorkflowMetrics metrics)
    : ICommandHandler<CreateFlowTemplateCommand, JsonObject>
{
    public async ValueTask<JsonObject> Handle(CreateFlowTemplateCommand command, CancellationToken cancellationToken)
    {
        var document = FlowDocument.Parse(command.Body, caps);
        var warnings = document.EvaluateLimits(flowLimits);
        if (command.EnforceLimits && warnings.Count > 0)
        {
            throw new FlowLimitsExceededException(warnings);
        }

        var (flow, _) = await newFlows.StoreAsync(
            command.OrganizationId,
            WorkflowOrigin.Create,
            flowId => automations.ProcessAsync(command.OrganizationId, flowId, document, cancellationToken),
            (_, work) => document.WithAutomations(work.Results),
            cancellationToken);
        metrics.LimitWarningsIssued(warnings, enforced: false);
        return FlowTemplateJson.Render(flow, warnings);
    }
}
