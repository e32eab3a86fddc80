using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Domain.ClosingReasons;

namespace WorkflowDefinitions.Application.ClosingReasons.DeleteClosingReason;

/// <summary>An id that is not even valid syntax cannot exist, so it is a 404 here, not a 400 (contract D08).</summary>
public sealed class DeleteClosingReasonCommandHandler(IClosingReasonRepository reasons)
    : ICommandHandler<DeleteClosingReasonCommand>
{
    public async ValueTask<Unit> Handle(DeleteClosingReasonCommand command, CancellationToken cancellationToken)
    {
        var deleted = ClosingReasonId.FromPath(command.ReasonId) is { } id
            && await reasons.DeleteAsync(command.OrganizationId, id, cancellationToken);
        return deleted ? Unit.Value : throw NotFoundException.ClosingReason(command.ReasonId);
    }
}
