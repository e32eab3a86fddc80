using Mediator;
using WorkflowDefinitions.Application.Automations;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Common.Metrics;
using WorkflowDefinitions.Application.Common.Preconditions;
using WorkflowDefinitions.Application.Workflows;
using WorkflowDefinitions.Application.Workflows.History;
using WorkflowDefinitions.Domain.Common;
using WorkflowDefinitions.Domain.FlowTemplates;

namespace WorkflowDefinitions.Application.FlowTemplates.DuplicateFlowTemplate;

/// <summary>
/// Contract §6.1 / D47: copy, check the copy against today's rules, reserve a slot (the copy's id), clone the referenced
/// automations, point the copy at its clones and store it. Until the copy is stored, a failure gives the slot back and
/// deletes the clones. A dry run goes the same way and stores or clones nothing. A large source is read once room has
/// been taken for it and its copies (<see cref="IAnswerRoom"/>), held until the response is done.
/// </summary>
public sealed class DuplicateFlowTemplateCommandHandler(
    IFlowTemplateRepository flows,
    WorkflowQuota quota,
    FlowAutomations automations,
    FlowLimits flowLimits,
    HardLimits caps,
    FlowTemplateTags tags,
    FlowTemplateHistory history,
    WorkflowMetrics metrics,
    IAnswerRoom answers,
    TimeProvider clock)
    : ICommandHandler<DuplicateFlowTemplateCommand, Tagged<Created>>
{
    public async ValueTask<Tagged<Created>> Handle(DuplicateFlowTemplateCommand command, CancellationToken cancellationToken)
    {
        var id = new FlowTemplateId(command.FlowId);
        var (source, _) = await flows.FindTakingRoomAsync(answers, command.OrganizationId, id, DocumentBytes.CopiedPerTextByte, cancellationToken);
        var copy = DuplicateDocument(source ?? throw NotFoundException.FlowTemplate(command.FlowId));

        await using var reservation = await quota.ReserveAsync(command.OrganizationId, command.Mode, cancellationToken);
        await using var changes = automations.BeginChanges(command.OrganizationId, command.Mode);
        var clonedIds = await automations.CloneAsync(changes, source.Id.Value, reservation.WorkflowId, copy.ReferencedAutomationIds, cancellationToken);
        var flow = FlowTemplate.Create(
            command.OrganizationId,
            new FlowTemplateId(reservation.WorkflowId),
            copy.WithReferencesReplaced(clonedIds, source.Id.Value, reservation.WorkflowId),
            clock.GetUtcNow());
        var warnings = copy.EvaluateLimits(flowLimits);
        if (command.Mode == WriteMode.Commit)
        {
            await changes.CommitAsync(() => flows.AddAsync(flow, reservation.Slot, history.Record(flow, warnings, RevisionSource.Duplicate), cancellationToken));
            reservation.Complete();
            metrics.WorkflowCreated(command.OrganizationId, WorkflowModel.Flow, WorkflowOrigin.Duplicate);
            metrics.LimitWarningsIssued(warnings, enforced: false);
        }

        return new Tagged<Created>(new Created(flow.Id.Value, FlowTemplateJson.Answer(flow, warnings)), tags.Of(flow));
    }

    /// <summary>The source as a new document, checked against today's rules; a stored flow that fails them is a 400 (D47).</summary>
    private FlowDocument DuplicateDocument(FlowTemplate source)
    {
        try
        {
            return source.DuplicateDocument(caps);
        }
        catch (InvalidDocumentException exception)
        {
            throw new InvalidDocumentException(exception.Violations, "Source template contains invalid data: ");
        }
    }
}
