using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Common.Metrics;
using WorkflowDefinitions.Application.Common.Preconditions;
using WorkflowDefinitions.Domain.LegacyWorkflowDefinitions;

namespace WorkflowDefinitions.Application.LegacyWorkflowDefinitions.DeleteDefinition;

/// <summary>
/// An id that is not even valid syntax cannot exist, so it is a 404 here, not a 400 (contract D08). With a pinned
/// <c>If-Match</c>, the definition is deleted only at the version it names (412 otherwise), in one conditional delete;
/// its version is read from the stored definition, a large one once room for it has been taken (<see cref="DefinitionReads"/>).
/// </summary>
public sealed class DeleteDefinitionCommandHandler(IWorkflowDefinitionRepository definitions, WorkflowMetrics metrics, IAnswerRoom answers)
    : ICommandHandler<DeleteDefinitionCommand>
{
    public async ValueTask<Unit> Handle(DeleteDefinitionCommand command, CancellationToken cancellationToken)
    {
        var id = WorkflowDefinitionId.FromPath(command.DefinitionId) ?? throw NotFoundException.Definition(command.DefinitionId);
        var revision = await PinnedRevisionAsync(command, id, cancellationToken);
        if (!await definitions.DeleteAsync(command.OrganizationId, id, revision, cancellationToken))
        {
            throw revision is not null && await definitions.ExistsAsync(command.OrganizationId, id, cancellationToken)
                ? PreconditionFailedException.Definition(id.Value)
                : NotFoundException.Definition(command.DefinitionId);
        }

        metrics.WorkflowDeleted(command.OrganizationId, WorkflowModel.Definition);
        return Unit.Value;
    }

    /// <summary>The revision a pinned <c>If-Match</c> names (checked against the stored definition); null: delete whatever is stored.</summary>
    private async Task<long?> PinnedRevisionAsync(DeleteDefinitionCommand command, WorkflowDefinitionId id, CancellationToken cancellationToken)
    {
        if (command.IfMatch is not { } precondition)
        {
            return null;
        }

        if (precondition.AnyVersion)
        {
            return await definitions.ExistsAsync(command.OrganizationId, id, cancellationToken) ? null : throw NotFoundException.Definition(command.DefinitionId);
        }

        var (stored, room) = await definitions.FindTakingRoomAsync(answers, command.OrganizationId, id, cancellationToken);
        using (room)
        {
            precondition.Check(EntityTag.Of((stored ?? throw NotFoundException.Definition(command.DefinitionId)).Revision), () => PreconditionFailedException.Definition(id.Value));
            return stored.Revision;
        }
    }
}
