using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Common.Preconditions;
using WorkflowDefinitions.Domain.ClosingReasons;

namespace WorkflowDefinitions.Application.ClosingReasons.ChangeReasonStatus;

/// <summary>
/// The body (400), existence (404), the <c>If-Match</c> precondition (412); applied before the 202 is sent, so a following
/// read sees it (contract D25).
/// </summary>
public sealed class ChangeReasonStatusCommandHandler(IClosingReasonRepository reasons, TimeProvider clock)
    : ICommandHandler<ChangeReasonStatusCommand>
{
    public ValueTask<Unit> Handle(ChangeReasonStatusCommand command, CancellationToken cancellationToken)
    {
        var id = new ClosingReasonId(command.ReasonId);
        var status = ClosingReasonBodies.ReadStatusChange(command.Body);

        return OptimisticConcurrency.RetryOnConflictAsync(command.IfMatch, () => PreconditionFailedException.ClosingReason(id.Value), async () =>
        {
            var reason = await reasons.FindAsync(command.OrganizationId, id, cancellationToken)
                ?? throw NotFoundException.ClosingReason(command.ReasonId);
            command.IfMatch?.Check(EntityTag.Of(reason.Revision), () => PreconditionFailedException.ClosingReason(id.Value));
            if (reason.ChangeStatus(status, clock.GetUtcNow()))
            {
                await reasons.UpdateAsync(reason, cancellationToken);
            }

            return Unit.Value;
        });
    }
}
