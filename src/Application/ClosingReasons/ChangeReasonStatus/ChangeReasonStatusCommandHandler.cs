using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Common.Validation;
using WorkflowDefinitions.Domain.ClosingReasons;

namespace WorkflowDefinitions.Application.ClosingReasons.ChangeReasonStatus;

/// <summary>Applied before the 202 is sent, so a following read sees it (contract D25).</summary>
public sealed class ChangeReasonStatusCommandHandler(IClosingReasonRepository reasons, TimeProvider clock)
    : ICommandHandler<ChangeReasonStatusCommand>
{
    public ValueTask<Unit> Handle(ChangeReasonStatusCommand command, CancellationToken cancellationToken)
    {
        var id = new ClosingReasonId(command.ReasonId);
        var status = ClosingReasonStatusNames.Parse(JsonChecks.TryGetString(command.Body["status"])!);

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
