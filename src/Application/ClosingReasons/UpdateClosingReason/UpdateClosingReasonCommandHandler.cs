using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Domain.ClosingReasons;

namespace WorkflowDefinitions.Application.ClosingReasons.UpdateClosingReason;

/// <summary>The patch (400) before existence (404, D13); a patch that loses a race is applied again on the newer revision.</summary>
public sealed class UpdateClosingReasonCommandHandler(IClosingReasonRepository reasons, TimeProvider clock)
    : ICommandHandler<UpdateClosingReasonCommand, ClosingReasonDto>
{
    public ValueTask<ClosingReasonDto> Handle(UpdateClosingReasonCommand command, CancellationToken cancellationToken)
    {
        var id = new ClosingReasonId(command.ReasonId);
        var changes = ClosingReasonBodies.ReadChanges(command.Patch);

        return OptimisticConcurrency.RetryOnConflictAsync(async () =>
        {
            var reason = await reasons.FindAsync(command.OrganizationId, id, cancellationToken)
                ?? throw NotFoundException.ClosingReason(command.ReasonId);
            if (reason.Apply(changes, clock.GetUtcNow()))
            {
                await reasons.UpdateAsync(reason, cancellationToken);
            }

            return reason.ToDto();
        });
    }
}
