using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Domain.ClosingReasons;

namespace WorkflowDefinitions.Application.ClosingReasons.ChangeReasonStatus;

/// <summary>The body (400) before existence (404); applied before the 202 is sent, so a following read sees it (contract D25).</summary>
public sealed class ChangeReasonStatusCommandHandler(IClosingReasonRepository reasons, TimeProvider clock)
    : ICommandHandler<ChangeReasonStatusCommand>
{
    public ValueTask<Unit> Handle(ChangeReasonStatusCommand command, CancellationToken cancellationToken)
    {
        var id = new ClosingReasonId(command.ReasonId);
        var status = ClosingReasonBodies.ReadStatusChange(command.Body);

        return OptimisticConcurrency.RetryOnConflictAsync(async () =>
        {
            var reason = await reasons.FindAsync(command.OrganizationId, id, cancellationToken)
                ?? throw NotFoundException.ClosingReason(command.ReasonId);
            if (reason.ChangeStatus(status, clock.GetUtcNow()))
            {
                await reasons.UpdateAsync(reason, cancellationToken);
            }

            return Unit.Value;
        });
    }
}
