using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Common.Preconditions;
using WorkflowDefinitions.Domain.ClosingReasons;

namespace WorkflowDefinitions.Application.ClosingReasons.DeleteClosingReason;

/// <summary>
/// An id that is not even valid syntax cannot exist, so it is a 404 here, not a 400 (contract D08). With a pinned
/// <c>If-Match</c>, the reason is deleted only at the version it names (412 otherwise), in one conditional delete.
/// </summary>
public sealed class DeleteClosingReasonCommandHandler(IClosingReasonRepository reasons)
    : ICommandHandler<DeleteClosingReasonCommand>
{
    public async ValueTask<Unit> Handle(DeleteClosingReasonCommand command, CancellationToken cancellationToken)
    {
        var id = ClosingReasonId.FromPath(command.ReasonId) ?? throw NotFoundException.ClosingReason(command.ReasonId);
        var revision = await PinnedRevisionAsync(command, id, cancellationToken);
        if (!await reasons.DeleteAsync(command.OrganizationId, id, revision, cancellationToken))
        {
            throw revision is not null && await reasons.FindAsync(command.OrganizationId, id, cancellationToken) is not null
                ? PreconditionFailedException.ClosingReason(id.Value)
                : NotFoundException.ClosingReason(command.ReasonId);
        }

        return Unit.Value;
    }

    /// <summary>The revision a pinned <c>If-Match</c> names (checked against the stored reason); null: delete whatever is stored.</summary>
    private async Task<long?> PinnedRevisionAsync(DeleteClosingReasonCommand command, ClosingReasonId id, CancellationToken cancellationToken)
    {
        if (command.IfMatch is not { } precondition)
        {
            return null;
        }

        var stored = await reasons.FindAsync(command.OrganizationId, id, cancellationToken)
            ?? throw NotFoundException.ClosingReason(command.ReasonId);
        precondition.Check(EntityTag.Of(stored.Revision), () => PreconditionFailedException.ClosingReason(id.Value));
        return precondition.AnyVersion ? null : stored.Revision;
    }
}
