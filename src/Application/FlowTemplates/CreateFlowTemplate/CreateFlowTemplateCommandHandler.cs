using Mediator;
using WorkflowDefinitions.Application.Automations;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Common.Metrics;
using WorkflowDefinitions.Application.Common.Preconditions;
using WorkflowDefinitions.Application.Workflows;
using WorkflowDefinitions.Application.Workflows.History;
using WorkflowDefinitions.Domain.Common;
using WorkflowDefinitions.Domain.FlowTemplates;

namespace WorkflowDefinitions.Application.FlowTemplates.CreateFlowTemplate;

/// <summary>
/// Checks in the contract's order (D13): structure, limits, quota (a reserved slot gives the flow its id); then the
/// automation side effects of the transient fields, then storage. Until the flow is stored, a failure gives the slot
/// back and undoes the automation changes. A dry run goes the same way and stores nothing.
/// </summary>
public sealed class CreateFlowTemplateCommandHandler(
    IFlowTemplateRepository flows,
    WorkflowQuota quota,
    FlowAutomations automations,
    FlowLimits flowLimits,
    HardLimits caps,
    FlowTemplateTags tags,
    FlowTemplateHistory history,
    WorkflowMetrics metrics,
    TimeProvider clock)
    : ICommandHandler<CreateFlowTemplateCommand, Tagged<Created>>
{
    public async ValueTask<Tagged<Created>> Handle(CreateFlowTemplateCommand command, CancellationToken cancellationToken)
    {
        var document = FlowDocument.Parse(command.Body, caps);
        var warnings = document.EvaluateLimits(flowLimits);
        if (command.EnforceLimits && warnings.Count > 0)
        {
            throw new FlowLimitsExceededException(warnings);
        }

        await using var reservation = await quota.ReserveAsync(command.OrganizationId, command.Mode, cancellationToken);
        await using var changes = automations.BeginChanges(command.OrganizationId, command.Mode);
        var results = await automations.ProcessAsync(changes, reservation.WorkflowId, document, cancellationToken);
        var flow = FlowTemplate.Create(
            command.OrganizationId, new FlowTemplateId(reservation.WorkflowId), document.WithAutomations(results), clock.GetUtcNow());
        if (command.Mode == WriteMode.Commit)
        {
            await changes.CommitAsync(() => flows.AddAsync(flow, reservation.Slot, history.Record(flow, warnings, RevisionSource.Create), cancellationToken));
            reservation.Complete();
            metrics.WorkflowCreated(command.OrganizationId, WorkflowModel.Flow, WorkflowOrigin.Create);
            metrics.LimitWarningsIssued(warnings, enforced: false);
        }

        return new Tagged<Created>(new Created(flow.Id.Value, FlowTemplateJson.Answer(flow, warnings)), tags.Of(flow));
    }
}
