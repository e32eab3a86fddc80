using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Common.Metrics;
using WorkflowDefinitions.Application.Common.Preconditions;
using WorkflowDefinitions.Domain.FlowTemplates;

namespace WorkflowDefinitions.Application.FlowTemplates.DeleteFlowTemplate;

/// <summary>
/// An id that is not even valid syntax cannot exist, so it is a 404 here, not a 400 (contract D08). With a pinned
/// <c>If-Match</c>, the flow is deleted only at the version it names (412 otherwise), in one conditional delete; its
/// version is read from the stored flow, a large one once room for it has been taken (<see cref="FlowTemplateReads"/>).
/// </summary>
public sealed class DeleteFlowTemplateCommandHandler(IFlowTemplateRepository flows, FlowTemplateTags tags, WorkflowMetrics metrics, IAnswerRoom answers)
    : ICommandHandler<DeleteFlowTemplateCommand>
{
    public async ValueTask<Unit> Handle(DeleteFlowTemplateCommand command, CancellationToken cancellationToken)
    {
        var id = FlowTemplateId.FromPath(command.FlowId) ?? throw NotFoundException.FlowTemplate(command.FlowId);
        var revision = await PinnedRevisionAsync(command, id, cancellationToken);
        if (!await flows.DeleteAsync(command.OrganizationId, id, revision, cancellationToken))
        {
            throw revision is not null && await flows.ExistsAsync(command.OrganizationId, id, cancellationToken)
                ? PreconditionFailedException.FlowTemplate(id.Value)
                : NotFoundException.FlowTemplate(command.FlowId);
        }

        metrics.WorkflowDeleted(command.OrganizationId, WorkflowModel.Flow);
        return Unit.Value;
    }

    /// <summary>The revision a pinned <c>If-Match</c> names (checked against the stored flow); null: delete whatever is stored.</summary>
    private async Task<long?> PinnedRevisionAsync(DeleteFlowTemplateCommand command, FlowTemplateId id, CancellationToken cancellationToken)
    {
        if (command.IfMatch is not { } precondition)
        {
            return null;
        }

        if (precondition.AnyVersion)
        {
            return await flows.ExistsAsync(command.OrganizationId, id, cancellationToken) ? null : throw NotFoundException.FlowTemplate(command.FlowId);
        }

        var (stored, room) = await flows.FindTakingRoomAsync(answers, command.OrganizationId, id, heldPerStoredByte: 1, cancellationToken);
        using (room)
        {
            precondition.Check(tags.Of(stored ?? throw NotFoundException.FlowTemplate(command.FlowId)), () => PreconditionFailedException.FlowTemplate(id.Value));
            return stored.Revision;
        }
    }
}
